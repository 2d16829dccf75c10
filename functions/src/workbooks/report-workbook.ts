import ExcelJS from 'exceljs';
import { PassThrough, type Writable } from 'stream';
import {
  columnIndex,
  columnLetters,
  isFormulaCell,
  isTypedCell,
  NUMBER_FORMATS,
  type CellKind,
  type Highlight,
  type HighlightTone,
  type PlainValue,
  type ReportCell,
  type ReportModel,
  type ReportSheet,
} from '@samla/shared';
import { safeSheetName, TEXT_FORMAT, writeTextStyled, xmlSafeText } from './inert-text';
import { FIRST_DATA_ROW, FormulaWriter, formulaString } from './report-formula';

const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

const FORMATS: Record<CellKind, string | undefined> = {
  text: TEXT_FORMAT,
  date: NUMBER_FORMATS.date,
  dateTime: DATE_TIME_FORMAT,
  amount: NUMBER_FORMATS.amount,
  count: NUMBER_FORMATS.count,
  hours: NUMBER_FORMATS.hours,
  share: NUMBER_FORMATS.share,
  year: undefined,
};

/**
 * One style object per kind, shared by every cell of that kind: ExcelJS caches a style's id by object identity,
 * so a streamed sheet of a million cells costs a handful of style lookups instead of one each.
 */
const STYLES: Record<CellKind, Partial<ExcelJS.Style>> = Object.fromEntries(
  Object.entries(FORMATS).map(([kind, numFmt]) => [kind, numFmt ? { numFmt } : {}]),
) as Record<CellKind, Partial<ExcelJS.Style>>;
const ROWS_BETWEEN_DRAINS = 2_000;
/** How much of a sheet's XML may wait for the zip's compressor before the writer pauses. */
const ZIP_BACKLOG_BYTES = 4 * 1024 * 1024;
const MAX_BACKLOG_WAIT_MS = 30_000;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What ExcelJS 4.4 (pinned) keeps of a streamed sheet: its XML stream and the zip entry it is piped into. */
interface SheetStreamInternals {
  readonly stream?: { readonly pipes?: readonly { readonly _writableState?: { readonly length?: number }; readonly destroyed?: boolean }[] };
}

/**
 * ExcelJS pipes each sheet's XML into the zip without backpressure, so a fast writer queues the whole sheet in
 * memory ahead of the compressor. Waiting here while the queue is long keeps the memory of a large report flat.
 */
async function zipBacklogDrained(worksheet: ExcelJS.Worksheet): Promise<void> {
  // The zip entry is a readable-stream PassThrough (no `writableLength` of its own): its queue is `_writableState`.
  const entry = (worksheet as unknown as SheetStreamInternals).stream?.pipes?.[0];
  const queued = (): number | undefined => entry?._writableState?.length;
  if (queued() === undefined) return new Promise((resolve) => setImmediate(resolve));
  const deadline = Date.now() + MAX_BACKLOG_WAIT_MS;
  while ((queued() ?? 0) > ZIP_BACKLOG_BYTES && !entry?.destroyed && Date.now() < deadline) await pause(1);
}

const FORMULA_TEXT_STYLE: Partial<ExcelJS.Style> = {};
/**
 * The style of every data row, shared: ExcelJS gives each new row a style object of its own and, with styles on,
 * looks each one up by identity when the row is written, building its XML key every time (a miss per row). A shared
 * empty style is one lookup's work and writes the same row (style 0, no `s` attribute).
 */
const ROW_STYLE: Partial<ExcelJS.Style> = {};

/** ExcelJS 4.4 (pinned) keeps a row's style as `style`, which its typings leave out. */
interface RowStyleInternals {
  style: Partial<ExcelJS.Style>;
}
const TEXT_STYLE = { numFmt: TEXT_FORMAT } as const;
const HEADER_STYLE = { numFmt: TEXT_FORMAT, font: { bold: true }, alignment: { wrapText: true, vertical: 'top' } } as const;

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?/;
const digits = (text: string, from: number, to: number): number => Number(text.slice(from, to)) || 0;

