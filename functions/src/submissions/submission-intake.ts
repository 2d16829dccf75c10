import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  countBySeverity,
  typedRows,
  validateRecords,
  validateSheet,
  type BoardCode,
  type CellPosition,
  type Language,
  type TemplateValidation,
  type Year,
} from '@samla/shared';
import type { Caller } from '../auth/caller';
import { json } from '../http/define-route';
import { HttpProblem, problems } from '../http/problem';
import type { Services } from '../services';
import { ConcurrentSubmissionError, type SubmissionStore } from '../storage/submission-store';
import type { SubmissionTarget } from './submission-request';
import { prepareRoundSubmission, roundConflict, type SubmissionIntent } from './round-intake';

/** The activity IDs a board's current Aktiviteter hold for a year: what its expenses may link to. */
export async function currentActivityIds(store: SubmissionStore, board: BoardCode, year: Year): Promise<string[]> {
  const current = await store.current(board, year, 'activities');
  return current ? current.rows.map((row) => row.activityId) : [];
}

/**
 * Judges rows with the shared rules, on the server's word: expenses against the board's current activities
 * (or the activities given, when they arrive in the same upload).
 */
export async function judgeRecords(
  services: Services,
  target: SubmissionTarget,
  records: readonly unknown[],
  language: Language,
  activityIds?: readonly string[],
): Promise<TemplateValidation> {
  const links = target.template === 'expenses' ? (activityIds ?? (await currentActivityIds(services.store, target.board, target.year))) : undefined;
  return validateRecords(target.template, records, { year: target.year, settings: services.settings, language, ...(links ? { activityIds: links } : {}) });
}

/** A sheet of an uploaded workbook, as the file has it. */
export interface SheetValues {
  readonly sheet: string;
  readonly origin: CellPosition;
  readonly values: readonly (readonly unknown[])[];
}

/** Judges a sheet's values as the file has them, so every issue names the user's own cell. */
export async function judgeSheet(
  services: Services,
  target: SubmissionTarget,
  sheet: SheetValues,
  language: Language,
  activityIds?: readonly string[],
): Promise<TemplateValidation> {
  const links = target.template === 'expenses' ? (activityIds ?? (await currentActivityIds(services.store, target.board, target.year))) : undefined;
  return validateSheet(target.template, sheet.values, {
    year: target.year,
    settings: services.settings,
    language,
    sheet: sheet.sheet,
    origin: sheet.origin,
    ...(links ? { activityIds: links } : {}),
  });
}

export function issuesSummary(validation: TemplateValidation): string {
  const { errors, warnings } = countBySeverity(validation.issues);
  return `${errors} fel och ${warnings} varningar`;
}

/** The outcome of a submission as the API answers it. */
export interface SubmissionReceipt {
  readonly template: SubmissionTarget['template'];
  readonly version: number;
  readonly submittedAt: string;
  readonly rows: number;
  readonly warnings: TemplateValidation['issues'];
  /** True when identical to the current version: nothing was stored, `version` is the current one. */
  readonly unchanged?: boolean;
}

/**
 * Stores a judged submission as a new current version; 422 with every issue when it has errors (or when it is empty
 * without `nothingToReport`), 409 when another won or the round is accepted; `unchanged` and nothing stored when it is
 * identical to the current version (round-intake.ts).
 */
export async function storeJudged(
  services: Services,
  caller: Caller,
  target: SubmissionTarget,
  validation: TemplateValidation,
  context: InvocationContext,
  intent: SubmissionIntent = {},
): Promise<SubmissionReceipt> {
  const log = (outcome: string, extra: Record<string, unknown> = {}) =>
    context.log(
      JSON.stringify({
        event: 'submission',
        invocationId: context.invocationId,
        board: target.board,
        year: target.year,
        template: target.template,
        role: caller.role,
        outcome,
        ...extra,
      }),
    );
  const rows = typedRows(validation);
  if (!rows) {
    log('rejected', { issues: validation.issues.length });
    throw problems.unprocessable(`Inskickningen sparades inte: ${issuesSummary(validation)}. Rätta felen och skicka in igen.`, { errors: validation.issues });
  }
  const warnings = validation.issues.filter((issue) => issue.severity === 'warning');
  const prepared = await prepareRoundSubmission(services, caller, target, rows, warnings, intent);
  if (prepared.unchanged) {
    log('unchanged', { version: prepared.unchanged.version });
    return prepared.unchanged;
  }
  try {
    const version = await services.store.submit(prepared.submission);
    log('stored', { version: version.version, rows: rows.length, warnings: warnings.length });
    return { template: target.template, version: version.version, submittedAt: version.submittedAt, rows: rows.length, warnings };
  } catch (error) {
    log('conflict');
    throw submissionConflict(error, target);
  }
}

/** A store's refusal to move the pointer as the 409 in words; anything else is rethrown as it is. */
export function submissionConflict(error: unknown, target: SubmissionTarget): HttpProblem {
  const round = roundConflict(error);
  if (round) return round;
  if (!(error instanceof ConcurrentSubmissionError)) throw error;
  return problems.conflict(
    `En annan inskickning av ${target.template === 'activities' ? 'Aktiviteter' : 'Kostnader'} för län ${target.board} ${target.year} sparades samtidigt. Se historiken och skicka in igen om din version ska gälla.`,
  );
}

export function receiptResponse(receipt: SubmissionReceipt, target: SubmissionTarget): HttpResponseInit {
  return json(201, receipt, { Location: `/api/submissions/${target.board}/${target.year}/${target.template}` });
}
