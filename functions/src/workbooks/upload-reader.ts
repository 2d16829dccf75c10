import ExcelJS from 'exceljs';
import { columnForHeader, isEmptyCell, TEMPLATE_KEYS, TEMPLATES, type CellPosition, type TemplateKey } from '@samla/shared';
import { MAX_SUBMISSION_ROWS } from '../submissions/submission-request';
import { uploadRefusal, type UploadRefusal } from './upload-refusal';
import { plainCellValue, type PlainCellValue } from './uploaded-cell';
import { inflateEntry, isEncrypted, readZipDirectory, ZIP_LOCAL_HEADER, type ZipEntry } from './zip-directory';

export interface UploadLimits {
  /** The largest upload, in bytes. */
  readonly maxBytes: number;
  /** The most all of the file's parts may unpack to, in bytes. */
  readonly maxUncompressedBytes: number;
  /** The most one large part may unpack to, as a multiple of its packed size. */
  readonly maxCompressionRatio: number;
  /** The most data rows (below the header) one sheet may hold. */
  readonly maxRows: number;
}

const MEBIBYTE = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 10 * MEBIBYTE;
export const MAX_UNCOMPRESSED_BYTES = 100 * MEBIBYTE;
/** Real sheets pack about 10:1; zip bombs 1000:1. */
export const MAX_COMPRESSION_RATIO = 100;
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: MAX_UPLOAD_BYTES,
  maxUncompressedBytes: MAX_UNCOMPRESSED_BYTES,
  maxCompressionRatio: MAX_COMPRESSION_RATIO,
  // An uploaded sheet may hold as many rows as a JSON submission: one limit for both routes.
  maxRows: MAX_SUBMISSION_ROWS,
};

/** One template's sheet found in an upload: pass `values`, `sheet` and `origin` to `validateSheet`. */
export interface UploadedSheet {
  readonly template: TemplateKey;
  /** The sheet's name in the user's workbook. */
  readonly sheet: string;
  /** Where the header row's first cell is in the user's sheet. */
  readonly origin: CellPosition;
  /** The header row first, then every row below it to the last one with a value; blank rows are empty. */
  readonly values: PlainCellValue[][];
}

export type UploadReading = { readonly ok: true; readonly sheets: readonly UploadedSheet[] } | { readonly ok: false; readonly refusal: UploadRefusal };

/** Parts smaller than this may pack as tightly as they like: they can't hurt. */
const RATIO_CHECKED_FROM = MEBIBYTE;
/** How far down a sheet the header row is looked for. */
const HEADER_SCAN_ROWS = 30;
/** How many of a template's headers a row needs to be taken for that template's header when the sheet has another name. */
const RECOGNISED_HEADERS = 3;
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
const WORKBOOK_PART = /^\/?xl\/workbook\.xml$/;
const WORKSHEET_PART = /^\/?xl\/worksheets\/[^/]+\.xml$/;
const ROW_START = Buffer.from('<row');
const VALUE_STARTS = [Buffer.from('<v>'), Buffer.from('<is>')];

function refuse(refusal: UploadRefusal): UploadReading {
  return { ok: false, refusal };
}

function megabytes(bytes: number): number {
  return Math.round(bytes / MEBIBYTE);
}

/** An encrypted xlsx is a Compound File holding an `EncryptionInfo` stream; any other such file is an old .xls. */
function compoundFileRefusal(body: Buffer): UploadRefusal | undefined {
  if (body.length < CFB_SIGNATURE.length || !body.subarray(0, CFB_SIGNATURE.length).equals(CFB_SIGNATURE)) return undefined;
  return uploadRefusal(body.includes(ENCRYPTION_INFO) ? 'encrypted-workbook' : 'legacy-workbook');
}

/** The zip's declared sizes, judged before anything is unpacked. */
function sizeRefusal(entries: readonly ZipEntry[], limits: UploadLimits): UploadRefusal | undefined {
  const expandsTooFar = uploadRefusal('expands-too-far', { maxMegabytes: megabytes(limits.maxUncompressedBytes) });
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize >= RATIO_CHECKED_FROM && ratio > limits.maxCompressionRatio) return expandsTooFar;
  }
  return total > limits.maxUncompressedBytes ? expandsTooFar : undefined;
}

