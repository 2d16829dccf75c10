import { CompactTexts, withRoom } from '@samla/shared';
import { cellValue, type CellContext, type RawCell, type UploadedValue } from './uploaded-cell';
import {
  attribute,
  MAX_SHEET_COLUMN,
  MAX_SHEET_ROW,
  parseCellRef,
  parseRangeRef,
  parseXmlStream,
  type RangeRef,
  type XmlAttributes,
  type XmlHandlers,
} from './xlsx-xml';

/** A hyperlink as the sheet declares it (`<hyperlink>`): over a range, to an address (from its relationship) and/or a place. */
export interface SheetLink {
  readonly range: RangeRef;
  /** The relationship id of an external address. */
  readonly relationshipId?: string;
  /** A place in the document (`#…`), appended to the address. */
  readonly location?: string;
}

/**
 * A sheet's `<hyperlink>`s in the file's order, held compactly, as a sheet can link every one of its cells (Excel links
 * each URL typed into a cell to itself): the ranges in an `Int32Array`, the relationship ids in `CompactTexts`, the rare
 * places (`location`) in a map: about 30 bytes a link instead of some 150 as objects. `entries()` gives each as a
 * SheetLink, with its index.
 */
export class SheetLinks {
  private ranges = new Int32Array(4 * 64);
  private readonly relationshipIds = new CompactTexts();
  private readonly locations = new Map<number, string>();
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(link: SheetLink): void {
    this.ranges = withRoom(this.ranges, 4 * (this.count + 1));
    const { top, left, bottom, right } = link.range;
    this.ranges.set([top, left, bottom, right], 4 * this.count);
    this.relationshipIds.add(link.relationshipId ?? '');
    if (link.location) this.locations.set(this.count, link.location);
    this.count += 1;
  }

  *entries(): IterableIterator<[number, SheetLink]> {
    for (let index = 0; index < this.count; index += 1) {
      const at = 4 * index;
      const range = { top: this.ranges[at] ?? 0, left: this.ranges[at + 1] ?? 0, bottom: this.ranges[at + 2] ?? 0, right: this.ranges[at + 3] ?? 0 };
      const relationshipId = this.relationshipIds.at(index);
      const location = this.locations.get(index);
      yield [index, { range, ...(relationshipId ? { relationshipId } : {}), ...(location ? { location } : {}) }];
    }
  }
}

/** The addresses of a row's `HYPERLINK("…")` formulas, by column: each names its own cell's address only. */
export type FormulaLinks = ReadonlyMap<number, string>;

/** What one pass over a worksheet found: only the cells asked for, the merges and hyperlinks as ranges (never expanded). */
export interface SheetScan {
  /** Non-empty cells by row, then by column. */
  readonly rows: ReadonlyMap<number, ReadonlyMap<number, UploadedValue>>;
  /** `HYPERLINK("…")` formulas' addresses in the cells asked for, by row (kept with their rows, never as ranges). */
  readonly formulaLinks: ReadonlyMap<number, FormulaLinks>;
  readonly merges: readonly RangeRef[];
  /** The sheet's `<hyperlink>` elements, in the file's order (written after the rows). */
  readonly links: SheetLinks;
}

export type SheetScanResult =
  | { readonly ok: true; readonly scan: SheetScan }
  | { readonly ok: false; readonly problem: 'damaged' }
  | { readonly ok: false; readonly problem: 'outside'; readonly reference: string }
  | { readonly ok: false; readonly problem: 'too-many-rows' };

export interface ScanOptions {
  readonly cells: CellContext;
  /** Keep only cells in these columns (1-based, inclusive); all when absent. */
  readonly columns?: { readonly from: number; readonly to: number };
  /** Stop reading after this row (a header scan reads only the first rows). */
  readonly lastRow?: number;
  /** Stop, and say so, once this many rows hold anything. */
  readonly maxFilledRows: number;
}

/**
 * What a streaming scan hands on as each row ends: its non-empty wanted cells by column, and its HYPERLINK formulas'
 * addresses by column when it has any (the scan keeps none of them).
 */
export type ScannedRow = (row: number, cells: ReadonlyMap<number, UploadedValue>, links?: FormulaLinks) => void | Promise<void>;

const HYPERLINK_FORMULA = /^\s*HYPERLINK\(\s*"((?:[^"]|"")*)"/i;

