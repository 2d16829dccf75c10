import type { Column, ListColumn, NumberColumn } from '../templates/column-definition';
import { YES_NO } from '../templates/list-definitions';
import type { IssueCode, IssueParams } from '../validation/issue-codes';
import { invisibleIdCharacter, lineSeparatorCharacter, reservedIdCharacter, showableText, xmlInvalidCharacter } from './cell-characters';
import { numberIn, shownNumber } from '../i18n/localized';
import { hasAtMostDecimals, parseNumberText, spreadsheetNumber, type AmbiguousNumberText } from './number-text';

/** Why one cell could not be read as its column's type. */
export class CellProblem {
  constructor(
    readonly code: IssueCode,
    readonly params: IssueParams,
  ) {}
}

/** A cell's value once read: the typed value, `undefined` when empty, or the problem. */
export type CellReading = string | number | boolean | undefined | CellProblem;

const ISO_DATE_TEXT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const MS_PER_DAY = 86_400_000;
/** Excel's 1900 date system: serial 25569 is 1970-01-01 (serials from 61 on, after Excel's fictitious 1900-02-29). */
const UNIX_EPOCH_SERIAL = 25_569;
const MAX_SERIAL = 2_958_465;
/** 1900-01-01 and 9999-12-31 23:59:59.999 UTC: the days a spreadsheet can show. */
const FIRST_DATE_MS = Date.UTC(1900, 0, 1);
const LAST_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A raw cell may already be a `CellProblem` when the program that read the file knows the cell can't be read
 * (a formula with no computed value, the covered part of a merge): it is reported at its cell like any other.
 */
