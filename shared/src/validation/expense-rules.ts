import { normalizeId, yearOf, type RowRule } from './row-rules';

const dateInYear: RowRule = ({ values }, { year }, report) => {
  if (typeof values.date === 'string' && yearOf(values.date) !== year) {
    report('date-outside-year', 'date', { value: values.date, year });
  }
};

const negativeIsCorrection: RowRule = ({ values }, _context, report) => {
  if (typeof values.amount === 'number' && values.amount < 0) report('correction', 'amount', { value: values.amount });
};

/** The rules of an expense row beyond its cells' own types. */
export const EXPENSE_RULES: readonly RowRule[] = [dateInYear, negativeIsCorrection];

/** An expense's activity must be one of the board's activities for the year. */
export function activityLinkRule(activityIds: Iterable<string>): RowRule {
  const known = new Set<string>();
  for (const id of activityIds) known.add(normalizeId(id));
  return ({ values }, { year }, report) => {
    const activityId = values.activityId;
    if (typeof activityId === 'string' && !known.has(normalizeId(activityId))) {
      report('unknown-activity', 'activityId', { value: activityId, year });
    }
  };
}
