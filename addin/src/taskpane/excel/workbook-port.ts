import { columnLetters, parseCellAddress, type CellPosition, type TemplateKey } from '@samla/shared';

/** One template's table as read from the workbook: its values (header row first) and where they start. */
export interface TableSnapshot {
  readonly template: TemplateKey;
  /** The sheet's name in the user's workbook. */
  readonly sheet: string;
  /** The header row's first cell. */
  readonly origin: CellPosition;
  readonly values: unknown[][];
}

export interface TemplatesResult {
  /** Templates Samla inserted now. */
  readonly created: TemplateKey[];
  /** Templates that were there already (as Samla's table, or as a sheet Samla turned into one). */
  readonly found: TemplateKey[];
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

/**
 * Everything the pane asks of a workbook. Excel implements it with Office.js (excel-workbook.ts), the browser
 * preview with an in-memory grid; the components know nothing else.
 */
export interface WorkbookPort {
  /** Inserts the Aktiviteter and Kostnader tables, or recognises them where they exist. */
  ensureTemplates(): Promise<TemplatesResult>;
  /** Reads both templates' tables; a template that is missing is left out. Clears earlier marks. */
  readTemplates(): Promise<TableSnapshot[]>;
  /** Marks faulty cells; the marks of the previous run are gone once `readTemplates` has run. */
  markCells(marks: readonly CellMark[]): Promise<void>;
  /** Selects a cell, making its sheet the active one. */
  selectCell(sheet: string, address: string): Promise<void>;
  /** Opens an xlsx file (base64) as a new workbook. */
  openWorkbook(base64: string, fileName: string): Promise<void>;
}