interface OpenCell {
  /** Whether the cell is in the rows and columns asked for; text of others is never collected. */
  readonly wanted: boolean;
  readonly row: number;
  readonly column: number;
  readonly type: string | undefined;
  readonly style: number;
  value?: string[];
  formula?: string[];
  formulaAttributes?: XmlAttributes;
  inline?: string[];
}

/** The formula a cell shows; a shared formula's followers hold none of their own, so they name the cell that does. */
function formulaText(cell: OpenCell, sharedMasters: Map<string, string>): string | undefined {
  if (!cell.formula) return undefined;
  const text = cell.formula.join('');
  const shared = cell.formulaAttributes?.t === 'shared' ? cell.formulaAttributes.si : undefined;
  if (shared !== undefined) {
    if (text.trim() !== '') {
      sharedMasters.set(shared, text);
      return `=${text}`;
    }
    const master = sharedMasters.get(shared);
    return master === undefined ? '(delad formel)' : `=${master} (delad formel)`;
  }
  return `=${text}`;
}

function sheetScanner(options: ScanOptions, onRow?: ScannedRow) {
  const rows = new Map<number, Map<number, UploadedValue>>();
  const formulaLinks = new Map<number, Map<number, string>>();
  /** Rows ended but not yet handed to `onRow` (handed between chunks, so that a slow taker holds the reading back). */
  const ended: [number, Map<number, UploadedValue>, Map<number, string> | undefined][] = [];
  const merges: RangeRef[] = [];
  const links = new SheetLinks();
  const sharedMasters = new Map<string, string>();
  let failure: SheetScanResult | undefined;
  let stopped = false;
  let row = 0;
  let column = 0;
  let rowFilled = false;
  let filledRows = 0;
  let cell: OpenCell | undefined;
  let target: string[] | undefined;
  let inInline = false;
  let phonetic = 0;
  const fail = (result: SheetScanResult) => {
    failure ??= result;
    stopped = true;
  };
  const wanted = (at: number) => !options.columns || (at >= options.columns.from && at <= options.columns.to);

  const openRow = (attributes: XmlAttributes) => {
    const number = attributes.r === undefined ? row + 1 : Number(attributes.r);
    if (!Number.isInteger(number) || number < 1) return fail({ ok: false, problem: 'damaged' });
    if (number > MAX_SHEET_ROW) return fail({ ok: false, problem: 'outside', reference: `${attributes.r ?? number}` });
    row = number;
    column = 0;
    rowFilled = false;
    if (options.lastRow !== undefined && row > options.lastRow) stopped = true;
  };
  const openCell = (attributes: XmlAttributes) => {
    const reference = attributes.r === undefined ? undefined : parseCellRef(attributes.r);
    if (reference === 'outside') return fail({ ok: false, problem: 'outside', reference: attributes.r ?? '' });
    if (attributes.r !== undefined && !reference) return fail({ ok: false, problem: 'damaged' });
    const at = reference ?? { row, column: column + 1 };
    if (at.column > MAX_SHEET_COLUMN) return fail({ ok: false, problem: 'outside', reference: `R${at.row}C${at.column}` });
    column = at.column;
    const inRows = options.lastRow === undefined || at.row <= options.lastRow;
    cell = { wanted: inRows && wanted(at.column), row: at.row, column: at.column, type: attributes.t, style: Number(attributes.s ?? 0) };
  };
  const closeCell = () => {
    if (!cell) return;
    if (cell.value !== undefined || cell.formula !== undefined || cell.inline !== undefined) rowFilled = true;
    if (cell.wanted) {
      const formula = formulaText(cell, sharedMasters);
      const raw: RawCell = { type: cell.type, style: cell.style, value: cell.value?.join(''), inline: cell.inline?.join(''), formula };
      const value = cellValue(raw, options.cells);
      if (value !== null && value !== '') {
        let cells = rows.get(cell.row);
        if (!cells) rows.set(cell.row, (cells = new Map()));
        cells.set(cell.column, value);
      }
      const link = cell.formula ? HYPERLINK_FORMULA.exec(cell.formula.join('')) : null;
      if (link?.[1] !== undefined) {
        let addresses = formulaLinks.get(cell.row);
        if (!addresses) formulaLinks.set(cell.row, (addresses = new Map()));
        addresses.set(cell.column, link[1].replace(/""/g, '"'));
      }
    }
    cell = undefined;
  };
  /** Moves every row filed so far (cells, formula links) to the rows to hand on. */
  const endRows = () => {
    for (const [row, cells] of rows) ended.push([row, cells, formulaLinks.get(row)]);
    for (const [row, addresses] of formulaLinks) if (!rows.has(row)) ended.push([row, new Map(), addresses]);
    rows.clear();
    formulaLinks.clear();
  };
  const closeRow = () => {
    // Cells are filed by their own reference, which may name another row than the element around them: hand on all.
    if (onRow && (rows.size > 0 || formulaLinks.size > 0)) endRows();
    if (!rowFilled) return;
    filledRows += 1;
    if (filledRows > options.maxFilledRows) fail({ ok: false, problem: 'too-many-rows' });
  };
  const range = (text: string | undefined): RangeRef | undefined => {
    const parsed = parseRangeRef(text ?? '');
    if (parsed === 'outside') fail({ ok: false, problem: 'outside', reference: text ?? '' });
    return parsed === 'outside' ? undefined : parsed;
  };

  const handlers: XmlHandlers = {
    open(name, attributes) {
      if (stopped) return;
      if (name === 'row') openRow(attributes);
      else if (name === 'c') openCell(attributes);
      else if (cell && !cell.wanted && (name === 'v' || name === 'f' || name === 'is')) rowFilled = true;
      else if (cell && name === 'v') target = cell.value = [];
      else if (cell && name === 'f') {
        target = cell.formula = [];
        cell.formulaAttributes = attributes;
      } else if (cell && name === 'is') {
        inInline = true;
        cell.inline = [];
      } else if (inInline && name === 'rPh') phonetic += 1;
      else if (inInline && name === 't' && phonetic === 0) target = cell?.inline;
      else if (name === 'mergeCell') {
        const merged = range(attributes.ref);
        if (merged) merges.push(merged);
      } else if (name === 'hyperlink') {
        const linked = range(attributes.ref);
        const relationshipId = attribute(attributes, 'id');
        const location = attributes.location;
        if (linked) links.push({ range: linked, ...(relationshipId ? { relationshipId } : {}), ...(location ? { location } : {}) });
      }
    },
    text(text) {
      target?.push(text);
    },
    close(name) {
      if (stopped) return;
      if (name === 'v' || name === 'f' || name === 't') target = undefined;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'is') inInline = false;
      else if (name === 'c') closeCell();
      else if (name === 'row') closeRow();
    },
  };
  const result = (wellFormed: boolean): SheetScanResult => {
    if (failure) return failure;
    if (!wellFormed) return { ok: false, problem: 'damaged' };
    return { ok: true, scan: { rows, formulaLinks, merges, links } };
  };
  /** Hands the rows ended so far to `onRow`, in the order they ended. */
  const handOn = async (): Promise<void> => {
    if (!onRow) return;
    while (ended.length > 0) {
      const [row, cells, addresses] = ended.shift() ?? [0, new Map(), undefined];
      await onRow(row, cells, addresses);
    }
  };
  const finish = async (wellFormed: boolean): Promise<SheetScanResult> => {
    if (onRow && !failure && wellFormed) {
      endRows();
      await handOn();
    }
    return result(wellFormed);
  };
  return { handlers, stopped: () => stopped, result, handOn, finish };
}

/**
 * Reads one worksheet as it is unpacked (`chunks`) in a single streaming pass (saxes), never holding the part whole,
 * keeping only what is asked for. Every row and cell reference is checked against Excel's grid first; merges,
 * hyperlinks and the dimension stay ranges, so no reference in the file can make the reader visit cells one by one.
 * Without `onRow` the wanted cells are kept in the scan's `rows` (a header scan, a sheet read whole). With `onRow`,
 * each row's wanted cells are handed on as the row ends (awaited, in sheet order as the file writes it) and not kept:
 * the scan's `rows` and `formulaLinks` are then empty, and memory does not grow with the sheet's rows. A stream that fails throws.
 */
export async function scanSheetStream(chunks: AsyncIterable<Buffer>, options: ScanOptions, onRow?: ScannedRow): Promise<SheetScanResult> {
  const scanner = sheetScanner(options, onRow);
  const wellFormed = await parseXmlStream(chunks, scanner.handlers, scanner.stopped, scanner.handOn);
  return scanner.finish(wellFormed);
}
