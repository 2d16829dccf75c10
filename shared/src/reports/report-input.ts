import type { BoardCode } from '../reference/boards';
import type { InitiativeSettings, Year } from '../reference/initiative';
import type { TemplateKey } from '../templates/column-definition';
import type { TemplateRows } from '../templates/templates';

/** What a report says about one stored submission: the store's SubmissionVersion fits it. */
export interface ReportSubmission {
  readonly board: BoardCode;
  readonly year: Year;
  readonly template: TemplateKey;
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

/** One year of the nation: every board's current rows of both templates (the store's NationYear fits it). */
export interface ReportNationYear {
  readonly year: Year;
  readonly activities: readonly ReportBoardRows<'activities'>[];
  readonly expenses: readonly ReportBoardRows<'expenses'>[];
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

/** Everything a consolidated workbook is built from; `generatedAt` is passed in, the core reads no clock. */
export interface NationReportInput {
  readonly settings: InitiativeSettings;
  /** ISO 8601 instant the report is made. */
  readonly generatedAt: string;
  readonly years: readonly ReportNationYear[];
  readonly funds?: readonly YearFunds[];
}
