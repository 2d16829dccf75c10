import { DEFAULT_LANGUAGE, type Language } from '../i18n/localized';
import type { Column } from '../templates/column-definition';
import type { AnyTemplate } from '../templates/templates';
import type { Issue } from '../validation/issue';
import { addTallies, IssueList, type IssueTally } from '../validation/issue-list';
import { cellAddress, type CellPosition } from './cell-address';
import { CellProblem, isCellValue, isEmptyCell, readCell, showValue } from './cell-values';

export type TypedValue = string | number | boolean;

/** A row read from a sheet: its typed values by column key, and where it is in the user's sheet. */
export interface LocatedRow {
  readonly sheetRow: number;
  readonly values: Readonly<Record<string, TypedValue | undefined>>;
  /** Keys of the cells that were empty but required, or could not be read; rules leave them be. */
  readonly unreadable?: readonly string[];
}

/** Where each of the template's columns is in the user's sheet. */
export interface TemplateSheetLayout {
  readonly sheet: string;
  readonly headerRow: number;
  /** 1-based sheet column of each column key found. */
  readonly columns: ReadonlyMap<string, number>;
}

export interface SheetReading {
  readonly layout: TemplateSheetLayout;
  readonly rows: LocatedRow[];
  /** The first issues found (at most `MAX_ISSUES` per list read), in the order found. */
  readonly issues: Issue[];
  /** Every issue found, by code, including those not kept in `issues`. */
  readonly tally: IssueTally;
}

export interface ReadOptions {
  /** The sheet's name in the user's workbook; the template's sheet name by default. */
  readonly sheet?: string;
  /** Where the header row's first cell is; A1 by default. */
  readonly origin?: CellPosition;
  readonly language?: Language;
}

interface PlacedColumn {
  readonly column: Column;
  readonly index: number;
  readonly sheetColumn: number;
}

/**
 * A header or label as Samla compares it (template headers, cell comments' columns, the Information sheet's labels):
 * Unicode NFC (a `ö` typed as `o` + U+0308, as macOS and some programs write it, is the
 * same header; Unicode Standard Annex #15), spaces trimmed and runs of white space made one, lower case.
 */
