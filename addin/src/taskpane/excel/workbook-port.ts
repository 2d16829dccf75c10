import { columnLetters, parseCellAddress, type CellPosition, type TemplateKey } from '@samla/shared';

/** One template's table as read from the workbook: its values (header row first) and where they start. */
export interface TableSnapshot {
  readonly template: TemplateKey;
  /** The sheet's name in the user's workbook. */
  readonly sheet: string;
  /** The header row's first cell (the row above the data when the table's header row is hidden). */
  readonly origin: CellPosition;
  readonly values: unknown[][];
}

/**
 * A sheet Samla leaves be: it has a template's name (in any letter case) but holds something else, or it is Samla's
 * table stamped with a layout version this add-in can't upgrade — `newer` (made by a newer Samla) or `unmappable` (an
 * older version whose changes can't be mapped; template-stamp.ts in shared).
 */
export interface ForeignSheet {
  readonly template: TemplateKey;
  readonly sheet: string;
  readonly newer?: number;
  readonly unmappable?: number;
}

export interface TemplatesResult {
  /** Templates Samla inserted now. */
  readonly created: TemplateKey[];
  /** Templates that were there already (as Samla's table, or as a sheet Samla turned into one). */
  readonly found: TemplateKey[];
  /** Templates of an older version, upgraded in place: headers, dropdowns and formats; the rows kept. */
  readonly upgraded?: TemplateKey[];
  /** Sheets named like a template that Samla did not make and did not touch. */
  readonly foreign?: ForeignSheet[];
}

/** A cell to mark as faulty, by sheet and A1 address without the sheet (e.g. `G14`). */
export interface CellMark {
  readonly sheet: string;
  readonly address: string;
  readonly severity: 'error' | 'warning';
}

/** A cell's address within its sheet, for `CellMark`: `Kostnader!G14` → `G14`. */
export function addressInSheet(cell: string): string {
  const parsed = parseCellAddress(cell);
  return parsed ? `${columnLetters(parsed.position.column)}${parsed.position.row}` : cell;
}

/** What a load-back did to a template's table: the data rows it held before, and the rows written in their place. */
export interface WrittenRows {
  readonly template: TemplateKey;
  readonly sheet: string;
  /** Data rows the table held before (blank rows not counted). */
  readonly replaced: number;
  readonly written: number;
}

/** What became of a report: opened as a new workbook, or too large for that and to be downloaded instead. */
export type OpenedReport = 'opened' | 'download';

/**
 * Everything the pane asks of a workbook. Excel implements it with Office.js (excel-workbook.ts), the browser
 * preview with an in-memory grid; the components know nothing else.
 */
export interface WorkbookPort {
  /** Inserts the Aktiviteter and Kostnader tables, or recognises (and upgrades) them where they exist. */
  ensureTemplates(): Promise<TemplatesResult>;
  /** Reads both templates' tables (re-applying their dropdowns and formats); a template that is missing is left out. */
  readTemplates(): Promise<TableSnapshot[]>;
  /** Marks faulty cells; the marks of the previous run are removed first. */
  markCells(marks: readonly CellMark[]): Promise<void>;
  /** Removes every mark Samla made, and nothing else. */
  clearMarks(): Promise<void>;
  /** Selects a cell, making its sheet the active one. */
  selectCell(sheet: string, address: string): Promise<void>;
  /**
   * Replaces every data row of the template's table with `rows` (stored rows, column key → typed value, as
   * `GET /api/submissions/{board}/{year}/{template}/{version}` gives them), under the table's own headers: the Total
   * Row, a hidden header row and the user's own columns (left empty) stay. The table must exist (`ensureTemplates`).
   */
  writeRows(template: TemplateKey, rows: readonly Readonly<Record<string, unknown>>[]): Promise<WrittenRows>;
  /** Opens an xlsx file (base64) as a new workbook; `download` when it is too large to open that way. */
  openWorkbook(base64: string, fileName: string): Promise<OpenedReport>;
}
