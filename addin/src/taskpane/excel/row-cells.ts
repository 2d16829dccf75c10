import { YES_NO, columnForHeader, serialFromIsoDate, templateDefinition, type Column, type TemplateKey } from '@samla/shared';
import { DAYS_1900_TO_1904, type DateSystem } from './date-system';

/** A stored row as the API gives it back: column key → typed value (ISO dates, list keys, numbers, booleans, text). */
export type StoredRow = Readonly<Record<string, unknown>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A stored value as the cell that Samla's reader reads back as that same value: a list key as its Swedish label (the
 * dropdown's text), yes/no as `Ja`/`Nej`, an ISO date as the serial of the workbook's date system (`date-system.ts`;
 * the cell's date format shows it), numbers as numbers, text as text. Empty for a missing value.
 */
export function cellValue(column: Column, value: unknown, dateSystem: DateSystem): string | number {
  if (value === undefined || value === null) return '';
  if (column.type === 'list') return column.list.options.find((option) => option.key === value)?.label.sv ?? String(value);
  if (column.type === 'boolean' && typeof value === 'boolean') return value ? YES_NO.yes.sv : YES_NO.no.sv;
  if (column.type === 'date' && typeof value === 'string' && ISO_DATE.test(value))
    return serialFromIsoDate(value) - (dateSystem === 1904 ? DAYS_1900_TO_1904 : 0);
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

/**
 * A number as text that Samla's reader (`parseNumberText`) reads back as exactly that number: a decimal comma, and a
 * fourth decimal `0` where exactly three decimals would read as a thousands group (`1,125` is ambiguous, `1,1250` is not).
 */
export function numberText(value: number): string {
  const [whole = '0', fraction] = String(value).split('.');
  if (fraction === undefined) return whole;
  return `${whole},${fraction.length === 3 ? `${fraction}0` : fraction}`;
}

/** A stored value as the text a person would type in the browser preview's grid (ISO dates, Swedish labels). */
export function cellText(column: Column, value: unknown): string {
  if (typeof value === 'number' && column.type !== 'date') return numberText(value);
  const cell = cellValue(column, value, 1900);
  return column.type === 'date' && typeof value === 'string' ? value : String(cell);
}

/**
 * Stored rows laid out under a table's own header (`headers`, in the table's column order): each template column at
 * the column its header names, wherever the user moved it; a column the user added is left empty. `toCell` makes
 * each cell (Excel values, or preview text).
 */
export function rowsUnderHeaders<T>(
  template: TemplateKey,
  headers: readonly unknown[],
  rows: readonly StoredRow[],
  toCell: (column: Column, value: unknown) => T,
  empty: T,
): T[][] {
  const definition = templateDefinition(template);
  const columns = headers.map((header) => columnForHeader(definition, header));
  return rows.map((row) => columns.map((column) => (column ? toCell(column, row[column.key]) : empty)));
}