export function comparableText(header: unknown): string {
  return (isCellValue(header) ? String(header) : '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const headerLookups = new WeakMap<AnyTemplate, Map<string, Column>>();

function headerLookup(template: AnyTemplate): Map<string, Column> {
  let lookup = headerLookups.get(template);
  if (!lookup) {
    lookup = new Map();
    for (const column of template.columns) {
      for (const name of [column.label.sv, column.label.en, column.key]) lookup.set(comparableText(name), column);
    }
    headerLookups.set(template, lookup);
  }
  return lookup;
}

/** The template's column a header text names (Swedish or English label, or key), or undefined. */
export function columnForHeader(template: AnyTemplate, header: unknown): Column | undefined {
  return isEmptyCell(header) ? undefined : headerLookup(template).get(comparableText(header));
}

function placeColumns(template: AnyTemplate, header: readonly unknown[], origin: CellPosition, issues: IssueList): PlacedColumn[] {
  const lookup = headerLookup(template);
  const placed = new Map<string, PlacedColumn>();
  header.forEach((text, index) => {
    const sheetColumn = origin.column + index;
    if (isEmptyCell(text)) return;
    const column = lookup.get(comparableText(text));
    if (!column) {
      issues.add('unknown-column', origin.row, null, sheetColumn, { header: showValue(typeof text === 'string' ? text.trim() : text) });
      return;
    }
    const earlier = placed.get(column.key);
    if (earlier) {
      const other = cellAddress(issues.sheet, origin.row, earlier.sheetColumn);
      issues.add('duplicate-column', origin.row, column, sheetColumn, { label: column.label[issues.language], other });
      return;
    }
    placed.set(column.key, { column, index, sheetColumn });
  });
  for (const column of template.columns) {
    if (column.required && !placed.has(column.key)) {
      issues.add('missing-column', origin.row, null, origin.column, { label: column.label[issues.language] });
    }
  }
  return [...placed.values()];
}

/** Reads one row's cells; returns undefined for a blank row. */
function readRow(cells: readonly unknown[], placed: readonly PlacedColumn[], sheetRow: number, issues: IssueList): LocatedRow | undefined {
  const values: Record<string, TypedValue | undefined> = {};
  let unreadable: string[] | undefined;
  let blank = true;
  for (const { index } of placed) {
    if (!isEmptyCell(cells[index])) {
      blank = false;
      break;
    }
  }
  if (blank) return undefined;
  for (const { column, index, sheetColumn } of placed) {
    const raw = cells[index];
    if (isEmptyCell(raw)) {
      if (column.required) {
        issues.add('required', sheetRow, column, sheetColumn);
        (unreadable ??= []).push(column.key);
      }
      continue;
    }
    const reading = readCell(column, raw);
    if (reading instanceof CellProblem) {
      issues.add(reading.code, sheetRow, column, sheetColumn, reading.params);
      (unreadable ??= []).push(column.key);
    } else values[column.key] = reading;
  }
  return unreadable ? { sheetRow, values, unreadable } : { sheetRow, values };
}

/**
 * A sheet read one row at a time: its header placed once (`layout`, and the header's issues in `issues`), then each
 * row read as it comes (`read`), so a caller that streams a large sheet never holds its values. `readSheet` is this
 * over a whole 2-D array.
 */
export interface SheetRowReader {
  readonly layout: TemplateSheetLayout;
  /** The issues found so far, the header's first (at most `MAX_ISSUES` kept, every one counted). */
  readonly issues: IssueList;
  /**
   * Reads the row at `index` of the sheet's values (1 is the row below the header) into typed values and issues;
   * undefined for a blank row. Rows must come in ascending order, as they stand in the sheet.
   */
  read(index: number, cells: readonly unknown[]): LocatedRow | undefined;
}

/**
 * Places a sheet's header (row 0 of its values, as Office.js and ExcelJS deliver them) against a template: headers
 * match in either language and any order. A header with nothing in it is the `no-header` error, and no row is read.
 */
export function sheetRowReader(template: AnyTemplate, header: readonly unknown[] | undefined, options: ReadOptions = {}): SheetRowReader {
  const origin = options.origin ?? { row: 1, column: 1 };
  const issues = new IssueList(options.sheet ?? template.sheetName, options.language ?? DEFAULT_LANGUAGE);
  const columns = new Map<string, number>();
  const layout: TemplateSheetLayout = { sheet: issues.sheet, headerRow: origin.row, columns };
  if (!header || header.every(isEmptyCell)) {
    issues.add('no-header', origin.row, null, origin.column);
    return { layout, issues, read: () => undefined };
  }
  const placed = placeColumns(template, header, origin, issues);
  for (const { column, sheetColumn } of placed) columns.set(column.key, sheetColumn);
  return {
    layout,
    issues,
    // Blank rows (holes, or empty arrays) cost one check each: a lone row at 1 048 576 must not walk a million rows.
    read: (index, cells) => (cells.length === 0 ? undefined : readRow(cells, placed, origin.row + index, issues)),
  };
}

/**
 * Reads a sheet's values as Office.js and ExcelJS deliver them — a 2-D array, header row first — into typed
 * rows and issues. Headers match in either language and any order; blank rows are skipped.
 */
export function readSheet(template: AnyTemplate, values: readonly (readonly unknown[])[], options: ReadOptions = {}): SheetReading {
  const reader = sheetRowReader(template, values[0], options);
  const rows: LocatedRow[] = [];
  for (let index = 1; index < values.length; index += 1) {
    const cells = values[index];
    if (!cells) continue;
    const row = reader.read(index, cells);
    if (row) rows.push(row);
  }
  return { layout: reader.layout, rows, issues: reader.issues.issues, tally: reader.issues.tally };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads rows given as JSON objects keyed by column key (the API's body) with the same rules as a sheet.
 * Row n of the list is sheet row n + 1 of the template's own layout (header on row 1, columns in order).
 * Only a record's own properties are read; a row that is not an object is an error at its first cell.
 */
export function readRecords(template: AnyTemplate, records: readonly unknown[], options: Omit<ReadOptions, 'origin'> = {}): SheetReading {
  const keys = template.columns.map((column) => column.key);
  const extraKeys = new Set<string>();
  const matrix: unknown[][] = [keys];
  const issues = new IssueList(options.sheet ?? template.sheetName, options.language ?? DEFAULT_LANGUAGE);
  for (const [index, record] of records.entries()) {
    if (!isRecord(record)) {
      issues.add('row-not-an-object', index + 2, null, 1);
      matrix.push([]);
      continue;
    }
    for (const key of Object.keys(record)) if (!keys.includes(key)) extraKeys.add(key);
    matrix.push(keys.map((key) => (Object.hasOwn(record, key) ? record[key] : undefined)));
  }
  const reading = readSheet(template, matrix, options);
  const header = new IssueList(reading.layout.sheet, options.language ?? DEFAULT_LANGUAGE);
  for (const key of extraKeys) header.add('unknown-column', 1, null, keys.length + 1, { header: showValue(key) });
  return { ...reading, issues: [...header.issues, ...reading.issues, ...issues.issues], tally: addTallies(header.tally, reading.tally, issues.tally) };
}
