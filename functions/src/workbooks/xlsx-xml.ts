import { SaxesParser } from 'saxes';
import { TextDecoder } from 'node:util';
import { columnLetters } from '@samla/shared';

/** Attributes of one element, keyed as written (`r:id`, `ref`). */
export type XmlAttributes = Readonly<Record<string, string>>;

/** What a part's reader wants to hear; element names are local (`x:c` and `c` are both `c`). */
export interface XmlHandlers {
  open?(name: string, attributes: XmlAttributes): void;
  text?(text: string): void;
  close?(name: string): void;
}

const CHUNK_BYTES = 1 << 16;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** An attribute by its local name, whatever prefix the writer chose (`r:id`, `ns2:id`). */
export function attribute(attributes: XmlAttributes, name: string): string | undefined {
  const exact = attributes[name];
  if (exact !== undefined) return exact;
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name && key.includes(':')) return value;
  return undefined;
}

/** xsd:boolean as ECMA-376 attributes use it: `true`, `1`, `false`, `0`, whitespace collapsed. */
export function xmlBoolean(value: string | undefined, fallback: boolean): boolean {
  const text = value?.trim();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return fallback;
}

/** XML parts are UTF-8, or UTF-16 with a byte-order mark (XML 1.0 §4.3.3). */
function decoderFor(xml: Buffer): TextDecoder {
  if (xml[0] === 0xff && xml[1] === 0xfe) return new TextDecoder('utf-16le');
  if (xml[0] === 0xfe && xml[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/**
 * One XML part fed to saxes piece by piece (no DTD, no entity expansion beyond XML's five), calling the handlers with
 * namespace-free names, so Transitional and Strict Open XML read alike. The encoding is read from the first bytes.
 */
class XmlFeed {
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private decoder: TextDecoder | undefined;
  private head: Buffer | undefined;
  failed = false;

  constructor(handlers: XmlHandlers) {
    this.parser.on('error', () => {
      this.failed = true;
    });
    const { open, text, close } = handlers;
    if (open) this.parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as XmlAttributes));
    if (text) {
      this.parser.on('text', text);
      this.parser.on('cdata', text);
    }
    if (close) this.parser.on('closetag', (tag) => close(localName(tag.name)));
  }

  write(bytes: Buffer): void {
    if (this.failed) return;
    if (!this.decoder) {
      // The byte-order mark is two bytes: wait for them however the part is cut.
      const start = this.head ? Buffer.concat([this.head, bytes]) : bytes;
      if (start.length < 2) {
        this.head = start;
        return;
      }
      this.head = undefined;
      this.decoder = decoderFor(start);
      bytes = start;
    }
    for (let at = 0; at < bytes.length && !this.failed; at += CHUNK_BYTES) {
      this.parser.write(this.decoder.decode(bytes.subarray(at, at + CHUNK_BYTES), { stream: true }));
    }
  }

  /** Ends the part; whether it was well-formed. */
  end(): boolean {
    if (this.head && !this.decoder && !this.failed) {
      this.decoder = decoderFor(this.head);
      this.parser.write(this.decoder.decode(this.head, { stream: true }));
      this.head = undefined;
    }
    const rest = this.decoder?.decode() ?? '';
    if (rest && !this.failed) this.parser.write(rest);
    if (!this.failed) this.parser.close();
    return !this.failed;
  }
}

/**
 * Streams one XML part held in memory through saxes (see XmlFeed), decoded chunk by chunk: a header scan that stops
 * early never decodes the rest of a large sheet. Stops early once `stop()` says so (checked between chunks). Returns
 * false when the XML is not well-formed.
 */
export function parseXml(xml: Buffer, handlers: XmlHandlers, stop: () => boolean = () => false): boolean {
  const feed = new XmlFeed(handlers);
  for (let at = 0; at < xml.length && !feed.failed; at += CHUNK_BYTES) {
    feed.write(xml.subarray(at, at + CHUNK_BYTES));
    if (stop()) return !feed.failed;
  }
  return feed.end();
}

/**
 * Streams one XML part as it is unpacked (`chunks`, e.g. a zip entry's stream), never holding it whole. After each
 * chunk, `between` is awaited (a reader hands on what the chunk finished, and waits for whoever takes it); stops early
 * once `stop()` says so. Returns false when the XML is not well-formed; a failing stream throws.
 */
export async function parseXmlStream(
  chunks: AsyncIterable<Buffer>,
  handlers: XmlHandlers,
  stop: () => boolean = () => false,
  between: () => Promise<void> = async () => undefined,
): Promise<boolean> {
  const feed = new XmlFeed(handlers);
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length && !feed.failed; at += CHUNK_BYTES) {
      feed.write(chunk.subarray(at, at + CHUNK_BYTES));
      await between();
      if (stop()) return !feed.failed;
    }
    if (feed.failed) return false;
  }
  return feed.end();
}