/** The dates already made, by their text: a nation's rows fall on a few hundred days. Bounded, then cleared. */
const datesByText = new Map<string, Date | undefined>();
const MAX_CACHED_DATES = 4_096;

/**
 * `2013-03-01` or `2014-01-31T23:30:00` (Swedish wall-clock time) as the Date ExcelJS writes as that serial. The same
 * Date object is handed out for the same text: ExcelJS only reads it (to compute the serial), never changes it.
 */
function sheetDate(value: string): Date | undefined {
  if (datesByText.has(value)) return datesByText.get(value);
  const date = DATE_TEXT.test(value)
    ? new Date(
        Date.UTC(digits(value, 0, 4), digits(value, 5, 7) - 1, digits(value, 8, 10), digits(value, 11, 13), digits(value, 14, 16), digits(value, 17, 19)),
      )
    : undefined;
  if (datesByText.size >= MAX_CACHED_DATES) datesByText.clear();
  datesByText.set(value, date);
  return date;
}

/**
 * Whether `xmlSafeText` would give the text back unchanged: every UTF-16 unit is tab, LF or U+0020–U+D7FF /
 * U+E000–U+FFFD other than DEL (see inert-text.ts for the rule and its source, W3C XML 1.0 §2.2). The common case,
 * checked without a regular expression; anything else (a CR, a control, a surrogate pair) takes `xmlSafeText`.
 */
function plainXmlText(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x20 ? unit !== 0x09 && unit !== 0x0a : unit === 0x7f || (unit >= 0xd800 && (unit <= 0xdfff || unit >= 0xfffe))) return false;
  }
  return true;
}

/** User text into a cell, inert and XML-safe (`writeTextStyled`), without the replacing pass when nothing needs it. */
function writeReportText(cell: ExcelJS.Cell, text: string): void {
  if (plainXmlText(text)) {
    cell.value = text;
    cell.style = TEXT_STYLE;
  } else writeTextStyled(cell, text, TEXT_STYLE);
}

function isEmpty(value: PlainValue): boolean {
  return value === null || value === undefined || value === '';
}

/**
 * A plain value into the row's cell. An empty value writes no cell at all: the column's own style (text format for
 * text columns) covers it, so a large sheet doesn't carry a styled empty cell per blank field.
 */
function writePlain(row: ExcelJS.Row, column: number, kind: CellKind, value: PlainValue): void {
  if (isEmpty(value)) return;
  const cell = row.getCell(column);
  if (kind === 'text' || typeof value === 'boolean') {
    writeReportText(cell, String(value));
    return;
  }
  if ((kind === 'date' || kind === 'dateTime') && typeof value === 'string') {
    const date = sheetDate(value);
    if (!date) {
      writeReportText(cell, value);
      return;
    }
    cell.value = date;
  } else if (typeof value === 'string') {
    // A number column holding text (an unexpected stored value) stays inert text.
    writeReportText(cell, value);
    return;
  } else {
    cell.value = value;
  }
  cell.style = STYLES[kind];
}

function writeCell(row: ExcelJS.Row, column: number, columnKind: CellKind, reportCell: ReportCell, formulas: FormulaWriter, sheetName: string): void {
  if (isFormulaCell(reportCell)) {
    const kind = reportCell.kind ?? columnKind;
    const cell = row.getCell(column);
    const result = typeof reportCell.value === 'string' ? xmlSafeText(reportCell.value) : reportCell.value;
    cell.value = { formula: formulas.write(sheetName, reportCell.formula), result } as ExcelJS.CellFormulaValue;
    cell.style = kind === 'text' ? FORMULA_TEXT_STYLE : STYLES[kind];
    return;
  }
  if (isTypedCell(reportCell)) writePlain(row, column, reportCell.kind, reportCell.value);
  else writePlain(row, column, columnKind, reportCell);
}

