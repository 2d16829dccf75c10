import { NUMBER_FORMATS } from '@samla/shared';
import type { Cell, Style } from 'exceljs';

/** Excel's text number format: a cell in it keeps what is typed as text, even when the user edits it. */
export const TEXT_FORMAT = NUMBER_FORMATS.text;

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

/**
 * The same for a streamed sheet's hot path: the text with a style object shared by many cells (ExcelJS caches a
 * style by identity). The style must be in the text format, so the guarantee above holds.
 */
export function writeTextStyled(cell: Cell, text: string | undefined, style: Readonly<Partial<Style>> & { readonly numFmt: typeof TEXT_FORMAT }): void {
  cell.value = text ?? null;
  cell.style = style as Partial<Style>;
}