/** Excel's grid (ECMA-376 Part 1, §18.3.1.73 and Excel's specifications and limits): rows 1–1 048 576, columns A–XFD. */
export const MAX_SHEET_ROW = 1_048_576;
export const MAX_SHEET_COLUMN = 16_384;

export interface CellRef {
  readonly row: number;
  readonly column: number;
}

export interface RangeRef {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function columnFromLetters(letters: string): number {
  let column = 0;
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return column;
}

/** A reference such as `B12` or `$B$12`; 'outside' when it lies past row 1 048 576 or column XFD. */
export function parseCellRef(text: string): CellRef | 'outside' | undefined {
  const match = /^\$?([A-Za-z]{1,4})\$?(\d{1,10})$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const column = columnFromLetters(match[1]);
  const row = Number(match[2]);
  if (row < 1) return undefined;
  return row > MAX_SHEET_ROW || column > MAX_SHEET_COLUMN ? 'outside' : { row, column };
}

/** Whole rows (`10:10`, as LibreOffice writes a merge over a row) or whole columns (`A:C`). */
function wholeLinesRef(first: string, second: string): RangeRef | 'outside' | undefined {
  const rows = /^\$?(\d{1,10})$/;
  const columns = /^\$?([A-Za-z]{1,4})$/;
  const [topText, bottomText] = [rows.exec(first)?.[1], rows.exec(second)?.[1]];
  if (topText !== undefined && bottomText !== undefined) {
    const [top, bottom] = [Number(topText), Number(bottomText)].sort((a, b) => a - b) as [number, number];
    if (top < 1) return undefined;
    return bottom > MAX_SHEET_ROW ? 'outside' : { top, bottom, left: 1, right: MAX_SHEET_COLUMN };
  }
  const [leftText, rightText] = [columns.exec(first)?.[1], columns.exec(second)?.[1]];
  if (leftText === undefined || rightText === undefined) return undefined;
  const [left, right] = [columnFromLetters(leftText), columnFromLetters(rightText)].sort((a, b) => a - b) as [number, number];
  return right > MAX_SHEET_COLUMN ? 'outside' : { top: 1, bottom: MAX_SHEET_ROW, left, right };
}

/** A range such as `C2:C3`, `10:10` or `A:A` (or one cell), corners put in order; never expanded to its cells. */
export function parseRangeRef(text: string): RangeRef | 'outside' | undefined {
  const [first, second = first] = text.trim().split(':');
  if (first !== undefined && text.includes(':')) {
    const lines = wholeLinesRef(first, second ?? first);
    if (lines) return lines;
  }
  if (first === undefined) return undefined;
  const a = parseCellRef(first);
  const b = parseCellRef(second ?? first);
  if (a === 'outside' || b === 'outside') return 'outside';
  if (!a || !b) return undefined;
  return { top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) };
}

export function rangeText(range: RangeRef): string {
  const first = `${columnLetters(range.left)}${range.top}`;
  return range.top === range.bottom && range.left === range.right ? first : `${first}:${columnLetters(range.right)}${range.bottom}`;
}

const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Text as the user typed it: Office escapes characters that XML can't carry as `_xHHHH_` in cell text (ECMA-376 Part 1,
 * §22.9.2.19 ST_Xstring), and a literal `_x` that would look like an escape as `_x005F_x…`. A control character
 * unescaped here is refused by the shared reader at its cell, as any other.
 */
export function unescapeXstring(text: string): string {
  return text.includes('_x') ? text.replace(XSTRING_ESCAPE, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}
