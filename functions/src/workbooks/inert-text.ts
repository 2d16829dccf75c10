import { NUMBER_FORMATS } from '@samla/shared';
import type { Cell, Style } from 'exceljs';

/** Excel's text number format: a cell in it keeps what is typed as text, even when the user edits it. */
export const TEXT_FORMAT = NUMBER_FORMATS.text;

/** Characters that make Excel, LibreOffice or a CSV reader treat typed text as a formula. */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** What a character a workbook cannot hold is shown as: visibly replaced, never silently dropped. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Code points an XML 1.0 document cannot hold (W3C XML 1.0 §2.2, production `Char`): C0 controls other than tab,
 * LF and CR, lone surrogates (`\p{Cs}` with the `u` flag matches only unpaired ones), U+FFFE and U+FFFF. Also
 * U+007F: XML allows it, but ExcelJS 4.4 drops it from cell text without a trace.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF\p{Cs}]/gu;
/** XML parsers turn CR and CRLF into LF when they read element text (XML 1.0 §2.11); say so when writing. */
const LINE_END = /\r\n?/g;

/**
 * Text as a workbook can hold it, whatever is in storage (also rows stored before the reader refused such
 * characters): each code point XML 1.0 cannot hold becomes U+FFFD, and line ends become LF, as every reader
 * would read them anyway. Everything else is kept exactly. Every text a writer puts in a file goes through here.
 */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_IN_XML, REPLACEMENT_CHARACTER).replace(LINE_END, '\n');
}

/** Characters Excel refuses in a sheet name (and `'`, which ExcelJS does not double in the names it defines). */
const NOT_IN_SHEET_NAME = /[[\]:*?/\\']/g;
const MAX_SHEET_NAME = 31;

/**
 * A sheet name Excel and LibreOffice accept: XML-safe, without `[ ] : * ? / \ '` (each shown as U+FFFD), at most
 * 31 characters (Excel's limit), never empty. The writers name sheets and refer to them in formulas through this.
 */
export function safeSheetName(name: string): string {
  const safe = Array.from(xmlSafeText(name).replace(/\n/g, ' ').replace(NOT_IN_SHEET_NAME, REPLACEMENT_CHARACTER)).slice(0, MAX_SHEET_NAME).join('');
  return safe.trim() === '' ? 'Blad' : safe;
}

/**
 * Writes text from users so it can never become a formula nor break the file: always a string value (ExcelJS
 * writes a formula only from a `{ formula }` object, so the file holds a string cell, not `<f>`), XML-safe, in
 * the text format, so that editing the cell in Excel keeps it text too. Every workbook writer puts text through here.
 */
export function writeText(cell: Cell, text: string | undefined): void {
  cell.value = text === undefined ? null : xmlSafeText(text);
  cell.numFmt = TEXT_FORMAT;
}

/**
 * The same for a streamed sheet's hot path: the text with a style object shared by many cells (ExcelJS caches a
 * style by identity). The style must be in the text format, so the guarantee above holds.
 */
export function writeTextStyled(cell: Cell, text: string | undefined, style: Readonly<Partial<Style>> & { readonly numFmt: typeof TEXT_FORMAT }): void {
  cell.value = text === undefined ? null : xmlSafeText(text);
  cell.style = style as Partial<Style>;
}