/** How many rows a column's width is measured over: enough to see the content, bounded for a national sheet. */
const MEASURED_ROWS = 2_000;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Characters a value of a kind takes when shown (`-1 234 567,89`, `2014-01-31 23:30`, `45 %`). */
const SHOWN_WIDTH: Partial<Record<CellKind, (value: number) => number>> = {
  amount: (value) => String(Math.trunc(Math.abs(value))).length * 1.34 + 4,
  count: (value) => String(Math.trunc(Math.abs(value))).length * 1.34 + 1,
  share: () => 6,
  date: () => 10,
  dateTime: () => 16,
};

function shownWidth(kind: CellKind, value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return Math.max(...value.split('\n').map((line) => line.length));
  if (typeof value === 'number') return (SHOWN_WIDTH[kind] ?? ((number: number) => String(number).length))(value);
  return 4;
}

/**
 * Each column as wide as its content (over the first rows) and its header's longest word (the header wraps), within
 * 6–60 characters; the definition's width where the column holds nothing yet.
 */
function fittedWidths(sheet: ReportSheet): number[] {
  const widths = sheet.columns.map((column) => Math.max(...column.label.split(/\s+/).map((word) => word.length)));
  const filled = sheet.columns.map(() => false);
  let measured = 0;
  for (const cells of sheet.rows()) {
    cells.forEach((cell, index) => {
      const kind = (isFormulaCell(cell) ? cell.kind : isTypedCell(cell) ? cell.kind : undefined) ?? (sheet.columns[index]?.kind as CellKind);
      const value = isFormulaCell(cell) || isTypedCell(cell) ? cell.value : kind === 'date' && typeof cell === 'string' ? 0 : cell;
      const width = kind === 'date' && typeof cell === 'string' ? 10 : shownWidth(kind, value);
      if (width > 0) filled[index] = true;
      widths[index] = Math.max(widths[index] as number, width);
    });
    measured += 1;
    if (measured >= MEASURED_ROWS) break;
  }
  return sheet.columns.map((column, index) =>
    filled[index] ? Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil((widths[index] as number) + 2))) : Math.max(column.width, MIN_WIDTH),
  );
}

/** A4 in the `paperSize` numbering of ECMA-376 (9 = A4 210 × 297 mm). */
const A4 = 9;
/** Character units that still read well on a portrait A4 page fitted to its width; a wider sheet prints landscape. */
const PORTRAIT_WIDTH = 110;

/** Header and footer text: `&` is a code there (`&P` the page), so a literal one is doubled. */
const headerText = (text: string): string => xmlSafeText(text).replace(/\n/g, ' ').replace(/&/g, '&&').slice(0, 100);

function printSetup(sheet: ReportSheet, widths: readonly number[], title: string): Partial<ExcelJS.AddWorksheetOptions> {
  const wide = widths.reduce((total, width) => total + width, 0) > PORTRAIT_WIDTH;
  return {
    pageSetup: {
      paperSize: A4,
      orientation: wide ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: sheet.presentation?.onePage ? 1 : 0,
      printTitlesRow: '1:1',
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    } as Partial<ExcelJS.PageSetup>,
    headerFooter: {
      oddHeader: `&L&B${headerText(title)}&B&R${headerText(sheet.name)}`,
      oddFooter: `&LSamla&CSida &P av &N&R&D`,
    } as Partial<ExcelJS.HeaderFooter>,
  };
}

/** The highlight colours, with the legend's words in shared: red for alert, yellow for notice (Excel's own presets). */
const TONES: Record<HighlightTone, Partial<ExcelJS.Style>> = {
  alert: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { color: { argb: 'FF9C0006' } } },
  notice: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } }, font: { color: { argb: 'FF9C5700' } } },
};

/** A highlight's test as a formula on the first data row; Excel moves it down the rows, reading the live values. */
function highlightFormula(cell: string, highlight: Highlight): string {
  if ('startsWith' in highlight) return `LEFT(${cell},LEN(${formulaString(highlight.startsWith)}))=${formulaString(highlight.startsWith)}`;
  if ('below' in highlight) return `AND(ISNUMBER(${cell}),${cell}<${highlight.below})`;
  return `AND(ISNUMBER(${cell}),${cell}>${highlight.above})`;
}

