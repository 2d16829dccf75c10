import type { Language } from '../i18n/localized';
import type { InitiativeSettings, Year } from '../reference/initiative';
import type { LocatedRow } from '../sheet/sheet-reader';
import type { IssueCode, IssueParams } from './issue-codes';

export interface ValidationContext {
  /** The reported year. */
  readonly year: Year;
  readonly settings: InitiativeSettings;
  readonly language?: Language;
  /**
   * The IDs each referred template holds for the board and year, by template key (`{ activities: [...] }`): a
   * reference to a template given here is checked against them; one not given is not checked.
   */
  readonly referencedIds?: Readonly<Record<string, Iterable<string>>>;
  /** Shorthand for `referencedIds.activities`: the board's activity IDs, which an expense's activity must be among. */
  readonly activityIds?: Iterable<string>;
}

/** Reports an issue on the row being checked, at a column (by key) or at the row's first cell. */
export type ReportIssue = (code: IssueCode, columnKey: string, params?: IssueParams) => void;

/** A rule over one row's typed values, after every cell has been read. */
export type RowRule = (row: LocatedRow, context: ValidationContext, report: ReportIssue) => void;

/** Dashes and hyphens that look like `-` (U+2010–U+2015, the minus sign U+2212, the small and full-width hyphen-minus). */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/**
 * The form in which two IDs are compared: without regard to case, Unicode compatibility forms (NFKC: a full-width `Ａ`
 * is `A`) or the kind of dash (a non-breaking hyphen is `-`), so that `GOT‑A5` links to `got-a5`. The stored ID keeps
 * the user's own characters; only the comparison is lenient.
 */
export function normalizeId(id: string): string {
  // ASCII is its own NFKC form and holds none of the dashes: the common case skips both.
  return isAscii(id) ? id.toLowerCase() : id.normalize('NFKC').replace(DASHES, '-').toLowerCase();
}

/** Whether every UTF-16 unit is ASCII (U+0000–U+007F). */
export function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}
