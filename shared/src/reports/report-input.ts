import type { BoardCode } from '../reference/boards';
import type { InitiativeSettings, Year } from '../reference/initiative';
import type { RoundState } from '../round/reporting-round';
import type { TemplateKey, TemplateRows } from '../templates/template-modules';

/** What a report says about one stored submission: the store's SubmissionVersion fits it. */
export interface ReportSubmission {
  readonly board: BoardCode;
  readonly year: Year;
  readonly template: TemplateKey | (string & {});
  readonly version: number;
  /** ISO 8601 instant the version became current. */
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly rowCount: number;
  readonly warningCount: number;
  /** SHA-256 of the version's canonical rows (hex), as the store records it: finance traces a figure to it. */
  readonly contentHash?: string;
}

export interface ReportBoardRows<T extends TemplateKey> {
  readonly version: ReportSubmission;
  readonly rows: readonly TemplateRows[T][];
}

/**
 * One year of the nation: every board's current rows of each template, by template key (the store's NationYear fits
 * it). A template known only at run time (a registered module) is there too, under its key, with untyped rows.
 */
export type ReportNationYear = { readonly year: Year } & { readonly [T in TemplateKey]: readonly ReportBoardRows<T>[] };

/** A template's entries in a nation year, whatever the template: none when the year holds nothing of it. */
export function nationEntries(nationYear: ReportNationYear, template: string): readonly ReportBoardRows<TemplateKey>[] {
  // A nation year holds one list per template key (the type lists the product's; a registered module's is there too).
  return (nationYear as unknown as Record<string, readonly ReportBoardRows<TemplateKey>[] | undefined>)[template] ?? [];
}

export const FUNDS_MOVEMENT_KINDS = ['requisition', 'repayment'] as const;
export type FundsMovementKind = (typeof FUNDS_MOVEMENT_KINDS)[number];

/** Money requisitioned from, or repaid to, Kammarkollegiet. */
export interface FundsMovement {
  readonly kind: FundsMovementKind;
  /** SEK, at most two decimals, positive. */
  readonly amount: number;
  /** ISO date. */
  readonly date: string;
}

export interface YearFunds {
  readonly year: Year;
  readonly movements: readonly FundsMovement[];
}

/**
 * Where a board's template stands in the reporting round (design.md, "The reporting round"), as a report shows it;
 * the round store's record maps onto it. A round whose version is not the report's current one is read as awaiting
 * review (a newer version came in between the two reads).
 */
export interface ReportRound {
  readonly board: BoardCode;
  readonly year: Year;
  readonly template: TemplateKey;
  readonly state: RoundState;
  /** The version the state is about, when something is current. */
  readonly version?: number;
  /** The current version says the board has nothing to report. */
  readonly nothingToReport: boolean;
}

/** Everything a consolidated workbook is built from; `generatedAt` is passed in, the core reads no clock. */
export interface NationReportInput {
  readonly settings: InitiativeSettings;
  /** ISO 8601 instant the report is made. */
  readonly generatedAt: string;
  readonly years: readonly ReportNationYear[];
  readonly funds?: readonly YearFunds[];
  /** Every board's round per year and template; without it a current version is read as awaiting review. */
  readonly rounds?: readonly ReportRound[];
}
