import type { Language } from '../language';
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

/** IDs compare without regard to case: `a-1` and `A-1` are the same activity. */
export function normalizeId(id: string): string {
  return id.toLowerCase();
}

export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}
