import type { Column, ListColumn, NumberColumn } from '../templates/column-definition';
import { YES_NO } from '../templates/list-definitions';
import type { IssueCode, IssueParams } from '../validation/issue-codes';

/** Why one cell could not be read as its column's type. */
export class CellProblem {
  constructor(
    readonly code: IssueCode,
    readonly params: IssueParams,
  ) {}
}

/** A cell's value once read: the typed value, `undefined` when empty, or the problem. */
export type CellReading = string | number | boolean | undefined | CellProblem;

const SPACES = /[\s\u00a0\u202f]/g;
const NUMBER_TEXT = /^[+-]?\d+(?:[.,]\d+)?$/;
const ISO_DATE_TEXT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_ID = /[/\\#?\u0000-\u001f\u007f-\u009f]/;
const MS_PER_DAY = 86_400_000;
/** Excel's 1900 date system: serial 25569 is 1970-01-01 (serials from 61 on, after Excel's fictitious 1900-02-29). */
const UNIX_EPOCH_SERIAL = 25_569;
const MAX_SERIAL = 2_958_465;

/**
 * A raw cell may already be a `CellProblem` when the program that read the file knows the cell can't be read
 * (a formula with no computed value, the covered part of a merge): it is reported at its cell like any other.
 */
export function isEmptyCell(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** How a raw cell looks in a message: short, and never a whole essay. */
export function showValue(raw: unknown): string {
  const text = raw instanceof Date ? (Number.isNaN(raw.getTime()) ? 'ogiltigt datum' : raw.toISOString()) : String(raw);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function pad(value: number, length: number): string {
  return String(value).padStart(length, '0');
}

function isoFromParts(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function isoFromEpochDays(days: number): string {
  const date = new Date(days * MS_PER_DAY);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
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

function readDate(raw: unknown): CellReading {
  if (typeof raw === 'number') {
    return isoDateFromSerial(raw) ?? new CellProblem('invalid-date', { value: showValue(raw) });
  }
  if (raw instanceof Date) {
    const time = raw.getTime();
    // Dates from spreadsheets mean a calendar day; a local midnight rounds to its own day.
    return Number.isNaN(time) ? new CellProblem('invalid-date', { value: showValue(raw) }) : isoFromEpochDays(Math.round(time / MS_PER_DAY));
  }
  const text = String(raw).trim();
  const match = ISO_DATE_TEXT.exec(text);
  const iso = match ? isoFromParts(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  return iso ?? new CellProblem('invalid-date', { value: showValue(raw) });
}

/** A number from a cell: numbers as they are, text as written in Sweden (`1 234,50`) or with a point. */
export function parseNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(SPACES, '').replace('\u2212', '-');
  if (!NUMBER_TEXT.test(text)) return undefined;
  return Number(text.replace(',', '.'));
}

function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function readNumber(column: NumberColumn, raw: unknown): CellReading {
  const value = parseNumber(raw);
  if (value === undefined) return new CellProblem('invalid-number', { value: showValue(raw) });
  if (column.integer && !Number.isInteger(value)) return new CellProblem('not-whole-number', { value });
  if (column.min !== undefined && value < column.min) return new CellProblem('below-minimum', { value, min: column.min });
  if (column.max !== undefined && value > column.max) return new CellProblem('above-maximum', { value, max: column.max });
  if (column.nonZero && value === 0) return new CellProblem('zero-amount', { value });
  if (column.maxDecimals !== undefined && !hasAtMostDecimals(value, column.maxDecimals)) {
    return new CellProblem('too-many-decimals', { value, max: column.maxDecimals });
  }
  return value;
}

// The yes/no labels in both languages, and TRUE/FALSE as Excel writes them in English and Swedish.
const TRUE_TEXTS = new Set([YES_NO.yes.sv, YES_NO.yes.en, 'true', 'sant'].map((text) => text.toLowerCase()));
const FALSE_TEXTS = new Set([YES_NO.no.sv, YES_NO.no.en, 'false', 'falskt'].map((text) => text.toLowerCase()));

function readBoolean(raw: unknown): CellReading {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  const text = String(raw).trim().toLowerCase();
  if (TRUE_TEXTS.has(text)) return true;
  if (FALSE_TEXTS.has(text)) return false;
  return new CellProblem('invalid-boolean', { value: showValue(raw) });
}

function readText(raw: unknown): string {
  if (raw instanceof Date) return readDate(raw) as string;
  return String(raw).trim();
}

function checkLength(text: string, max: number): CellReading {
  return text.length > max ? new CellProblem('too-long', { length: text.length, max }) : text;
}

const listLookups = new WeakMap<ListColumn, Map<string, string>>();

function listLookup(column: ListColumn): Map<string, string> {
  let lookup = listLookups.get(column);
  if (!lookup) {
    lookup = new Map();
    for (const option of column.list.options) {
      for (const name of [option.key, option.label.sv, option.label.en]) lookup.set(name.toLowerCase(), option.key);
    }
    listLookups.set(column, lookup);
  }
  return lookup;
}

/** The labels a user may choose from, for messages. */
export function listChoices(column: ListColumn, language: 'sv' | 'en'): string {
  return column.list.options.map((option) => option.label[language]).join(', ');
}

function readList(column: ListColumn, raw: unknown): CellReading {
  const key = listLookup(column).get(String(raw).trim().toLowerCase());
  return key ?? new CellProblem('invalid-list-value', { value: showValue(raw), list: column.key });
}

function readUrl(raw: unknown, max: number): CellReading {
  const text = readText(raw);
  if (text.length > max) return new CellProblem('too-long', { length: text.length, max });
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) return new CellProblem('invalid-url', { value: showValue(text) });
  return text;
}

/**
 * Reads one non-empty cell as its column's type. Never throws: what can't be read is a `CellProblem`.
 * Empty cells are the caller's: they are `undefined`, and required-ness is a rule of its own.
 */
export function readCell(column: Column, raw: unknown): CellReading {
  if (raw instanceof CellProblem) return raw;
  switch (column.type) {
    case 'text':
      return checkLength(readText(raw), column.maxLength);
    case 'id': {
      const text = readText(raw);
      if (FORBIDDEN_IN_ID.test(text)) return new CellProblem('invalid-id', { value: showValue(text) });
      return checkLength(text, column.maxLength);
    }
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