/** Whole rows highlighted where the highlight's column matches; the first matching rule wins (alerts before notices). */
function addHighlights(worksheet: ExcelJS.Worksheet, sheet: ReportSheet): void {
  const highlights = [...(sheet.presentation?.highlights ?? [])].sort((a, b) => (a.tone === b.tone ? 0 : a.tone === 'alert' ? -1 : 1));
  if (highlights.length === 0 || sheet.rowCount === 0) return;
  const ref = `A${FIRST_DATA_ROW}:${columnLetters(sheet.columns.length)}${FIRST_DATA_ROW + sheet.rowCount - 1}`;
  const rules = highlights.map((highlight, index) => ({
    type: 'expression' as const,
    priority: index + 1,
    stopIfTrue: true,
    formulae: [highlightFormula(`$${columnLetters(columnIndex(sheet, highlight.column) + 1)}${FIRST_DATA_ROW}`, highlight)],
    style: TONES[highlight.tone],
  }));
  worksheet.addConditionalFormatting({ ref, rules });
}

const HEADER_LINE_HEIGHT = 15;

/** How many lines a header label takes when wrapped at word breaks in a column of the given width. */
function headerLines(label: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of label.split(/\s+/)) {
    if (used > 0 && used + 1 + word.length > width - 1) {
      lines += 1;
      used = word.length;
    } else used += (used > 0 ? 1 : 0) + word.length;
  }
  return lines;
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ReportSheet, formulas: FormulaWriter, title: string): Promise<void> {
  const widths = fittedWidths(sheet);
  const lastColumn = columnLetters(sheet.columns.length);
  const worksheet = workbook.addWorksheet(safeSheetName(sheet.name), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    ...printSetup(sheet, widths, title),
    ...(sheet.presentation?.filter ? { autoFilter: `A1:${lastColumn}${Math.max(sheet.rowCount + 1, 2)}` } : {}),
  });
  worksheet.columns = sheet.columns.map((column, index) => ({ key: column.key, width: widths[index], style: STYLES[column.kind] }));
  addHighlights(worksheet, sheet);
  const header = worksheet.getRow(1);
  // The header wraps; a row of fixed height would let a two-line label run into the first data row.
  header.height = HEADER_LINE_HEIGHT * Math.max(...sheet.columns.map((column, index) => headerLines(column.label, widths[index] as number)));
  sheet.columns.forEach((column, index) => {
    writeTextStyled(header.getCell(index + 1), column.label, HEADER_STYLE);
  });
  header.commit();
  const kinds = sheet.columns.map((column) => column.kind);
  let rowNumber = 2;
  for (const cells of sheet.rows()) {
    const row = worksheet.getRow(rowNumber);
    (row as unknown as RowStyleInternals).style = ROW_STYLE;
    for (let index = 0; index < cells.length; index += 1) {
      writeCell(row, index + 1, kinds[index] as CellKind, cells[index], formulas, sheet.name);
    }
    row.commit();
    rowNumber += 1;
    if (rowNumber % ROWS_BETWEEN_DRAINS === 0) await zipBacklogDrained(worksheet);
  }
  worksheet.commit();
}

/** Streams the workbook of a report model: detail sheets row by row, totals as formulas with their values. */
export async function writeReportWorkbook(model: ReportModel, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Samla';
  workbook.title = xmlSafeText(model.title);
  const formulas = new FormulaWriter(model.sheets);
  for (const sheet of model.sheets) await writeSheet(workbook, sheet, formulas, model.title);
  await workbook.commit();
}

/** The workbook as bytes, for an HTTP response. */
export async function reportWorkbookBuffer(model: ReportModel): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await writeReportWorkbook(model, stream);
  await ended;
  return Buffer.concat(chunks);
}
