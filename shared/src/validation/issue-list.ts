import type { Language } from '../i18n/localized';
import { cellAddress } from '../sheet/cell-address';
import { listChoices } from '../sheet/cell-values';
import type { Column } from '../templates/column-definition';
import type { Issue, Severity } from './issue';
import { ISSUE_CODES, issueText, type IssueCode, type IssueParams } from './issue-codes';

/**
 * The most issues one validation keeps with their messages: enough to fix a sheet by, small enough that an answer
 * about 50 000 bad rows stays a few hundred kilobytes. Every issue is still counted (`IssueCount`).
 */
export const MAX_ISSUES = 1000;

/**
 * A row's issues are kept whole even past the limit (so that the first issues in sheet order are exact however the
 * rules order them within a row), up to this many more.
 */
const ROW_SLACK = 64;

/** How many issues of one code were found, kept or not. */
export interface IssueCount {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly count: number;
}

/** Counts of issues by code. */
export type IssueTally = ReadonlyMap<IssueCode, number>;

const CODE_ORDER = new Map(Object.keys(ISSUE_CODES).map((code, index) => [code, index]));

/** Several tallies added up. */
export function addTallies(...tallies: readonly IssueTally[]): Map<IssueCode, number> {
  const sum = new Map<IssueCode, number>();
  for (const tally of tallies) for (const [code, count] of tally) sum.set(code, (sum.get(code) ?? 0) + count);
  return sum;
}

/** A tally as a list: errors first, then warnings, each in the order of `ISSUE_CODES`. */
export function issueCounts(tally: IssueTally): IssueCount[] {
  const counts = [...tally].map(([code, count]) => ({ code, severity: ISSUE_CODES[code].severity, count }));
  const rank = (entry: IssueCount): number => (entry.severity === 'error' ? 0 : 1_000) + (CODE_ORDER.get(entry.code) ?? 0);
  return counts.sort((a, b) => rank(a) - rank(b));
}

/** Whether a tally holds an error, kept or not. */
export function tallyHasErrors(tally: IssueTally): boolean {
  for (const [code, count] of tally) if (count > 0 && ISSUE_CODES[code].severity === 'error') return true;
  return false;
}

/**
 * Collects issues for one sheet, worded in one language, each naming its place. Issues are added in sheet order
 * (row by row); the first `limit` are kept with their messages (a row is finished), the rest only counted, and no
 * message is built for them.
 */
export class IssueList {
  readonly issues: Issue[] = [];
  private readonly counts = new Map<IssueCode, number>();
  private lastRow = Number.NaN;
  private errors = 0;

  constructor(
    readonly sheet: string,
    readonly language: Language,
    readonly limit: number = MAX_ISSUES,
  ) {}

  /** Whether an error was added, kept or not. */
  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /** Every issue added, by code, kept or not. */
  get tally(): IssueTally {
    return this.counts;
  }

  add(code: IssueCode, row: number, column: Column | null, columnNumber: number, params: IssueParams = {}): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    if (ISSUE_CODES[code].severity === 'error') this.errors += 1;
    const kept = this.issues.length;
    if (kept >= this.limit && (row !== this.lastRow || kept >= this.limit + ROW_SLACK)) return;
    this.lastRow = row;
    const cell = cellAddress(this.sheet, row, columnNumber);
    const allParams = column?.type === 'list' ? { ...params, allowed: listChoices(column, this.language) } : params;
    const place = column ? `${cell}, ${column.label[this.language]}` : cell;
    this.issues.push({
      severity: ISSUE_CODES[code].severity,
      code,
      message: `${place}: ${issueText(code, { row, ...allParams }, this.language)}`,
      sheet: this.sheet,
      row,
      column: column?.key ?? null,
      cell,
    });
  }
}
