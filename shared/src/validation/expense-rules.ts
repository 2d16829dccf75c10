import { shownNumber } from '../i18n/localized';
import type { ExpenseRow } from '../templates/expenses-template';
import type { TypedRowRule } from '../templates/template-module';
import { yearOf } from './row-rules';

const dateInYear: TypedRowRule<ExpenseRow> = ({ values }, { year }, report) => {
  if (typeof values.date === 'string' && yearOf(values.date) !== year) {
    report('date-outside-year', 'date', { value: values.date, year });
  }
};

const negativeIsCorrection: TypedRowRule<ExpenseRow> = ({ values }, _context, report) => {
  if (typeof values.amount === 'number' && values.amount < 0) report('correction', 'amount', { value: shownNumber(values.amount) });
};

/**
 * The rules of an expense row beyond its cells' own types (mission.md, "Expenses"). The link to an activity is the
 * module's reference (template-modules.ts), judged by reference-rules.ts.
 */
export const EXPENSE_RULES: readonly TypedRowRule<ExpenseRow>[] = [dateInYear, negativeIsCorrection];
