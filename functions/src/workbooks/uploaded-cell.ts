import { CellProblem, spelledBeyondExact, WrittenNumber } from '@samla/shared';
import { unescapeXstring } from './xlsx-xml';

/** A cell's value as the shared sheet reader takes it, the same kinds Office.js delivers. */
export type PlainCellValue = string | number | boolean | Date | null;

/**
 * What the upload reader hands the shared reader for one cell: a plain value, a whole number spelled with more digits
 * than a double holds (`WrittenNumber`, e.g. openpyxl's `9007199254740993`), or why the cell can't be read.
 */
export type UploadedValue = PlainCellValue | WrittenNumber | CellProblem;

/** A workbook's shared strings as a cell reads them: a `CompactTexts` (xlsx-package.ts), or a plain array. */
export interface SharedStringTable {
  /** The text at `index` (0-based, as `<c t="s"><v>` writes it); undefined for an index the table does not hold. */
  at(index: number): string | undefined;
}

/** What a cell's XML needs from the rest of the workbook to mean something. */
export interface CellContext {
  /** `xl/sharedStrings.xml`, in order (ECMA-376 Part 1, §18.4.9). */
  readonly sharedStrings: SharedStringTable;
  /** Indices into `cellXfs` whose number format shows a date. */
  readonly dateStyles: ReadonlySet<number>;
  /** `<workbookPr date1904>`: serials count days from 1904-01-01 instead of 1900-01-00. */
  readonly date1904: boolean;
}

/** One `<c>` element as written (ECMA-376 Part 1, §18.3.1.4): its type, style, cached value and formula. */
export interface RawCell {
  readonly type: string | undefined;
  readonly style: number;
  /** The `<v>` text; undefined when the cell has no `<v>`. */
  readonly value: string | undefined;
  /** The `<is>` text of an inline string. */
  readonly inline: string | undefined;
  /** The formula as the user would see it (`=1200*3`), when the cell has one. */
  readonly formula: string | undefined;
}

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL_1900 = 25_569;
/** Days between the 1900 and the 1904 date systems' day zero. */
const DAYS_1904_AFTER_1900 = 1_462;
/** Serial 61 is 1900-03-01 in the 1900 system; before it, Excel's fictitious 1900-02-29 makes serials ambiguous. */
const FIRST_RELIABLE_SERIAL_1900 = 61;
const LAST_SERIAL_1900 = 2_958_465;
const ISO_DAY = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/;

/**
 * The calendar day an Excel serial shows, as a Date at UTC midnight; undefined outside 1900-03-01…9999-12-31.
 * A time of day never moves the day: the serial is taken to the millisecond (as Excel shows it) and the day part kept.
 */
export function dayFromSerial(serial: number, date1904: boolean): Date | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const days = Math.floor(Math.round(serial * MS_PER_DAY) / MS_PER_DAY) + (date1904 ? DAYS_1904_AFTER_1900 : 0);
  if (days < FIRST_RELIABLE_SERIAL_1900 || days > LAST_SERIAL_1900) return undefined;
  return new Date((days - UNIX_EPOCH_SERIAL_1900) * MS_PER_DAY);
}

/** An ISO 8601 date cell (`t="d"`, ECMA-376 Part 1, §18.18.11) to the calendar day it names, at UTC midnight. */
function dayFromIso(text: string): Date | undefined {
  const match = ISO_DAY.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

/**
 * A whole number written out with more than 15 significant digits, which only a script writes (Excel itself writes at
 * most 17 digits of a double, `1234.5599999999999`, which means the 15-digit number it shows and stays a number).
 */
function wholeBeyondExact(text: string): boolean {
  return /^\s*-?\d+\s*$/.test(text) && spelledBeyondExact(text.trim());
}

function numberValue(raw: RawCell, context: CellContext): UploadedValue {
  const text = raw.value ?? '';
  const value = Number(text);
  // Not a number after all: the text goes on, and the shared reader says what it found.
  if (text.trim() === '' || !Number.isFinite(value)) return text.trim() === '' ? null : text;
  if (!context.dateStyles.has(raw.style)) return wholeBeyondExact(text) ? new WrittenNumber(value, text.trim()) : value;
  return dayFromSerial(value, context.date1904) ?? value;
}

function hasNoComputedValue(raw: RawCell): boolean {
  if (raw.formula === undefined) return false;
  // A text formula may really have computed "" (`t="str"` with an empty `<v>`); any other empty `<v>` is no value.
  return raw.value === undefined || (raw.value === '' && raw.type !== 'str');
}

/**
 * One cell's XML to its plain value: a formula gives its cached result (never evaluated), or a `formula-without-value`
 * problem when the writer (openpyxl, a script) saved none; shared and inline strings their text; a date-formatted
 * number or an ISO date (`t="d"`) the calendar day it shows, as a Date at UTC midnight; errors like `#N/A` their text.
 * Text stays text whatever it begins with: it is data, not a formula.
 */
export function cellValue(raw: RawCell, context: CellContext): UploadedValue {
  if (hasNoComputedValue(raw)) return new CellProblem('formula-without-value', { formula: raw.formula ?? '' });
  switch (raw.type) {
    case 's': {
      // Decimal digits only: Number() reads '' and ' ' as 0, and '0x1', '1e0', '+1' as 1, which would put another
      // cell's text here. An index the table does not hold (negative, fractional, past the end) reads as an empty cell.
      const digits = raw.value?.trim();
      return digits && /^\d+$/.test(digits) ? (context.sharedStrings.at(Number(digits)) ?? null) : null;
    }
    case 'inlineStr': {
      const text = raw.inline ?? raw.value;
      return text === undefined ? null : unescapeXstring(text);
    }
    case 'str':
      return raw.value === undefined ? null : unescapeXstring(raw.value);
    case 'e':
      return raw.value ?? null;
    case 'b':
      return raw.value === undefined ? null : raw.value.trim() === '1' || raw.value.trim() === 'true';
    case 'd': {
      if (raw.value === undefined || raw.value.trim() === '') return null;
      return dayFromIso(raw.value) ?? new CellProblem('invalid-date', { value: raw.value.slice(0, 60) });
    }
    default:
      return numberValue(raw, context);
  }
}