export function isEmptyCell(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** A value that can stand in a cell: text, a number, a date or yes/no. Anything else is refused without reading it. */
export type CellValue = string | number | boolean | Date;

/** Whether a raw value is one a cell can hold; objects and arrays are not, whatever their `toString` says. */
export function isCellValue(raw: unknown): raw is CellValue {
  const type = typeof raw;
  return type === 'string' || type === 'number' || type === 'boolean' || raw instanceof Date;
}

/**
 * How a raw cell looks in a message: short, never an essay, with invisible and XML-invalid characters written as
 * `[U+FFFF]`. An object or array is named by its kind; its `toString` is never called.
 */
export function showValue(raw: unknown): string {
  if (raw instanceof WrittenNumber) return raw.text;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'ogiltigt datum' : raw.toISOString();
  if (!isCellValue(raw)) return Array.isArray(raw) ? '[…]' : '{…}';
  // ±Infinity and NaN come from numbers too large for JSON's reader, never from what was typed: ∞, not "Infinity".
  if (typeof raw === 'number' && !Number.isFinite(raw)) return showNumber(raw);
  return showableText(String(raw));
}

function pad(value: number, length: number): string {
  return String(value).padStart(length, '0');
}

function isoFromParts(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The ISO days already spelled, by day since 1970: a sheet's dates fall on few days. Bounded, then cleared. */
const isoByEpochDay = new Map<number, string>();
const MAX_CACHED_DAYS = 4_096;

function isoFromEpochDays(days: number): string {
  let iso = isoByEpochDay.get(days);
  if (iso === undefined) {
    const date = new Date(days * MS_PER_DAY);
    iso = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
    if (isoByEpochDay.size >= MAX_CACHED_DAYS) isoByEpochDay.clear();
    isoByEpochDay.set(days, iso);
  }
  return iso;
}

/** An Excel date serial (1900 system) to an ISO date; a time of day is dropped. */
export function isoDateFromSerial(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial > MAX_SERIAL) return undefined;
  return isoFromEpochDays(Math.floor(serial) - UNIX_EPOCH_SERIAL);
}

/** An ISO date to its Excel serial (1900 system). */
export function serialFromIsoDate(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/**
 * A date cell means the calendar day it shows. A serial's fraction and a `Date`'s time of day (in UTC, the zone
 * ExcelJS and the upload reader give a cell's serial in) are dropped, never rounded: 2014-12-31 13:00 is 2014-12-31.
 * ISO text keeps its date part, with or without a time.
 */
function readDate(raw: CellValue): CellReading {
  if (typeof raw === 'number') {
    return isoDateFromSerial(raw) ?? new CellProblem('invalid-date', { value: showValue(raw) });
  }
  if (raw instanceof Date) {
    const time = raw.getTime();
    if (!(time >= FIRST_DATE_MS && time <= LAST_DATE_MS)) return new CellProblem('invalid-date', { value: showValue(raw) });
    return isoFromEpochDays(Math.floor(time / MS_PER_DAY));
  }
  const match = typeof raw === 'string' ? ISO_DATE_TEXT.exec(raw.trim()) : null;
  if (!match) return new CellProblem('invalid-date', { value: showValue(raw) });
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Written in the right form but naming no day (2013-02-30, 2014-13-01): say why, not the form again.
  return isoFromParts(year, month, day) ?? new CellProblem('nonexistent-date', { value: showValue(raw), year, month, day });
}

/**
 * A number from a cell: finite numbers as a spreadsheet means them (15 significant digits), text by the rules of
 * `parseNumberText` (`1 234,50`, `1234.5`). Undefined for anything else, and for text that could mean two numbers.
 */
export function parseNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? spreadsheetNumber(raw) : undefined;
  if (typeof raw !== 'string') return undefined;
  const parsed = parseNumberText(raw);
  return parsed?.kind === 'number' ? parsed.value : undefined;
}

/**
 * A number as a Swedish reader writes it, for a message: `1 500,25`, `100 000`, and beyond 15 digits `1,797×10^308`.
 * Plain spaces and hyphen-minus. A message that can be read in English takes a `ShownNumber` instead (`numberIn`).
 */
export function showNumber(value: number): string {
  return numberIn(value, 'sv');
}

/**
 * A number as the input spelled it, where the spelling says more than the double it reads as: more than 15 significant
 * digits (`9007199254740993`, beyond 2^53, reads as 9007199254740992). It is read as its value; a message quotes the
 * spelling, never a rounded number the user did not write. The API's JSON reader and the upload reader make them.
 */
export class WrittenNumber {
  constructor(
    readonly value: number,
    readonly text: string,
  ) {}
}

function ambiguousNumber(raw: string, parsed: AmbiguousNumberText): CellProblem {
  const { asThousands, asThousandsPlain, asDecimal, asDecimalPoint } = parsed;
  return new CellProblem('ambiguous-number', {
    value: showValue(raw),
    ...{ asThousands, asThousandsPlain, asDecimal, asDecimalPoint },
    thousands: shownNumber(parsed.thousandsValue),
    decimal: shownNumber(parsed.decimalValue),
  });
}

/** `written`: the input's own spelling of a number value (a `WrittenNumber`'s), quoted by messages instead of the value. */
function readNumber(column: NumberColumn, raw: CellValue, written?: string): CellReading {
  let value: number;
  let decimals: number | undefined;
  if (typeof raw === 'number' && Number.isFinite(raw)) value = spreadsheetNumber(raw);
  else {
    const parsed = typeof raw === 'string' ? parseNumberText(raw) : undefined;
    if (parsed?.kind === 'ambiguous') return ambiguousNumber(raw as string, parsed);
    if (parsed === undefined) return new CellProblem('invalid-number', { value: showValue(raw) });
    value = parsed.value;
    decimals = parsed.decimals;
  }
  // The cell as the user wrote it: their text (never re-rounded), else the number, written each language's way.
  const shown = typeof raw === 'string' ? showValue(raw) : shownNumber(value, written);
  if (column.integer && !Number.isInteger(value)) return new CellProblem('not-whole-number', { value: shown });
  if (column.min !== undefined && value < column.min) return new CellProblem('below-minimum', { value: shown, min: shownNumber(column.min) });
  if (column.max !== undefined && value > column.max) return new CellProblem('above-maximum', { value: shown, max: shownNumber(column.max) });
  if (column.nonZero && value === 0) return new CellProblem('zero-amount', { value: shown });
  if (column.maxDecimals !== undefined && !(decimals === undefined ? hasAtMostDecimals(value, column.maxDecimals) : decimals <= column.maxDecimals)) {
    return new CellProblem('too-many-decimals', { value: shown, max: column.maxDecimals });
  }
  return value;
}

// The yes/no labels in both languages, and TRUE/FALSE as Excel writes them in English and Swedish.
const TRUE_TEXTS = new Set([YES_NO.yes.sv, YES_NO.yes.en, 'true', 'sant'].map((text) => text.toLowerCase()));
const FALSE_TEXTS = new Set([YES_NO.no.sv, YES_NO.no.en, 'false', 'falskt'].map((text) => text.toLowerCase()));
/** The labels as written (`Ja`, `Nej`): the common case, answered without lower-casing a copy. */
const AS_WRITTEN = new Map<string, boolean>(
  [YES_NO.yes.sv, YES_NO.yes.en, YES_NO.no.sv, YES_NO.no.en].map((text) => [text, TRUE_TEXTS.has(text.toLowerCase())]),
);

function readBoolean(raw: CellValue): CellReading {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  const written = typeof raw === 'string' ? AS_WRITTEN.get(raw) : undefined;
  if (written !== undefined) return written;
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (TRUE_TEXTS.has(text)) return true;
  if (FALSE_TEXTS.has(text)) return false;
  return new CellProblem('invalid-boolean', { value: showValue(raw) });
}

/**
 * A cell as text: text trimmed of surrounding white space (JavaScript's `trim`), a number in its shortest spelling, a
 * date as its ISO day. Refused: a character XML 1.0 can't hold (anywhere in the cell, counted from its first character),
 * an integer too large to be exact (JSON.parse has already rounded it: send such a number as text), and ±Infinity/NaN.
 */
/** `lineSeparators: false` leaves U+2028/U+2029 to the caller (an ID refuses them as invisible, with that message). */
function readText(raw: CellValue, lineSeparators = true): CellReading {
  if (raw instanceof Date) return readDate(raw);
  if (typeof raw === 'number' && !(Number.isFinite(raw) && (Number.isSafeInteger(raw) || !Number.isInteger(raw)))) {
    return new CellProblem('imprecise-number', { value: showValue(raw) });
  }
  const text = String(raw);
  const invalid = xmlInvalidCharacter(text);
  if (invalid) return new CellProblem('xml-invalid-character', { ...invalid, value: showValue(text) });
  const separator = lineSeparators ? lineSeparatorCharacter(text) : undefined;
  if (separator) return new CellProblem('line-separator-character', { ...separator, value: showValue(text) });
  return text.trim();
}

function checkLength(reading: CellReading, max: number): CellReading {
  return typeof reading === 'string' && reading.length > max
    ? new CellProblem('too-long', { length: shownNumber(reading.length), max: shownNumber(max) })
    : reading;
}

function readId(raw: CellValue, max: number): CellReading {
  const text = readText(raw, false);
  if (typeof text !== 'string') return text;
  const reserved = reservedIdCharacter(text);
  if (reserved) return new CellProblem('invalid-id', { ...reserved, value: showValue(text) });
  const invisible = invisibleIdCharacter(text);
  if (invisible) return new CellProblem('invisible-in-id', { ...invisible, value: showValue(text) });
  return checkLength(text, max);
}

/** A list's options by name in lower case, and by name as written (the common case, found without lower-casing a copy). */
interface ListLookup {
  readonly lowerCase: ReadonlyMap<string, string>;
  readonly asWritten: ReadonlyMap<string, string>;
}

const listLookups = new WeakMap<ListColumn, ListLookup>();

function listLookup(column: ListColumn): ListLookup {
  let lookup = listLookups.get(column);
  if (!lookup) {
    const lowerCase = new Map<string, string>();
    const names = column.list.options.flatMap((option) => [option.key, option.label.sv, option.label.en]);
    for (const option of column.list.options) {
      for (const name of [option.key, option.label.sv, option.label.en]) lowerCase.set(name.toLowerCase(), option.key);
    }
    // Each name as written answers exactly what its lower case does.
    const asWritten = new Map(names.map((name) => [name, lowerCase.get(name.toLowerCase()) ?? '']));
    lookup = { lowerCase, asWritten };
    listLookups.set(column, lookup);
  }
  return lookup;
}

/** The labels a user may choose from, for messages. */
export function listChoices(column: ListColumn, language: 'sv' | 'en'): string {
  return column.list.options.map((option) => option.label[language]).join(', ');
}

function readList(column: ListColumn, raw: CellValue): CellReading {
  const text = readText(raw);
  if (typeof text !== 'string') return text;
  const lookup = listLookup(column);
  const key = lookup.asWritten.get(text) ?? lookup.lowerCase.get(text.toLowerCase());
  return key ?? new CellProblem('invalid-list-value', { value: showValue(raw), list: column.key });
}

const WEB_ADDRESS = /^https?:\/\//i;

function readUrl(raw: CellValue, max: number): CellReading {
  const text = readText(raw);
  if (typeof text !== 'string') return text;
  if (text.length > max) return new CellProblem('too-long', { length: shownNumber(text.length), max: shownNumber(max) });
  if (!WEB_ADDRESS.test(text) || !URL.canParse(text)) return new CellProblem('invalid-url', { value: showValue(text) });
  return text;
}

/**
 * Reads one non-empty cell as its column's type: exactly what the user meant, or a `CellProblem` saying why not.
 * Never throws, never calls an object's `toString`, never recurses: an object or array is refused as such.
 * Empty cells are the caller's: they are `undefined`, and required-ness is a rule of its own.
 */
export function readCell(column: Column, raw: unknown): CellReading {
  if (raw instanceof CellProblem) return raw;
  if (raw instanceof WrittenNumber) return column.type === 'number' ? readNumber(column, raw.value, raw.text) : readCell(column, raw.value);
  if (!isCellValue(raw)) return new CellProblem('invalid-value-type', { kind: Array.isArray(raw) ? 'array' : 'object' });
  switch (column.type) {
    case 'text':
      return checkLength(readText(raw), column.maxLength);
    case 'id':
      return readId(raw, column.maxLength);
    case 'list':
      return readList(column, raw);
    case 'date':
      return readDate(raw);
    case 'number':
      return readNumber(column, raw);
    case 'boolean':
      return readBoolean(raw);
    case 'url':
      return readUrl(raw, column.maxLength);
  }
}
