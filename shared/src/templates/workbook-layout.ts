import { columnLetters } from '../sheet/cell-address';
import type { Column } from './column-definition';
import { NUMBER_FORMATS } from './formats';
import { YES_NO, type ListDefinition } from './list-definitions';
import type { AnyTemplate } from './templates';

/**
 * How a standard template is laid out in a workbook, whoever writes it: the add-in through Office.js and the server
 * through ExcelJS read these, so a template made in Excel and one downloaded from the API look alike.
 */

/** The hidden sheet holding the dropdowns' choices (inline lists are limited to 255 characters). */
export const LISTS_SHEET = 'Listor';
export const TABLE_STYLE = 'TableStyleMedium2';

/** The yes/no column's dropdown is a list like any other, with the labels the sheet reader accepts. */
const YES_NO_LIST: ListDefinition = {
  name: 'yesNo',
  options: [
    { key: 'yes', label: YES_NO.yes },
    { key: 'no', label: YES_NO.no },
  ],
};

/** The number format of a column's cells: its own for dates and numbers, text for everything typed as text. */
export function columnFormat(column: Column): string {
  return column.type === 'date' || column.type === 'number' ? column.numFmt : NUMBER_FORMATS.text;
}

/** The list a column's dropdown offers, if it has one. */
export function dropdownList(column: Column): ListDefinition | undefined {
  if (column.type === 'list') return column.list;
  return column.type === 'boolean' ? YES_NO_LIST : undefined;
}

export interface DropdownList {
  readonly list: ListDefinition;
  /** The Swedish labels, as the dropdown shows them. */
  readonly choices: readonly string[];
  /** Where the choices stand on the lists sheet: `Listor!$A$1:$A$7`. */
  readonly range: string;
}

/**
 * Every list the templates' dropdowns use, once each in column order, and where it stands on the lists sheet: one
 * column per list, from row 1 (no header, so the sheet is never taken for a template).
 */
export function dropdownLists(templates: readonly AnyTemplate[]): Map<string, DropdownList> {
  const lists = new Map<string, DropdownList>();
  for (const column of templates.flatMap((template) => template.columns)) {
    const list = dropdownList(column);
    if (!list || lists.has(list.name)) continue;
    const letters = columnLetters(lists.size + 1);
    const choices = list.options.map((option) => option.label.sv);
    lists.set(list.name, { list, choices, range: `${LISTS_SHEET}!$${letters}$1:$${letters}$${choices.length}` });
  }
  return lists;
}

/** The lists sheet's values: a rectangle, one column per list, padded with empty strings. */
export function listsSheetValues(lists: ReadonlyMap<string, DropdownList>): string[][] {
  const columns = [...lists.values()];
  const height = Math.max(0, ...columns.map((entry) => entry.choices.length));
  return Array.from({ length: height }, (_, row) => columns.map((entry) => entry.choices[row] ?? ''));
}
