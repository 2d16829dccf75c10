import { NUMBER_FORMATS } from './formats';
import { defineTemplate, type RowOf } from './column-definition';
import { EXPENSE_CATEGORIES, FUNDING_SOURCES } from './list-definitions';

/**
 * The largest amount one cost line can hold, either sign, in kronor. The largest yearly grant ceiling of the
 * initiative is 3 100 000 kr and its whole budget 4 500 000 kr; a single line over 10 000 000 kr is a typo. The bound
 * also keeps every amount exact to the öre as a double (exact up to 2^53 öre, about 90 000 000 000 000 kr).
 */
export const MAX_AMOUNT = 10_000_000;

/** Kostnader: one row per cost line. */
export const EXPENSES_TEMPLATE = defineTemplate({
  key: 'expenses',
  sheetName: 'Kostnader',
  tableName: 'SamlaKostnader',
  label: { sv: 'Kostnader', en: 'Expenses' },
  idColumn: 'expenseId',
  columns: [
    { key: 'expenseId', type: 'id', maxLength: 40, required: true, width: 16, label: { sv: 'Kostnads-ID', en: 'Expense ID' } },
    { key: 'date', type: 'date', numFmt: NUMBER_FORMATS.date, required: true, width: 14, label: { sv: 'Bokföringsdatum', en: 'Booking date' } },
    { key: 'category', type: 'list', list: EXPENSE_CATEGORIES, required: true, width: 30, label: { sv: 'Kostnadsslag', en: 'Category' } },
    { key: 'activityId', type: 'id', maxLength: 40, required: false, width: 16, label: { sv: 'Aktivitets-ID', en: 'Activity ID' } },
    { key: 'description', type: 'text', maxLength: 500, required: true, width: 40, label: { sv: 'Beskrivning', en: 'Description' } },
    { key: 'supplier', type: 'text', maxLength: 200, required: false, width: 24, label: { sv: 'Leverantör', en: 'Supplier' } },
    {
      key: 'amount',
      type: 'number',
      integer: false,
      maxDecimals: 2,
      min: -MAX_AMOUNT,
      max: MAX_AMOUNT,
      nonZero: true,
      numFmt: NUMBER_FORMATS.amount,
      required: true,
      width: 18,
      label: { sv: 'Belopp (kr exkl. moms)', en: 'Amount (SEK excl. VAT)' },
    },
    { key: 'voucher', type: 'text', maxLength: 100, required: true, width: 18, label: { sv: 'Verifikationsnummer', en: 'Voucher number' } },
    { key: 'funding', type: 'list', list: FUNDING_SOURCES, required: true, width: 20, label: { sv: 'Finansiering', en: 'Funding' } },
  ],
});

export type ExpenseRow = RowOf<typeof EXPENSES_TEMPLATE.columns>;
