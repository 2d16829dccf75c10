import { CompactTexts, STAMP_NAME, withRoom } from '@samla/shared';
import type { CellContext } from './uploaded-cell';
import { attribute, parseXml, parseRangeRef, unescapeXstring, xmlBoolean, type RangeRef } from './xlsx-xml';
import type { ZipPackage } from './zip-directory';

/**
 * The parts of an xlsx package the upload reader needs, found the way Open Packaging Conventions say
 * (ECMA-376 Part 2): through relationships, whose targets may be relative or absolute part names, and whose types
 * are told apart by their last segment so Transitional and Strict Open XML read alike.
 */

export interface Relationship {
  readonly id: string;
  /** The type's last segment: `worksheet`, `table`, `hyperlink`, `sharedStrings`, `styles`, `officeDocument`. */
  readonly kind: string;
  /** A part name without its leading slash, or, for an external target, the address as written. */
  readonly target: string;
  readonly external: boolean;
}

export class DamagedPart extends Error {}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; the package's own are `_rels/.rels`. */
function relationshipsPartOf(partName: string): string {
  const slash = partName.lastIndexOf('/');
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

function decodedUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A relationship target resolved against its source part (RFC 3986 §5.2): `/xl/tables/table1.xml` or `../tables/table1.xml`. */
export function resolveTarget(sourcePart: string, target: string): string {
  const path = decodedUri(target.split('#')[0] ?? '').replace(/\\/g, '/');
  const base = path.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') base.pop();
    else base.push(segment);
  }
  return base.join('/');
}

async function readPart(zip: ZipPackage, partName: string): Promise<Buffer | undefined> {
  return zip.read(partName);
}

/** A part the reader can't do without: a damaged one is a damaged workbook. */
async function requiredXml(zip: ZipPackage, partName: string, handlers: Parameters<typeof parseXml>[1]): Promise<void> {
  const xml = await readPart(zip, partName);
  if (!xml || !parseXml(xml, handlers)) throw new DamagedPart(partName);
}

/** `rIdN` with N a whole number below 2^31 (what Excel and every writer Samla knows name relationships): its N. */
function numberedId(id: string): number | undefined {
  if (id.length < 4 || id.length > 13 || !id.startsWith('rId')) return undefined;
  const digits = id.slice(3);
  if (!/^[1-9][0-9]*$/.test(digits)) return undefined;
  const number = Number(digits);
  return number < 2 ** 31 ? number : undefined;
}

/**
 * A part's relationships by id (OPC, ECMA-376 Part 2 §9.3), a later one with an id replacing an earlier (ids are
 * unique in a valid part). A sheet can link every one of its cells (a URL typed into a cell is an external hyperlink
 * relationship of its own): the external hyperlinks' addresses are held compactly (`CompactTexts`, found by the number
 * in `rIdN` through an `Int32Array`), about the address's characters and 8 bytes each instead of some 300 bytes as an
 * object in a map; every other relationship is an object.
 */
export class Relationships {
  private readonly others = new Map<string, Relationship>();
  private readonly addresses = new CompactTexts();
  /** For `rIdN`: the index + 1 of its address; 0 for none. */
  private numbered = new Int32Array(0);
  /** For an external hyperlink whose id is not `rIdN`: the index of its address. */
  private readonly named = new Map<string, number>();

  /** Adds a relationship (replacing one of the same id). */
  set(relationship: Relationship): void {
    const { id } = relationship;
    const number = numberedId(id);
    // The one of this id held before goes (an object keeps its place among the others, as in a map).
    this.named.delete(id);
    if (number !== undefined && number < this.numbered.length) this.numbered[number] = 0;
    if (relationship.kind !== 'hyperlink' || !relationship.external) {
      this.others.set(id, relationship);
      return;
    }
    this.others.delete(id);
    const index = this.addresses.add(relationship.target);
    if (number === undefined) {
      this.named.set(id, index);
      return;
    }
    this.numbered = withRoom(this.numbered, number + 1);
    this.numbered[number] = index + 1;
  }

