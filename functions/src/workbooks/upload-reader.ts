import {
  CompactTexts,
  withRoom,
  CellProblem,
  columnForHeader,
  isEmptyCell,
  templateDefinition,
  knownTemplateKeys,
  layoutOfVersion,
  parseStamp,
  readStamp,
  stampWithUnknownVersion,
  describeChange,
  currentVersion,
  type AnyTemplate,
  type CellPosition,
  type Column,
  type Stamp,
  type StampKind,
  type TemplateKey,
} from '@samla/shared';
import { MAX_SUBMISSION_ROWS } from '@samla/shared';
import {
  scanSheetStream,
  type FormulaLinks,
  type ScannedRow,
  type ScanOptions,
  type SheetLink,
  type SheetScan,
  type SheetScanResult,
} from './sheet-xml-reader';
import { uploadRefusal, type UploadRefusal } from './upload-refusal';
import { dayFromSerial, type CellContext, type UploadedValue } from './uploaded-cell';
import {
  DamagedPart,
  documentKeywords,
  readWorkbookParts,
  relationshipsOf,
  sheetTables,
  type Relationships,
  type SheetTable,
  type WorkbookSheet,
} from './xlsx-package';
import { rangeText, type RangeRef } from './xlsx-xml';
import { combinedOrigin, INFO_SHEET, isSamlaKeywords, originOfInformationSheet, originOfKeywords, type TemplateOrigin } from './template-origin';
import { openZip, ZIP_LOCAL_HEADER, type ZipEntry, type ZipPackage } from './zip-directory';

export type { PlainCellValue, UploadedValue } from './uploaded-cell';

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
  /** The template's key (a product template's, or a registered module's). */
  readonly template: TemplateKey | (string & {});
  /** The sheet's name in the user's workbook. */
  readonly sheet: string;
  /** Where the header row's first cell is in the user's sheet (a table without header row: the row above its data). */
  readonly origin: CellPosition;
  /**
   * The header row first, then every row below it to the last one with a value; blank rows are empty. A data row
   * holds the cells under the template's recognised headers (a cell that can't be read is a `CellProblem`).
   */
  readonly values: UploadedValue[][];
}

/** `origin`: the board and year the file says it was downloaded for (template-origin.ts), as far as it says. */
export type UploadReading =
  { readonly ok: true; readonly sheets: readonly UploadedSheet[]; readonly origin: TemplateOrigin } | { readonly ok: false; readonly refusal: UploadRefusal };

/** Parts smaller than this may pack as tightly as they like: they can't hurt. */
const RATIO_CHECKED_FROM = MEBIBYTE;
/** How far down a sheet the header row is looked for. */
const HEADER_SCAN_ROWS = 30;
/** How many of a template's headers a row needs to be taken for that template's header when the sheet has another name. */
const RECOGNISED_HEADERS = 3;
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

class Refused extends Error {
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.kind);
  }
}

