import { numberIn, summarizeVersion, templateDefinition, type TemplateKey, type TemplateRows, type VersionSummaryTally } from '@samla/shared';
import type { Caller } from '../auth/caller';
import { HttpProblem, problems } from '../http/problem';
import type { Services } from '../services';
import { RoundAcceptedError, RoundChangedError } from '../storage/round-store';
import { rowsContentHash, type PackedRows } from '../storage/row-entities';
import type { NewSubmission } from '../storage/submission-store';
import type { SubmissionStart } from '../storage/table-submission-store';
import type { BoundedIssues } from './bounded-issues';
import type { SubmissionReceipt } from './submission-intake';
import type { SubmissionTarget } from '@samla/shared';

/** What the staff member says beside the rows. */
export interface SubmissionIntent {
  /** The board has nothing to report for this template and year: an empty template is then a submission. */
  readonly nothingToReport?: boolean;
}

/**
 * A template's judged rows: all of them; or, for a sheet streamed from an uploaded file, the rows packed as they came
 * (row-entities.ts) with the tally of their summary, so that they were never all held.
 */
export type JudgedRows<T extends TemplateKey> = readonly TemplateRows[T][] | { readonly packed: PackedRows; readonly tally: VersionSummaryTally };

/** A submission ready for the store (with the partition as read, for `stage`), or the receipt of the identical version already current. */
export type PreparedSubmission =
  | { readonly unchanged: SubmissionReceipt; readonly submission?: undefined; readonly start?: undefined }
  | { readonly unchanged?: undefined; readonly submission: NewSubmission; readonly start: SubmissionStart };

/** The template's Swedish sheet name, as users know it. */
export function sheetName(template: TemplateKey | (string & {})): string {
  return templateDefinition(template).sheetName;
}

/** The 409 for a submission to an accepted round: who accepted which version when, and what to do. */
export function acceptedProblem(target: SubmissionTarget, event: { version?: number; by?: string; at?: string } = {}): HttpProblem {
  const day = event.at?.slice(0, 10);
  const sheet = sheetName(target.template);
  return new HttpProblem(
    'round-accepted',
    {
      sv: `${sheet} för län ${target.board} ${target.year} är godkänd${event.by ? ` av ${event.by}` : ''}${day ? ` den ${day}` : ''} (version ${event.version ?? '?'}). Inget har sparats. Be en samordnare att öppna inlämningen igen om uppgifterna behöver ändras.`,
      en: `${sheet} of county ${target.board} ${target.year} was accepted${event.by ? ` by ${event.by}` : ''}${day ? ` on ${day}` : ''} (version ${event.version ?? '?'}). Nothing was stored. Ask a coordinator to reopen the submission if the data need to change.`,
    },
    { reason: 'round-accepted', board: target.board, year: target.year, template: target.template },
  );
}

/** A round refusal from the store as its 409 in words; undefined for any other error. */
export function roundConflict(error: unknown): HttpProblem | undefined {
  if (error instanceof RoundAcceptedError) {
    const last = error.status.lastEvent;
    return acceptedProblem(error, { version: error.status.version, by: last?.by, at: last?.at });
  }
  if (error instanceof RoundChangedError) {
    return new HttpProblem(
      'round-changed',
      {
        sv: `Samordnarna ändrade läget för ${sheetName(error.template)} för län ${error.board} ${error.year} medan inskickningen sparades. Inget har sparats; se läget och skicka in igen.`,
        en: `The coordinators changed the round of ${sheetName(error.template)} of county ${error.board} ${error.year} while the submission was being stored. Nothing was stored; see the round and submit again.`,
      },
      { reason: 'round-changed' },
    );
  }
  return undefined;
}

