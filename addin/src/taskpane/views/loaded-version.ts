import { isEmptyCell, templateDefinition, type TemplateKey } from '@samla/shared';

/** A stored version the user loaded back into the workbook: which, and the rows it holds. */
export interface LoadedVersion {
  readonly template: TemplateKey;
  readonly version: number;
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** A row's values in the template's column order, an empty value as null: two rows are the same when these are. */
function rowKey(template: TemplateKey, row: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(templateDefinition(template).columns.map((column) => (isEmptyCell(row[column.key]) ? null : row[column.key])));
}

/** Whether two lists of typed rows are the same rows in the same order (what a resubmission of a loaded version sends). */
export function sameRows(
  template: TemplateKey,
  first: readonly Readonly<Record<string, unknown>>[],
  second: readonly Readonly<Record<string, unknown>>[],
): boolean {
  return first.length === second.length && first.every((row, index) => rowKey(template, row) === rowKey(template, second[index] ?? {}));
}

/** The data rows of a template table as read (header row first) that hold anything: blank rows are not rows. */
export function filledRowCount(values: readonly (readonly unknown[])[]): number {
  return values.slice(1).filter((cells) => cells.some((cell) => !isEmptyCell(cell))).length;
}