function refuse(refusal: UploadRefusal): { readonly ok: false; readonly refusal: UploadRefusal } {
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

/** The zip's declared sizes, judged before anything is unpacked (yauzl then holds each part to its declared size). */
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

async function openPackage(body: Buffer, limits: UploadLimits): Promise<ZipPackage | UploadRefusal> {
  if (body.length > limits.maxBytes) return uploadRefusal('too-large', { maxMegabytes: megabytes(limits.maxBytes) });
  const compound = compoundFileRefusal(body);
  if (compound) return compound;
  if (!body.subarray(0, ZIP_LOCAL_HEADER.length).equals(ZIP_LOCAL_HEADER)) return uploadRefusal('not-a-workbook');
  const zip = await openZip(body);
  if (!zip) return uploadRefusal('damaged-workbook');
  const names = zip.entries.map((entry) => entry.name.toLowerCase());
  if (!names.includes('xl/workbook.xml') && !names.includes('_rels/.rels')) return uploadRefusal('not-a-workbook');
  if (zip.entries.some((entry) => entry.encrypted)) return uploadRefusal('encrypted-workbook');
  return sizeRefusal(zip.entries, limits) ?? zip;
}

/** One worksheet of the workbook, with what lies beside it: its relationships and tables. */
interface SheetSource {
  readonly index: number;
  readonly name: string;
  /** The worksheet's part, unpacked again (streamed) for each pass over it. */
  readonly part: string;
  readonly relationships: Relationships;
  readonly tables: readonly SheetTable[];
  /** The non-empty cells of the first rows, where a header row is looked for. */
  readonly head: SheetScan['rows'];
  /** The sheet's template stamp as the file writes it (`"samla:activities:1"`), if it has one. */
  readonly stampText?: string;
  /** The stamp read, when it is a stamp of one of Samla's templates or its lists sheet. */
  readonly stamp?: Stamp;
  /** The kind a Samla stamp names with a version Samla never writes (`samla:activities:0`), refused in words. */
  readonly unknownVersion?: StampKind;
}

/**
 * One pass over a worksheet part as it is unpacked (scanSheetStream); a part that is missing or lies about its size is
 * damaged. What `onRow` throws (the sink's own failure: a bug, storage down) is thrown as it was, never taken for a
 * damaged file.
 */
async function scanPart(zip: ZipPackage, part: string, options: ScanOptions, onRow?: ScannedRow): Promise<SheetScanResult> {
  const chunks = await zip.stream(part);
  if (!chunks) throw new DamagedPart(part);
  let takerFailure: { readonly error: unknown } | undefined;
  const take: ScannedRow | undefined =
    onRow &&
    (async (row, cells, links) => {
      try {
        await onRow(row, cells, links);
      } catch (error) {
        takerFailure = { error };
        throw error;
      }
    });
  try {
    return await scanSheetStream(chunks, options, take);
  } catch (error) {
    if (takerFailure) throw takerFailure.error;
    if (error instanceof Refused) throw error;
    // yauzl errors the stream where the part unpacks past (or short of) its declared size, or its data is damaged.
    throw new DamagedPart(part);
  }
}

function scanRefusal(result: Exclude<SheetScanResult, { ok: true }>, sheet: string, limits: UploadLimits): UploadRefusal {
  if (result.problem === 'outside') return uploadRefusal('outside-sheet', { sheet, reference: result.reference });
  if (result.problem === 'too-many-rows') return uploadRefusal('too-many-rows', { sheet, maxRows: limits.maxRows });
  return uploadRefusal('damaged-workbook');
}

async function sheetSource(zip: ZipPackage, sheet: WorkbookSheet, index: number, cells: CellContext, limits: UploadLimits): Promise<SheetSource | undefined> {
  if (!sheet.part) return undefined;
  const relationships = await relationshipsOf(zip, sheet.part);
  const tables = await sheetTables(zip, relationships);
  if (tables === 'outside') throw new Refused(uploadRefusal('outside-sheet', { sheet: sheet.name }));
  const head = await scanPart(zip, sheet.part, { cells, lastRow: HEADER_SCAN_ROWS, maxFilledRows: Number.POSITIVE_INFINITY });
  if (!head.ok) throw new Refused(scanRefusal(head, sheet.name, limits));
  const source = { index, name: sheet.name, part: sheet.part, relationships, tables, head: head.scan.rows };
  if (sheet.stamp === undefined) return source;
  const stamp = parseStamp(sheet.stamp);
  if (stamp) return { ...source, stampText: sheet.stamp, stamp };
  const unknownVersion = stampWithUnknownVersion(sheet.stamp);
  return unknownVersion ? { ...source, stampText: sheet.stamp, unknownVersion } : { ...source, stampText: sheet.stamp };
}

/** The kind a sheet's Samla stamp names, whatever version it gives. */
function stampedKind(source: SheetSource): StampKind | undefined {
  return source.stamp?.kind ?? source.unknownVersion;
}

/** Samla's sheets that are no template (the lists sheet, by its stamp): never read, named when no template is found. */
function nonTemplateSheets(sources: readonly SheetSource[]): SheetSource[] {
  const templates: readonly string[] = knownTemplateKeys();
  return sources.filter((source) => {
    const kind = stampedKind(source);
    return kind !== undefined && !templates.includes(kind);
  });
}

/** How many of each template's headers a header row holds, by template key. */
type Matches = ReadonlyMap<string, number>;

/** `layout` is how the sheet's own template is laid out when its stamp names an older version. */
function headerMatches(headers: Iterable<UploadedValue>, layout?: AnyTemplate): Matches {
  const texts = [...headers];
  const matches = new Map<string, number>();
  for (const key of knownTemplateKeys()) {
    const definition = layout?.key === key ? layout : templateDefinition(key);
    matches.set(key, new Set(texts.map((text) => columnForHeader(definition, text)?.key).filter((found) => found !== undefined)).size);
  }
  return matches;
}

function isTemplateHeader(matches: Matches, template: string): boolean {
  const own = matches.get(template) ?? 0;
  if (own < RECOGNISED_HEADERS) return false;
  return knownTemplateKeys().every((other) => other === template || (matches.get(other) ?? 0) < own);
}

/** Where a template's header is in a sheet: a table's header (or its column names), or a row of cells. */
interface Placement {
  readonly source: SheetSource;
  readonly headerRow: number;
  readonly table?: SheetTable;
  readonly matches: Matches;
  /** The template's columns under the headers the sheet's layout version shows (today's, unless stamped older). */
  readonly layout: AnyTemplate;
  /** Whether the sheet was taken for the template by its name alone. */
  readonly byName?: boolean;
}

function bestPlacement(source: SheetSource, template: string, layout: AnyTemplate): Placement | undefined {
  let best: Placement | undefined;
  for (const table of source.tables) {
    const matches = headerMatches(table.columns, layout);
    if ((matches.get(template) ?? 0) > (best?.matches.get(template) ?? 0)) best = { source, headerRow: table.ref.top, table, matches, layout };
  }
  if (best) return best;
  for (const [row, cells] of [...source.head].sort(([a], [b]) => a - b)) {
    const matches = headerMatches(cells.values(), layout);
    if ((matches.get(template) ?? 0) > (best?.matches.get(template) ?? 0)) best = { source, headerRow: row, matches, layout };
  }
  return best;
}

/** How a sheet lays out a template: as its stamp's older version when that maps to today's columns, else today's. */
function layoutOf(template: string, stamp: Stamp | undefined): AnyTemplate {
  const today = templateDefinition(template);
  if (!stamp || stamp.kind !== template) return today;
  const reading = readStamp(today, stamp);
  return reading.status === 'older' ? layoutOfVersion(today, reading.version) : today;
}

/** A stamp that says the sheet is something else: another template's, Samla's lists sheet, or no template Samla knows. */
function stampedOtherwise(source: SheetSource, template: string): boolean {
  return source.stampText !== undefined && source.stamp?.kind !== template;
}

/** Sheet names as Excel compares them: case-insensitive; and in Unicode NFC, so a decomposed `ö` is the same letter. */
function sameName(a: string, b: string): boolean {
  return a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();
}

/** A template's sheet: the one with its name, or else one whose header is clearly that template's. */
function placeWhole(source: SheetSource, template: string, layout: AnyTemplate, byName: boolean): Placement {
  const firstFilled = Math.min(...source.head.keys());
  const placement = bestPlacement(source, template, layout) ?? {
    source,
    headerRow: Number.isFinite(firstFilled) ? firstFilled : 1,
    matches: headerMatches([], layout),
    layout,
  };
  return byName ? { ...placement, byName } : placement;
}

/**
 * A template's sheet: the one stamped as that template (whatever its name now), else the one with its name unless a
 * Samla stamp says it is another template's or the lists sheet, else one whose header is clearly that template's.
 */
function placeTemplate(sources: readonly SheetSource[], template: string, taken: ReadonlySet<number>): Placement | undefined {
  const stamped = sources.find((source) => !taken.has(source.index) && stampedKind(source) === template);
  if (stamped) return placeWhole(stamped, template, layoutOf(template, stamped.stamp), false);
  const { sheetName } = templateDefinition(template);
  const named = sources.find((source) => !taken.has(source.index) && sameName(source.name, sheetName) && !source.stamp);
  if (named) return placeWhole(named, template, templateDefinition(template), true);
  for (const source of sources) {
    if (taken.has(source.index) || stampedOtherwise(source, template)) continue;
    if (knownTemplateKeys().some((key) => sameName(source.name, templateDefinition(key).sheetName))) continue;
    const placement = bestPlacement(source, template, templateDefinition(template));
    if (placement && isTemplateHeader(placement.matches, template)) return placement;
  }
  return undefined;
}

function changesInWords(template: AnyTemplate, changes: Parameters<typeof describeChange>[0][]) {
  return {
    sv: changes.map((change) => describeChange(change, template, 'sv')).join('; '),
    en: changes.map((change) => describeChange(change, template, 'en')).join('; '),
  };
}

/** A stamp's text as a message quotes it: without the formula's own quotes, and at most 60 characters. */
function stampShown(text: string): string {
  const bare = /^"(.*)"$/s.exec(text.trim())?.[1]?.replace(/""/g, '"') ?? text.trim();
  return bare.length > 60 ? `${bare.slice(0, 57)}…` : bare;
}

/**
 * The template whose headers a sheet stamped as `template` clearly has instead (its stamp and its headers disagree,
 * e.g. stamps swapped by hand or by a script), or undefined when the headers are the stamp's template's or nobody's.
 */
function otherTemplateHeaders(source: SheetSource, template: string, placement: Placement): string | undefined {
  if ((placement.matches.get(template) ?? 0) >= RECOGNISED_HEADERS) return undefined;
  return knownTemplateKeys().find((other) => {
    if (other === template) return false;
    const found = bestPlacement(source, other, templateDefinition(other));
    return found !== undefined && isTemplateHeader(found.matches, other);
  });
}

/**
 * Refuses a placed sheet that is not today's template in a way the reader can map: a stamp naming a version it can't
 * read (newer than it knows, or older with a change that can't be mapped), a foreign stamp on a sheet named like the
 * template, or a sheet named like the template whose header row is mostly other headers (fewer than three of the template's, and
 * fewer than half of its own). An
 * unstamped sheet with the template's headers reads as before; an empty one is left to the validation.
 */
function stampRefusal(template: string, placement: Placement): UploadRefusal | undefined {
  const { source } = placement;
  const today = templateDefinition(template);
  const named = { sheet: source.name, template: today.sheetName };
  if (source.unknownVersion === template) {
    return uploadRefusal('unknown-template-version', { ...named, stamp: stampShown(source.stampText ?? ''), current: currentVersion(template) });
  }
  if (source.stamp?.kind === template) {
    const headersOf = otherTemplateHeaders(source, template, placement);
    if (headersOf) return uploadRefusal('foreign-sheet', { ...named, why: 'stamp-mismatch', headersOf: templateDefinition(headersOf).sheetName });
    const reading = readStamp(today, source.stamp);
    if (reading.status === 'newer') return uploadRefusal('newer-template-version', { ...named, version: reading.version, current: reading.current });
    if (reading.status !== 'unmappable') return undefined;
    const changes = changesInWords(today, [...reading.changes]);
    return uploadRefusal('old-template-version', { ...named, version: reading.version, current: currentVersion(template), changes });
  }
  if (source.stampText !== undefined) return uploadRefusal('foreign-sheet', { ...named, why: 'foreign-stamp', stamp: stampShown(source.stampText) });
  const found = placement.matches.get(template) ?? 0;
  if (!placement.byName || found >= Math.min(RECOGNISED_HEADERS, today.columns.length)) return undefined;
  // A partial template (some of its headers, little else) is the template with columns missing, which the validation names.
  const headers = placement.table ? placement.table.columns.filter((name) => name.trim() !== '').length : (source.head.get(placement.headerRow)?.size ?? 0);
  if (headers === 0 || 2 * found >= headers) return undefined;
  return uploadRefusal('foreign-sheet', { ...named, why: 'foreign-header', found, expected: today.columns.length, row: placement.headerRow });
}

/** The first index in sorted `rows` at or after `row`. */
function firstAtOrAfter(rows: readonly number[], row: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((rows[middle] ?? 0) < row) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The layout of a template's data in the user's sheet: where its header is and which of its cells are the template's. */
interface DataLayout {
  readonly from: number;
  readonly to: number;
  readonly headerRow: number;
  /** Header cells, left to right from `from` (each template column under today's Swedish header). */
  readonly header: readonly UploadedValue[];
  /** Offsets into a data row of the template's columns, with the column each holds. */
  readonly columns: readonly { readonly offset: number; readonly column: Column }[];
}

/**
 * A range written after the rows (a merge or a `<hyperlink>`) that changes the data rows it covers: `change` is
 * applied to each such row's values as the row is handed on. `order` is its place in the file.
 */
interface RowRange {
  readonly range: RangeRef;
  readonly order: number;
  change(cells: UploadedValue[], row: number): void;
}

/**
 * What the ranges written after the rows do to data rows, kept as ranges (never one change per row): `merges` first (a
 * merged cell's followers become a problem), then each row's own HYPERLINK formulas (formulaLinks), then `links` (a
 * URL column's cell takes its `<hyperlink>`'s address): the order the sheet's links were always applied in.
 */
interface SheetEdits {
  readonly merges: readonly RowRange[];
  readonly links: readonly RowRange[];
}

/** The template's columns a range covers, as offsets into a data row with the column each holds. */
function columnsIn(layout: DataLayout, range: RangeRef): DataLayout['columns'] {
  return layout.columns.filter(({ offset }) => layout.from + offset >= range.left && layout.from + offset <= range.right);
}

/** How many data rows (`rowNumbers`, ascending) a range covers, counted without visiting them. */
function dataRowsIn(rowNumbers: readonly number[], range: RangeRef): number {
  return firstAtOrAfter(rowNumbers, range.bottom + 1) - firstAtOrAfter(rowNumbers, range.top);
}

function linkAddress(link: SheetLink, relationships: Relationships): string | undefined {
  const relationship = link.relationshipId === undefined ? undefined : relationships.get(link.relationshipId);
  const address = relationship?.external ? relationship.target : undefined;
  if (address === undefined) return undefined;
  return link.location ? `${address}#${link.location}` : address;
}

/**
 * The merges and `<hyperlink>`s that change data rows (`rowNumbers`, ascending), each in the file's order, as ranges.
 * In URL columns a hyperlink's address is the value (Ctrl+K shows friendly text); elsewhere the text the cell shows.
 * Undefined when the ranges overlap so much that they, with the `formulaLinks` data cells that hold a HYPERLINK
 * formula, cover more than twice every data cell (Excel itself calls overlapping merges damaged): counted from the
 * ranges' corners, so no range is ever walked row by row.
 */
function rowEdits(
  layout: DataLayout,
  rowNumbers: readonly number[],
  scan: Pick<SheetScan, 'merges' | 'links'>,
  relationships: Relationships,
  formulaLinks: number,
): SheetEdits | undefined {
  let budget = 2 * rowNumbers.length * Math.max(layout.columns.length, 1) - formulaLinks;
  const merges: RowRange[] = [];
  const links: RowRange[] = [];
  for (const [order, merge] of scan.merges.entries()) {
    const columns = columnsIn(layout, merge);
    const rows = dataRowsIn(rowNumbers, merge);
    budget -= columns.length * rows;
    if (budget < 0) return undefined;
    const topLeftIsData = columns.some(({ offset }) => layout.from + offset === merge.left) && rowNumbers[firstAtOrAfter(rowNumbers, merge.top)] === merge.top;
    if (columns.length * rows - (topLeftIsData ? 1 : 0) === 0) continue;
    const problem = new CellProblem('merged-cell', { range: rangeText(merge), first: rangeText({ ...merge, bottom: merge.top, right: merge.left }) });
    merges.push({
      range: merge,
      order,
      change: (cells, row) => {
        for (const { offset } of columns) if (row !== merge.top || layout.from + offset !== merge.left) cells[offset] = problem;
      },
    });
  }
  for (const [order, link] of scan.links.entries()) {
    const address = linkAddress(link, relationships);
    if (address === undefined) continue;
    const columns = columnsIn(layout, link.range);
    const rows = dataRowsIn(rowNumbers, link.range);
    budget -= columns.length * rows;
    if (budget < 0) return undefined;
    const urls = columns.filter(({ column }) => column.type === 'url');
    if (urls.length === 0 || rows === 0) continue;
    links.push({
      range: link.range,
      order,
      change: (cells) => {
        for (const { offset } of urls) if (!(cells[offset] instanceof CellProblem)) cells[offset] = address;
      },
    });
  }
  return { merges, links };
}

/**
 * The ranges covering each row, for rows asked in ascending order, in the file's order: a sweep down the sheet that
 * holds only the ranges reaching the current row, so the work grows with the cells the ranges cover (what rowEdits
 * bounds), not with the ranges times the rows.
 */
function rangeSweep(ranges: readonly RowRange[]): (row: number) => readonly RowRange[] {
  const byTop = [...ranges].sort((a, b) => a.range.top - b.range.top || a.order - b.order);
  let next = 0;
  let active: RowRange[] = [];
  return (row) => {
    let added = false;
    for (let range = byTop[next]; range && range.range.top <= row; range = byTop[++next]) {
      active.push(range);
      added = true;
    }
    if (active.some((range) => range.range.bottom < row)) active = active.filter((range) => range.range.bottom >= row);
    if (added) active.sort((a, b) => a.order - b.order);
    return active;
  };
}

/** Applies a sheet's merges and `<hyperlink>`s to its data rows as they come, in ascending order. */
interface RowFinisher {
  readonly merges: (row: number) => readonly RowRange[];
  readonly links: (row: number) => readonly RowRange[];
}

function rowFinisher(edits: SheetEdits): RowFinisher {
  return { merges: rangeSweep(edits.merges), links: rangeSweep(edits.links) };
}

/**
 * Whether a sheet's `<hyperlink>`s (with no merge over its data) change a URL cell as it was given: a URL typed into the
 * cell, which Excel links to itself, changes nothing, and the rows need not come again. `urlCells` holds the URL cells
 * given (in `urlOffsets`' order) of the rows where one was filled; the rows the links cover are walked once, which the
 * overlap budget of rowEdits bounds.
 */
function linksChangeRows(edits: SheetEdits, rowNumbers: readonly number[], urlOffsets: readonly number[], urlCells: GivenUrlCells): boolean {
  const covering = rangeSweep(edits.links);
  for (const row of rowNumbers) {
    const links = covering(row);
    if (links.length === 0) continue;
    const given = urlCells.get(row);
    const cells: UploadedValue[] = [];
    urlOffsets.forEach((offset, index) => (cells[offset] = given?.[index] ?? null));
    for (const link of links) link.change(cells, row);
    if (urlOffsets.some((offset, index) => cells[offset] !== (given?.[index] ?? null))) return true;
  }
  return false;
}

/**
 * The URL cells given (in `urlOffsets`' order) of the rows where one was filled, for `linksChangeRows`, held compactly:
 * a sheet can have a URL in every row, and each is kept until the sheet's `<hyperlink>`s (written after its rows) are
 * read. Texts go to `CompactTexts` (about their characters and 8 bytes each, instead of some 250 bytes as an array in a
 * map), row numbers and text indices to typed arrays; any other value (a problem, a number) as it is. Rows are added in
 * ascending order (a sheet whose rows are out of order is read whole and asks nothing of this).
 */
class GivenUrlCells {
  private rows = new Uint32Array(64);
  /** Per row and URL column: 0 for an empty cell, text index + 1 for a text, -(other index + 1) for another value. */
  private codes: Int32Array<ArrayBuffer>;
  private count = 0;
  private ordered = true;
  private readonly texts = new CompactTexts();
  private readonly others: UploadedValue[] = [];

  constructor(private readonly width: number) {
    this.codes = new Int32Array(64 * width);
  }

  add(row: number, values: readonly UploadedValue[]): void {
    if (!this.ordered || (this.count > 0 && row <= (this.rows[this.count - 1] ?? 0))) {
      this.ordered = false;
      return;
    }
    this.rows = withRoom(this.rows, this.count + 1);
    this.codes = withRoom(this.codes, (this.count + 1) * this.width);
    this.rows[this.count] = row;
    for (let index = 0; index < this.width; index += 1) {
      const value = values[index] ?? null;
      let code = 0;
      if (typeof value === 'string') code = this.texts.add(value) + 1;
      else if (value !== null) code = -(this.others.push(value) as number);
      this.codes[this.count * this.width + index] = code;
    }
    this.count += 1;
  }

  /** The URL cells given of `row`, or undefined when none was filled. */
  get(row: number): UploadedValue[] | undefined {
    if (!this.ordered) throw new Error('URL cells were given out of order');
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.rows[middle] ?? 0;
      if (found === row) return Array.from({ length: this.width }, (_, index) => this.valueOf(this.codes[middle * this.width + index] ?? 0));
      if (found < row) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private valueOf(code: number): UploadedValue {
    if (code > 0) return this.texts.at(code - 1) ?? null;
    return code < 0 ? (this.others[-code - 1] ?? null) : null;
  }
}

/** Numbers in date columns are days in the workbook's own date system: each becomes the day it shows. */
function datesInDateColumns(value: UploadedValue | undefined, column: Column, cells: CellContext): UploadedValue | undefined {
  if (column.type !== 'date' || typeof value !== 'number') return value;
  return dayFromSerial(value, cells.date1904) ?? value;
}

function spanOf(placement: Placement): { from: number; to: number } {
  const { table } = placement;
  if (table) return { from: table.ref.left, to: table.ref.right };
  const columns = [...(placement.source.head.get(placement.headerRow)?.keys() ?? [])];
  return columns.length === 0 ? { from: 1, to: 1 } : { from: Math.min(...columns), to: Math.max(...columns) };
}

function isDataRow(row: number, headerRow: number, table: SheetTable | undefined): boolean {
  if (row <= headerRow) return false;
  // Excel's Total Row sums the data; it is not a row of it.
  return !(table && table.totalsRowCount > 0 && row > table.ref.bottom - table.totalsRowCount && row <= table.ref.bottom);
}

/**
 * The sheet's header with each template column under today's Swedish header: a sheet of an older layout version names
 * some columns as that version did, and the validation reads today's.
 */
function todaysHeader(header: readonly UploadedValue[], columns: DataLayout['columns'], placement: Placement): UploadedValue[] {
  const renamed = [...header];
  if (placement.layout === templateDefinition(placement.layout.key)) return renamed;
  for (const { offset, column } of columns) renamed[offset] = column.label.sv;
  return renamed;
}

/** The header row's cells from `from` to `to`: from the header scan, or (a table further down) a pass that stops there. */
async function headerCells(zip: ZipPackage, placement: Placement, from: number, to: number, cells: CellContext): Promise<UploadedValue[]> {
  const { table, source, headerRow } = placement;
  if (table && table.headerRowCount === 0) return [...table.columns];
  let found = source.head.get(headerRow);
  if (!found && headerRow > HEADER_SCAN_ROWS) {
    const scan = await scanPart(zip, source.part, { cells, columns: { from, to }, lastRow: headerRow, maxFilledRows: Number.POSITIVE_INFINITY });
    found = scan.ok ? scan.scan.rows.get(headerRow) : undefined;
  }
  return Array.from({ length: to - from + 1 }, (_, index) => found?.get(from + index) ?? null);
}

async function dataLayout(zip: ZipPackage, template: string, placement: Placement, cells: CellContext): Promise<DataLayout> {
  const { from, to } = spanOf(placement);
  const headerRow = placement.table?.headerRowCount === 0 ? placement.table.ref.top - 1 : placement.headerRow;
  const today = templateDefinition(template);
  const found = await headerCells(zip, placement, from, to, cells);
  const columns = found.flatMap((text, offset) => {
    const key = columnForHeader(placement.layout, text)?.key;
    const column = today.columns.find((candidate) => candidate.key === key);
    return column ? [{ offset, column }] : [];
  });
  return { from, to, headerRow, header: todaysHeader(found, columns, placement), columns };
}

/** A data row's values as handed on (every template column's offset set, null when empty), or undefined for a row without data. */
function dataRow(
  layout: DataLayout,
  placement: Placement,
  row: number,
  found: ReadonlyMap<number, UploadedValue>,
  cells: CellContext,
): UploadedValue[] | undefined {
  if (!isDataRow(row, layout.headerRow, placement.table)) return undefined;
  const values: UploadedValue[] = [];
  let filled = false;
  for (const { offset, column } of layout.columns) {
    const value = datesInDateColumns(found.get(layout.from + offset), column, cells) ?? null;
    values[offset] = value;
    if (!isEmptyCell(value)) filled = true;
  }
  return filled ? values : undefined;
}

/** How many of a data row's template cells hold a HYPERLINK formula (what applying them visits). */
function formulaLinkCells(layout: DataLayout, links: FormulaLinks | undefined): number {
  if (!links) return 0;
  return layout.columns.filter(({ offset }) => links.has(layout.from + offset)).length;
}

/**
 * A data row's values finished as handed on: the merges over it, then its own HYPERLINK formulas (in URL columns the
 * formula's address is the value, even where no computed value was saved or a merge covers the cell), then the
 * `<hyperlink>`s over it. Rows must come in ascending order (`finisher` sweeps down the sheet).
 */
function finishRow(values: UploadedValue[], row: number, layout: DataLayout, links: FormulaLinks | undefined, finisher?: RowFinisher): UploadedValue[] {
  for (const merge of finisher?.merges(row) ?? []) merge.change(values, row);
  if (links) {
    for (const { offset, column } of layout.columns) {
      const address = links.get(layout.from + offset);
      if (column.type === 'url' && address !== undefined) values[offset] = address;
    }
  }
  for (const link of finisher?.links(row) ?? []) link.change(values, row);
  return values;
}

/**
 * Receives a template sheet's data rows in ascending sheet order (`openUploadedWorkbook`). `row(index, values)`:
 * `index` is the row's place below the header (sheet row − header row: 1 is the first row below it), `values` the
 * row's cells under the header, left to right (every template column's offset set, null when empty; merges and links
 * applied); only rows that hold data are given, and a returned promise is awaited before the reader reads on.
 * `restart()`: every row given so far is void, and the sheet's rows come again from the first (a file whose merges or
 * links, written after its rows, change some of them; or whose rows are not in order).
 */
export interface RowSink {
  row(index: number, values: UploadedValue[]): void | Promise<void>;
  restart(): void;
}

/** A template's sheet found in an upload, placed but not read past its header: its rows come through `rows`. */
export interface PlacedSheet {
  readonly template: TemplateKey | (string & {});
  /** The sheet's name in the user's workbook. */
  readonly sheet: string;
  /** Where the header row's first cell is in the user's sheet (a table without header row: the row above its data). */
  readonly origin: CellPosition;
  /** The header row's cells, left to right (what `UploadedSheet.values[0]` is). */
  readonly header: readonly UploadedValue[];
}

/** An opened upload: its template sheets placed, and the board and year it says it was made for, before any row is read. */
export type OpenedUpload =
  | {
      readonly ok: true;
      readonly sheets: readonly PlacedSheet[];
      readonly origin: TemplateOrigin;
      /**
       * Streams one placed sheet's data rows into `sink`, the part unpacked as it is read and never held whole; resolves
       * with a refusal (too many rows, damaged, outside the grid) when the sheet can't be read: every row given is then void.
       */
      rows(sheet: PlacedSheet, sink: RowSink): Promise<UploadRefusal | undefined>;
    }
  | { readonly ok: false; readonly refusal: UploadRefusal };

/**
 * Streams a placed sheet's data rows into the sink. One pass hands on each data row as its `</row>` ends, counting the
 * data rows and collecting the merges and links (which the file writes after the rows); when those change any data
 * row, a second pass hands on every row again with them applied (`restart` first). A sheet whose rows are not in
 * ascending order is read whole, sorted and handed on again. Throws Refused for a sheet that can't be read.
 */
async function streamPlacement(
  zip: ZipPackage,
  placement: Placement,
  layout: DataLayout,
  cells: CellContext,
  limits: UploadLimits,
  sink: RowSink,
): Promise<void> {
  const { source } = placement;
  const options: ScanOptions = {
    cells,
    columns: { from: layout.from, to: layout.to },
    maxFilledRows: limits.maxRows + Math.max(placement.headerRow, HEADER_SCAN_ROWS),
  };
  const rowNumbers: number[] = [];
  const urlOffsets = layout.columns.filter(({ column }) => column.type === 'url').map(({ offset }) => offset);
  const urlCells = new GivenUrlCells(urlOffsets.length);
  let formulaLinks = 0;
  let last = 0;
  let inOrder = true;
  const first = await scanPart(zip, source.part, options, async (row, found, links) => {
    if (row <= last) inOrder = false;
    last = Math.max(last, row);
    const values = dataRow(layout, placement, row, found, cells);
    if (!values) return;
    rowNumbers.push(row);
    formulaLinks += formulaLinkCells(layout, links);
    const finished = finishRow(values, row, layout, links);
    // The URL cells given, where filled: whether the <hyperlink>s at the end change anything is judged by them.
    if (urlOffsets.some((offset) => !isEmptyCell(finished[offset])))
      urlCells.add(
        row,
        urlOffsets.map((offset) => finished[offset] ?? null),
      );
    if (inOrder && rowNumbers.length <= limits.maxRows) await sink.row(row - layout.headerRow, finished);
  });
  if (!first.ok) throw new Refused(scanRefusal(first, source.name, limits));
  if (!inOrder) return readWhole(zip, placement, layout, options, cells, limits, sink);
  if (rowNumbers.length > limits.maxRows)
    throw new Refused(uploadRefusal('too-many-rows', { sheet: source.name, rows: rowNumbers.length, maxRows: limits.maxRows }));
  const edits = rowEdits(layout, rowNumbers, first.scan, source.relationships, formulaLinks);
  if (!edits) throw new Refused(uploadRefusal('damaged-workbook'));
  if (edits.merges.length === 0 && (edits.links.length === 0 || !linksChangeRows(edits, rowNumbers, urlOffsets, urlCells))) return;
  const finisher = rowFinisher(edits);
  sink.restart();
  const again = await scanPart(zip, source.part, options, async (row, found, links) => {
    const values = dataRow(layout, placement, row, found, cells);
    if (!values) return;
    await sink.row(row - layout.headerRow, finishRow(values, row, layout, links, finisher));
  });
  if (!again.ok) throw new Refused(scanRefusal(again, source.name, limits));
}

/** A sheet whose rows are out of order (no program Samla knows writes one, but the format allows it): read whole, then sorted. */
async function readWhole(
  zip: ZipPackage,
  placement: Placement,
  layout: DataLayout,
  options: ScanOptions,
  cells: CellContext,
  limits: UploadLimits,
  sink: RowSink,
): Promise<void> {
  const { source } = placement;
  const whole = await scanPart(zip, source.part, options);
  if (!whole.ok) throw new Refused(scanRefusal(whole, source.name, limits));
  const rows = new Map<number, UploadedValue[]>();
  let formulaLinks = 0;
  for (const [row, found] of whole.scan.rows) {
    const values = dataRow(layout, placement, row, found, cells);
    if (!values) continue;
    rows.set(row, values);
    formulaLinks += formulaLinkCells(layout, whole.scan.formulaLinks.get(row));
  }
  const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
  if (rowNumbers.length > limits.maxRows)
    throw new Refused(uploadRefusal('too-many-rows', { sheet: source.name, rows: rowNumbers.length, maxRows: limits.maxRows }));
  const edits = rowEdits(layout, rowNumbers, whole.scan, source.relationships, formulaLinks);
  if (!edits) throw new Refused(uploadRefusal('damaged-workbook'));
  const finisher = rowFinisher(edits);
  sink.restart();
  for (const row of rowNumbers) {
    const values = finishRow(rows.get(row) ?? [], row, layout, whole.scan.formulaLinks.get(row), finisher);
    await sink.row(row - layout.headerRow, values);
  }
}

interface PlacedTemplate extends PlacedSheet {
  readonly placement: Placement;
  readonly layout: DataLayout;
}

async function openTemplateSheets(zip: ZipPackage, limits: UploadLimits): Promise<OpenedUpload> {
  const parts = await readWorkbookParts(zip);
  const sources: SheetSource[] = [];
  for (const [index, sheet] of parts.sheets.entries()) {
    const source = await sheetSource(zip, sheet, index, parts.cells, limits);
    if (source) sources.push(source);
  }
  // A copied sheet keeps its sheet-scoped stamp: two sheets stamped as one template can't be told apart, and reading
  // one would drop the other's rows without a word.
  for (const template of knownTemplateKeys()) {
    const claiming = sources.filter((source) => stampedKind(source) === template);
    if (claiming.length > 1) {
      return refuse(
        uploadRefusal('duplicate-template-sheet', { template: templateDefinition(template).sheetName, sheets: claiming.map((source) => source.name) }),
      );
    }
  }
  const sheets: PlacedTemplate[] = [];
  const taken = new Set<number>();
  for (const template of knownTemplateKeys()) {
    const placement = placeTemplate(sources, template, taken);
    if (!placement) continue;
    const refusal = stampRefusal(template, placement);
    if (refusal) return refuse(refusal);
    taken.add(placement.source.index);
    const layout = await dataLayout(zip, template, placement, parts.cells);
    sheets.push({ template, sheet: placement.source.name, origin: { row: layout.headerRow, column: layout.from }, header: layout.header, placement, layout });
  }
  if (sheets.length === 0) {
    const skipped = nonTemplateSheets(sources);
    return refuse(
      uploadRefusal(
        'no-template-sheet',
        skipped.length > 0 ? { sheets: skipped.map((source) => source.name), stamp: stampShown(skipped[0]?.stampText ?? '') } : {},
      ),
    );
  }
  const keywords = await documentKeywords(zip);
  // An Information sheet speaks for the file only in a workbook Samla made (its keywords, or a stamped template sheet):
  // a user's own cover sheet named Information, in a file that merely holds Samla's columns, says nothing about it.
  const samlaMade = isSamlaKeywords(keywords) || sources.some((source) => taken.has(source.index) && source.stamp !== undefined);
  const info = samlaMade ? sources.find((source) => !taken.has(source.index) && sameName(source.name, INFO_SHEET)) : undefined;
  const origin = combinedOrigin(info ? originOfInformationSheet(info.name, info.head) : {}, originOfKeywords(keywords));
  return {
    ok: true,
    sheets,
    origin,
    rows: async (sheet, sink) => {
      const placed = sheets.find((candidate) => candidate === sheet);
      if (!placed) throw new Error(`The sheet ${sheet.sheet} was not placed in this upload`);
      return readingRefusal(() => streamPlacement(zip, placed.placement, placed.layout, parts.cells, limits, sink));
    },
  };
}

/** Runs a step of reading; what makes the file unreadable comes back as its refusal, anything else is thrown. */
async function readingRefusal(step: () => Promise<void>): Promise<UploadRefusal | undefined> {
  try {
    await step();
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    if (error instanceof DamagedPart) return uploadRefusal('damaged-workbook');
    throw error;
  }
}

/**
 * Opens an uploaded workbook and places its template sheets, reading no row past their headers: their rows are then
 * streamed one sheet at a time (`rows`), each part unpacked as it is read. Never throws for a bad file: what can't be
 * read safely is a refusal with its status and words. The zip is judged by its directory (yauzl) before anything is
 * unpacked; only the parts a template needs are unpacked, each held to its declared size, and read by streaming XML
 * (saxes): of the defined names only the sheets' template stamps are read (an older layout version is read with its
 * headers mapped to today's columns, or refused in words), conditional formats and data validations are never read,
 * and merges, hyperlinks and tables stay ranges, so every file that passes the size checks is read in time that grows
 * with its bytes, not with the ranges it names, and in memory that does not grow with its rows (beyond the shared
 * strings the file's own design keeps in one part, and the numbers of its data rows).
 */
export async function openUploadedWorkbook(body: Buffer, limits: Partial<UploadLimits> = {}): Promise<OpenedUpload> {
  const complete: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
  const opened = await openPackage(body, complete);
  if (!('entries' in opened)) return refuse(opened);
  try {
    return await openTemplateSheets(opened, complete);
  } catch (error) {
    if (error instanceof Refused) return refuse(error.refusal);
    if (error instanceof DamagedPart) return refuse(uploadRefusal('damaged-workbook'));
    throw error;
  }
}

/**
 * Reads an uploaded workbook whole into each template's sheet values, ready for `validateSheet`: `openUploadedWorkbook`
 * with every sheet's rows collected (the header row first, then each row below it to the last one with data; rows
 * without data are holes). For callers that need the values at once; the file route streams instead.
 */
export async function readUploadedWorkbook(body: Buffer, limits: Partial<UploadLimits> = {}): Promise<UploadReading> {
  const opened = await openUploadedWorkbook(body, limits);
  if (!opened.ok) return opened;
  const sheets: UploadedSheet[] = [];
  for (const sheet of opened.sheets) {
    let values: UploadedValue[][] = [[...sheet.header]];
    const refusal = await opened.rows(sheet, {
      row: (index, row) => {
        values[index] = row;
      },
      restart: () => {
        values = [[...sheet.header]];
      },
    });
    if (refusal) return refuse(refusal);
    sheets.push({ template: sheet.template, sheet: sheet.sheet, origin: sheet.origin, values });
  }
  return { ok: true, sheets, origin: opened.origin };
}
