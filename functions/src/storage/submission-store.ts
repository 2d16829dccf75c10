import type { VersionRound } from './round-store';
import type { PackedRows } from './row-entities';
import type { CommittedSubmission, RowsWriter, StagedSubmission, SubmissionStart } from './table-submission-store';
import type { BoardCode, ReportBoardRows, ReportNationYear, ReportSubmission, TemplateKey, TemplateRows, Year } from '@samla/shared';

/** One stored version of a board's template for a year: the audit trail entry (what reports show, and its hash). */
export interface SubmissionVersion extends ReportSubmission {
  /** SHA-256 of the rows' canonical JSON, hex. */
  readonly contentHash: string;
}

export interface NewSubmission<T extends TemplateKey = TemplateKey> {
  readonly board: BoardCode;
  readonly year: Year;
  readonly template: T;
  /**
   * The rows, in order; or the rows already packed as they came (an uploaded file streamed through validation,
   * `RowPacker` in row-entities.ts), so that they were never all held.
   */
  readonly rows: readonly TemplateRows[T][] | PackedRows;
  readonly submittedBy: string;
  readonly warningCount: number;
  /**
   * The time to record (benchmarks and tests give a fixed one). Without it the store records when the version
   * became current: its clock read just before the pointer moves, after every row is written.
   */
  readonly submittedAt?: string;
  /** The round's part (summary, warnings, nothing to report): kept with the version when the store keeps rounds. */
  readonly round?: VersionRound;
}

/** A board's current rows of a template, with the stored version (the reports' ReportBoardRows, and its hash). */
export interface BoardRows<T extends TemplateKey = TemplateKey> extends ReportBoardRows<T> {
  readonly version: SubmissionVersion;
}

/** The nation for one year as stored: what the reports read (ReportNationYear), with each version's hash. */
export type NationYear = ReportNationYear & { readonly [T in TemplateKey]: readonly BoardRows<T>[] };

/** Thrown when another submission made a newer version current first; the HTTP edge answers 409. */
export class ConcurrentSubmissionError extends Error {
  constructor(
    readonly board: BoardCode,
    readonly year: Year,
    readonly template: TemplateKey,
  ) {
    super(`Another submission for ${board}/${year}/${template} became current first`);
    this.name = 'ConcurrentSubmissionError';
  }
}

/**
 * Thrown when the year was locked (its gate closed) before this submission could become current: the submission
 * is not current and never will be; the HTTP edge answers 409.
 */
export class YearLockedError extends Error {
  constructor(readonly year: Year) {
    super(`Year ${year} was locked before the submission became current`);
    this.name = 'YearLockedError';
  }
}

/**
 * Versioned submissions in Azure Table Storage: rows in a partition of their own per version,
 * made current by moving one pointer entity with If-Match.
 */
export interface SubmissionStore {
  /** Stores the rows as a new version and makes it current in one visible step (`start`: as for `stage`). */
  submit<T extends TemplateKey>(submission: NewSubmission<T>, start?: SubmissionStart): Promise<SubmissionVersion>;
  /** What a submission of the template starts from: its pointer, counter, gate and round, in one read. */
  readStart(board: BoardCode, year: Year, template: TemplateKey): Promise<SubmissionStart>;
  /** The current version and its rows, or undefined when the board has submitted nothing. */
  current<T extends TemplateKey>(board: BoardCode, year: Year, template: T): Promise<BoardRows<T> | undefined>;
  /** Every version, newest first. */
  history(board: BoardCode, year: Year, template: TemplateKey): Promise<SubmissionVersion[]>;
  /** The current version of every board and template for a year (no rows). */
  currentVersions(year: Year): Promise<SubmissionVersion[]>;
  /** Every board's current rows for a year: one query for the pointers, one per current partition, in parallel. */
  nation(year: Year): Promise<NationYear>;
  /**
   * Closes (or opens) the year's gate in every board's and template's partition: once this has returned with
   * `locked: true`, no submission, however long it has been running, becomes current in the year (the pointer
   * moves only with the gate's ETag as read at the submission's start). Call it before recording a lock, and
   * before recording an unlock.
   */
  setYearGate(year: Year, locked: boolean): Promise<void>;
  /** One version that became current, with its rows; undefined when there is no such version. */
  version<T extends TemplateKey>(board: BoardCode, year: Year, template: T, version: number): Promise<BoardRows<T> | undefined>;
  /**
   * Writes a submission's rows as a new version without making it current (for two templates as one step); `start`
   * is the partition as `readStart` gave it just before (the pointer moves only if nothing changed since), else read now.
   */
  stage<T extends TemplateKey>(submission: NewSubmission<T>, start?: SubmissionStart): Promise<StagedSubmission>;
  /** Makes a staged version current, as `submit` does. */
  commit(staged: StagedSubmission): Promise<CommittedSubmission>;
  /** Undoes a commit while nothing else has moved the pointer since; false when something has. */
  revert(committed: CommittedSubmission): Promise<boolean>;
  /**
   * A partition of its own for an uploaded sheet's rows, written as the file is read (RowsWriter), before any version
   * is reserved: a refused file leaves neither rows nor a gap in the version numbers (`discard`).
   */
  openRows(board: BoardCode, year: Year, template: TemplateKey): Promise<RowsWriter>;
  /** Deletes the rows written to an upload's partition that did not become a version (`PackedRows.partition`), and any warnings staged beside them. */
  discardRows(partition: string): Promise<void>;
}