  get(id: string): Relationship | undefined {
    const other = this.others.get(id);
    if (other) return other;
    const number = numberedId(id);
    const index = number === undefined ? this.named.get(id) : (this.numbered[number] ?? 0) - 1;
    const target = index === undefined || index < 0 ? undefined : this.addresses.at(index);
    return target === undefined ? undefined : { id, kind: 'hyperlink', target, external: true };
  }

  /** Every relationship that is not an external hyperlink (what a part's tables, styles and the like are found by). */
  parts(): IterableIterator<Relationship> {
    return this.others.values();
  }
}

/** A part's relationships by id; none when it has no relationships part. */
export async function relationshipsOf(zip: ZipPackage, sourcePart: string): Promise<Relationships> {
  const relationships = new Relationships();
  const partName = sourcePart === '' ? '_rels/.rels' : relationshipsPartOf(sourcePart);
  if (!zip.entries.some((entry) => entry.name.toLowerCase() === partName.toLowerCase())) return relationships;
  await requiredXml(zip, partName, {
    open(name, attributes) {
      if (name !== 'Relationship') return;
      const id = attributes.Id;
      const type = attributes.Type ?? '';
      const target = attributes.Target ?? '';
      if (!id) return;
      const external = attributes.TargetMode === 'External';
      const kind = type.slice(type.lastIndexOf('/') + 1);
      relationships.set({ id, kind, target: external ? target : resolveTarget(sourcePart, target), external });
    },
  });
  return relationships;
}

export interface WorkbookSheet {
  readonly name: string;
  /** The worksheet's part name; undefined for chart sheets and sheets whose part is missing. */
  readonly part: string | undefined;
  /** The formula of the sheet's own `Samla_Mall` defined name (the template stamp), as the file writes it. */
  readonly stamp?: string;
}

export interface WorkbookParts {
  readonly sheets: readonly WorkbookSheet[];
  readonly cells: CellContext;
}

const DEFAULT_WORKBOOK_PART = 'xl/workbook.xml';

async function workbookPartName(zip: ZipPackage): Promise<string> {
  const root = await relationshipsOf(zip, '');
  const main = [...root.parts()].find((relationship) => relationship.kind === 'officeDocument' && !relationship.external);
  return main?.target ?? DEFAULT_WORKBOOK_PART;
}

async function sharedStrings(zip: ZipPackage, partName: string | undefined): Promise<CompactTexts> {
  // Held compactly (CompactTexts): a large upload's distinct texts would otherwise be most of what reading it holds.
  const strings = new CompactTexts();
  if (!partName) return strings.finish();
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  await requiredXml(zip, partName, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text(text) {
      if (inText) current?.push(text);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si') {
        strings.add(unescapeXstring(current?.join('') ?? ''));
        current = undefined;
      }
    },
  });
  return strings.finish();
}

/** Built-in number formats that show a date (ECMA-376 Part 1, §18.8.30; 27–36 and 50–58 are the East Asian dates). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a format code shows a date or time: d, m, y, h or s outside quotes, escapes and brackets (colours, conditions). */
export function isDateFormat(code: string): boolean {
  const first = code.split(';')[0] ?? '';
  const bare = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '');
  return /[dmyhs]/i.test(bare);
}