/** Rows with at least one value in a worksheet's XML: a cheap count that needs no parsing. */
function filledRowCount(xml: Buffer): number {
  let count = 0;
  let start = xml.indexOf(ROW_START);
  while (start !== -1) {
    const next = xml.indexOf(ROW_START, start + ROW_START.length);
    const row = xml.subarray(start, next === -1 ? xml.length : next);
    if (VALUE_STARTS.some((value) => row.includes(value))) count += 1;
    start = next;
  }
  return count;
}

/**
 * Unpacks every part once, each stopped at its declared size, so a lying zip can't blow up inside ExcelJS;
 * and refuses a sheet with far too many rows before ExcelJS builds it in memory.
 */
function unpackRefusal(body: Buffer, entries: readonly ZipEntry[], limits: UploadLimits): UploadRefusal | undefined {
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const inflation = inflateEntry(body, entry);
    if (!inflation.ok) return uploadRefusal('damaged-workbook');
    // Rows above the header (titles, notes) are allowed for: the exact count is taken once the header is found.
    if (WORKSHEET_PART.test(entry.name) && filledRowCount(inflation.data) > limits.maxRows + HEADER_SCAN_ROWS) {
      return uploadRefusal('too-many-rows', { maxRows: limits.maxRows });
    }
  }
  return undefined;
}

function packageRefusal(body: Buffer, limits: UploadLimits): UploadRefusal | undefined {
  if (body.length > limits.maxBytes) return uploadRefusal('too-large', { maxMegabytes: megabytes(limits.maxBytes) });
  const compound = compoundFileRefusal(body);
  if (compound) return compound;
  if (!body.subarray(0, ZIP_LOCAL_HEADER.length).equals(ZIP_LOCAL_HEADER)) return uploadRefusal('not-a-workbook');
  const entries = readZipDirectory(body);
  if (!entries) return uploadRefusal('damaged-workbook');
  if (!entries.some((entry) => WORKBOOK_PART.test(entry.name))) return uploadRefusal('not-a-workbook');
  if (entries.some(isEncrypted)) return uploadRefusal('encrypted-workbook');
  return sizeRefusal(entries, limits) ?? unpackRefusal(body, entries, limits);
}

async function loadWorkbook(body: Buffer): Promise<ExcelJS.Workbook | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's own Buffer type is narrower than Node's. Validations and conditional formats are skipped:
    // ExcelJS expands their ranges cell by cell, and a whole-column dropdown is a million cells.
    await workbook.xlsx.load(body as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'] });
    return workbook;
  } catch {
    return undefined;
  }
}

function rowValues(sheet: ExcelJS.Worksheet, row: number, from: number, to: number): PlainCellValue[] {
  const sheetRow = sheet.getRow(row);
  const values: PlainCellValue[] = [];
  for (let column = from; column <= to; column += 1) values.push(plainCellValue(sheetRow.getCell(column)));
  return values;
}

interface HeaderMatch {
  readonly row: number;
  readonly matches: Record<TemplateKey, number>;
}

function headerMatches(sheet: ExcelJS.Worksheet, row: number): HeaderMatch {
  const cells = rowValues(sheet, row, 1, sheet.getRow(row).cellCount);
  const matches = {} as Record<TemplateKey, number>;
  for (const key of TEMPLATE_KEYS) {
    matches[key] = new Set(cells.map((cell) => columnForHeader(TEMPLATES[key], cell)?.key).filter((found) => found !== undefined)).size;
  }
  return { row, matches };
}

/** The row that names most of a template's columns, among the first rows of a sheet. */
function bestHeaderRow(sheet: ExcelJS.Worksheet, template: TemplateKey): HeaderMatch | undefined {
  let best: HeaderMatch | undefined;
  const last = Math.min(sheet.rowCount, HEADER_SCAN_ROWS);
  for (let row = 1; row <= last; row += 1) {
    const match = headerMatches(sheet, row);
    if (match.matches[template] > (best?.matches[template] ?? 0)) best = match;
  }
  return best;
}

