import type { Cell } from 'exceljs';

/** Excel's text number format: a cell in it keeps what is typed as text, even when the user edits it. */
export const TEXT_FORMAT = '@';

/** Characters that make Excel, LibreOffice or a CSV reader treat typed text as a formula. */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * Writes text from users so it can never become a formula: always a string value (ExcelJS writes a formula
 * only from a `{ formula }` object, so the file holds a string cell, not `<f>`), in the text format, so that
 * editing the cell in Excel keeps it text too. Every workbook writer puts user text through here.
 */
export function writeText(cell: Cell, text: string | undefined): void {
  cell.value = text ?? null;
  cell.numFmt = TEXT_FORMAT;
}