async function dateStyles(zip: ZipPackage, partName: string | undefined): Promise<Set<number>> {
  const styles = new Set<number>();
  if (!partName) return styles;
  const customDates = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  await requiredXml(zip, partName, {
    open(name, attributes) {
      if (name === 'numFmt' && isDateFormat(attributes.formatCode ?? '')) customDates.add(Number(attributes.numFmtId));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const format = Number(attributes.numFmtId ?? 0);
        if (BUILT_IN_DATE_FORMATS.has(format) || customDates.has(format)) styles.add(index);
        index += 1;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

/**
 * The workbook's sheets in order, and what its cells need: shared strings, which styles are dates, and the date
 * system (`date1904` in any spelling xsd:boolean allows). Throws `DamagedPart` when a part it needs can't be read.
 */
export async function readWorkbookParts(zip: ZipPackage): Promise<WorkbookParts> {
  const workbookPart = await workbookPartName(zip);
  const relationships = await relationshipsOf(zip, workbookPart);
  const declared: { name: string; id: string | undefined }[] = [];
  let date1904 = false;
  // Stamps by the sheet's 0-based position (`localSheetId`); names are case-insensitive, as in Excel.
  const stamps = new Map<number, string>();
  let stampOf: { sheet: number; text: string[] } | undefined;
  await requiredXml(zip, workbookPart, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = xmlBoolean(attributes.date1904, false);
      else if (name === 'sheet') declared.push({ name: attributes.name ?? '', id: attribute(attributes, 'id') });
      else if (name === 'definedName' && (attributes.name ?? '').toLowerCase() === STAMP_NAME.toLowerCase()) {
        const sheet = Number(attributes.localSheetId);
        if (Number.isInteger(sheet) && sheet >= 0) stampOf = { sheet, text: [] };
      }
    },
    text(text) {
      stampOf?.text.push(text);
    },
    close(name) {
      if (name !== 'definedName' || !stampOf) return;
      stamps.set(stampOf.sheet, stampOf.text.join('').trim());
      stampOf = undefined;
    },
  });
  const sheets = declared.map(({ name, id }, index) => {
    const relationship = id === undefined ? undefined : relationships.get(id);
    const part = relationship?.kind === 'worksheet' && !relationship.external ? relationship.target : undefined;
    const stamp = stamps.get(index);
    return stamp === undefined ? { name, part } : { name, part, stamp };
  });
  const partOfKind = (kind: string) => [...relationships.parts()].find((relationship) => relationship.kind === kind && !relationship.external)?.target;
  return {
    sheets,
    cells: {
      sharedStrings: await sharedStrings(zip, partOfKind('sharedStrings')),
      dateStyles: await dateStyles(zip, partOfKind('styles')),
      date1904,
    },
  };
}

/** An Excel table as its part declares it (ECMA-376 Part 1, §18.5.1.2). */
export interface SheetTable {
  readonly ref: RangeRef;
  /** Rows of the range that are the header (0 when the header row is switched off). */
  readonly headerRowCount: number;
  /** Rows at the bottom of the range that are the Total Row. */
  readonly totalsRowCount: number;
  /** The column names, left to right. */
  readonly columns: readonly string[];
}

/** The tables of a worksheet, from the table parts its relationships name; 'outside' when a table lies past the grid. */
export async function sheetTables(zip: ZipPackage, relationships: Relationships): Promise<SheetTable[] | 'outside'> {
  const tables: SheetTable[] = [];
  for (const relationship of relationships.parts()) {
    if (relationship.kind !== 'table' || relationship.external) continue;
    let ref: RangeRef | 'outside' | undefined;
    let headerRowCount = 1;
    let totalsRowCount = 0;
    const columns: string[] = [];
    await requiredXml(zip, relationship.target, {
      open(name, attributes) {
        if (name === 'table') {
          ref = parseRangeRef(attributes.ref ?? '');
          headerRowCount = Number(attributes.headerRowCount ?? 1);
          totalsRowCount = Number(attributes.totalsRowCount ?? 0);
        } else if (name === 'tableColumn') columns.push(attributes.name ?? '');
      },
    });
    if (ref === 'outside') return 'outside';
    if (ref && Number.isInteger(headerRowCount) && Number.isInteger(totalsRowCount)) tables.push({ ref, headerRowCount, totalsRowCount, columns });
  }
  return tables;
}

/**
 * The document's keywords (`cp:keywords` in the core properties part, ECMA-376 Part 2 §11; Excel's Tags), found through
 * the package's own relationships; undefined when the file has none or the part can't be read (they are never needed).
 */
export async function documentKeywords(zip: ZipPackage): Promise<string | undefined> {
  const root = await relationshipsOf(zip, '');
  const core = [...root.parts()].find((relationship) => relationship.kind === 'core-properties' && !relationship.external);
  const xml = core ? await readPart(zip, core.target) : undefined;
  if (!xml) return undefined;
  let inKeywords = false;
  const text: string[] = [];
  const read = parseXml(xml, {
    open(name) {
      if (name === 'keywords') inKeywords = true;
    },
    text(chunk) {
      if (inKeywords) text.push(chunk);
    },
    close(name) {
      if (name === 'keywords') inKeywords = false;
    },
  });
  return read && text.length > 0 ? text.join('') : undefined;
}