function isTemplateHeader(match: HeaderMatch | undefined, template: TemplateKey): match is HeaderMatch {
  if (!match || match.matches[template] < RECOGNISED_HEADERS) return false;
  return TEMPLATE_KEYS.every((other) => other === template || match.matches[other] < match.matches[template]);
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function firstFilledRow(sheet: ExcelJS.Worksheet): number {
  let first: number | undefined;
  // eachRow visits only rows holding a value.
  sheet.eachRow((row) => {
    first ??= row.number;
  });
  return first ?? 1;
}

interface Placement {
  readonly sheet: ExcelJS.Worksheet;
  readonly headerRow: number;
}

/** A template's sheet: the one with its name, or else one whose header row is clearly that template's. */
function placeTemplate(workbook: ExcelJS.Workbook, template: TemplateKey, taken: ReadonlySet<number>): Placement | undefined {
  const { sheetName } = TEMPLATES[template];
  const named = workbook.worksheets.find((sheet) => sameName(sheet.name, sheetName));
  if (named) return { sheet: named, headerRow: bestHeaderRow(named, template)?.row ?? firstFilledRow(named) };
  for (const sheet of workbook.worksheets) {
    if (taken.has(sheet.id) || TEMPLATE_KEYS.some((key) => sameName(sheet.name, TEMPLATES[key].sheetName))) continue;
    const match = bestHeaderRow(sheet, template);
    if (isTemplateHeader(match, template)) return { sheet, headerRow: match.row };
  }
  return undefined;
}

function headerSpan(header: readonly PlainCellValue[]): { from: number; to: number } | undefined {
  const filled = header.flatMap((cell, index) => (isEmptyCell(cell) ? [] : [index + 1]));
  const from = filled[0];
  const to = filled[filled.length - 1];
  return from === undefined || to === undefined ? undefined : { from, to };
}

type SheetResult = { readonly ok: true; readonly sheet: UploadedSheet } | { readonly ok: false; readonly refusal: UploadRefusal };

function readPlacement(template: TemplateKey, { sheet, headerRow }: Placement, limits: UploadLimits): SheetResult {
  const span = headerSpan(rowValues(sheet, headerRow, 1, sheet.getRow(headerRow).cellCount)) ?? { from: 1, to: 1 };
  const values: PlainCellValue[][] = [rowValues(sheet, headerRow, span.from, span.to)];
  let dataRows = 0;
  sheet.eachRow((row) => {
    if (row.number <= headerRow) return;
    const cells = rowValues(sheet, row.number, span.from, span.to);
    if (cells.every(isEmptyCell)) return;
    dataRows += 1;
    while (values.length < row.number - headerRow) values.push([]);
    values.push(cells);
  });
  if (dataRows > limits.maxRows) return { ok: false, refusal: uploadRefusal('too-many-rows', { sheet: sheet.name, rows: dataRows, maxRows: limits.maxRows }) };
  return { ok: true, sheet: { template, sheet: sheet.name, origin: { row: headerRow, column: span.from }, values } };
}

function readTemplateSheets(workbook: ExcelJS.Workbook, limits: UploadLimits): UploadReading {
  const sheets: UploadedSheet[] = [];
  const taken = new Set<number>();
  for (const template of TEMPLATE_KEYS) {
    const placement = placeTemplate(workbook, template, taken);
    if (!placement) continue;
    taken.add(placement.sheet.id);
    const result = readPlacement(template, placement, limits);
    if (!result.ok) return refuse(result.refusal);
    sheets.push(result.sheet);
  }
  return sheets.length > 0 ? { ok: true, sheets } : refuse(uploadRefusal('no-template-sheet'));
}

/**
 * Reads an uploaded workbook into each template's sheet values, ready for `validateSheet`. Never throws for a
 * bad file: what can't be read safely is a refusal with its status and words. The zip is judged by its
 * directory and unpacked within limits before ExcelJS sees it.
 */
export async function readUploadedWorkbook(body: Buffer, limits: Partial<UploadLimits> = {}): Promise<UploadReading> {
  const complete: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
  const refusal = packageRefusal(body, complete);
  if (refusal) return refuse(refusal);
  const workbook = await loadWorkbook(body);
  if (!workbook) return refuse(uploadRefusal('damaged-workbook'));
  try {
    return readTemplateSheets(workbook, complete);
  } catch {
    // ExcelJS can hold a model it could load but not walk; that file is damaged, not our bug to show.
    return refuse(uploadRefusal('damaged-workbook'));
  }
}