/**
 * The checks of the reporting round before anything is written (design.md, "The reporting round"): an empty template
 * is a submission only when the board says it has nothing to report, and `nothingToReport` with rows is a contradiction
 * (both 422); an accepted round is refused (409; checked again where the pointer moves) unless the rows are exactly
 * the accepted version's; a submission identical to the current version (same content hash, same nothing-to-report)
 * stores nothing and answers the current version.
 */
export async function prepareRoundSubmission<T extends TemplateKey>(
  services: Services,
  caller: Caller,
  target: SubmissionTarget & { template: T },
  judgedRows: JudgedRows<T>,
  warnings: BoundedIssues,
  intent: SubmissionIntent,
): Promise<PreparedSubmission> {
  const warningCount = warnings.errors.length + warnings.omittedIssues;
  const rowCount = isJudgedArray(judgedRows) ? judgedRows.length : judgedRows.packed.rowCount;
  const nothingToReport = intent.nothingToReport === true;
  const sheet = sheetName(target.template);
  if (rowCount === 0 && !nothingToReport) {
    throw problems.unprocessable(
      {
        sv: `${sheet} är tom och sparades inte: en tom mall är ingen inlämning. Fyll i mallen, eller skicka nothingToReport: true om länet inte har något att redovisa för ${target.year}.`,
        en: `${sheet} is empty and was not stored: an empty template is not a submission. Fill in the template, or send nothingToReport: true if the county has nothing to report for ${target.year}.`,
      },
      { reason: 'empty-template', template: target.template },
    );
  }
  if (rowCount > 0 && nothingToReport) {
    throw problems.unprocessable(
      {
        sv: `${sheet} har ${numberIn(rowCount, 'sv')} ${rowCount === 1 ? 'rad' : 'rader'} men inskickningen säger att länet inte har något att redovisa. Ta bort nothingToReport eller raderna.`,
        en: `${sheet} has ${numberIn(rowCount, 'en')} ${rowCount === 1 ? 'row' : 'rows'} but the submission says the county has nothing to report. Remove nothingToReport or the rows.`,
      },
      { reason: 'nothing-to-report-with-rows', template: target.template },
    );
  }
  // One read of the partition: the round judged here, and the pointer, counter and gate the store moves from.
  const start = await services.store.readStart(target.board, target.year, target.template);
  const record = start.record ?? (await services.rounds.record(target.board, target.year, target.template));
  const contentHash = isJudgedArray(judgedRows) ? rowsContentHash(target.template, judgedRows) : judgedRows.packed.contentHash;
  const current = record.pointer;
  const identical = current !== undefined && current.contentHash === contentHash && current.nothingToReport === nothingToReport;
  // An accepted template sent again exactly as accepted changes nothing: it is answered as unchanged, so that the
  // pane's one-step submission of both templates can still store the other one (the store checks again as it moves).
  if (record.status.state === 'accepted' && !(identical && current.version === record.status.version)) {
    const last = record.status.lastEvent;
    throw acceptedProblem(target, { version: record.status.version, by: last?.by, at: last?.at });
  }
  if (identical) {
    return {
      unchanged: {
        template: target.template,
        version: current.version,
        submittedAt: current.submittedAt,
        rows: rowCount,
        warnings: warnings.errors,
        issueCounts: warnings.issueCounts,
        omittedIssues: warnings.omittedIssues,
        unchanged: true,
      },
    };
  }
  return {
    start,
    submission: {
      ...target,
      rows: isJudgedArray(judgedRows) ? judgedRows : judgedRows.packed,
      submittedBy: caller.name,
      warningCount,
      // No submittedAt: the store records when the version became current (its clock, read as the pointer moves).
      round: {
        nothingToReport,
        summary: isJudgedArray(judgedRows) ? summarizeVersion(target.template, judgedRows, warningCount) : judgedRows.tally.summary(warningCount),
        warnings: warnings.errors,
      },
    },
  };
}

function isJudgedArray<T extends TemplateKey>(rows: JudgedRows<T>): rows is readonly TemplateRows[T][] {
  return Array.isArray(rows);
}
