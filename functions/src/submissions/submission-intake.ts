import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  cellAddress,
  DEFAULT_LANGUAGE,
  type ActivityRow,
  countBySeverity,
  issueText,
  TEMPLATES,
  typedRows,
  validateRecords,
  validateSheet,
  type BoardCode,
  type CellPosition,
  type Issue,
  type Language,
  type TemplateValidation,
  type Year,
} from '@samla/shared';
import type { Caller } from '../auth/caller';
import { json } from '../http/define-route';
import { HttpProblem, problems } from '../http/problem';
import type { Services } from '../services';
import { withDeadline } from '../storage/storage-health';
import { ConcurrentSubmissionError, YearLockedError, type SubmissionStore } from '../storage/submission-store';
import { isStorageUnavailable } from '../storage/table-errors';
import { boundIssues, countedIssues, countsSummary, omittedSentence, warningsOf, type IssueCount } from './bounded-issues';
import { droppedActivityWarnings } from './dropped-activities';
import { lockedWhileRunning } from './locked-year';
import type { SubmissionTarget } from './submission-request';
import { prepareRoundSubmission, roundConflict, type SubmissionIntent } from './round-intake';

/** The activity IDs a board's current Aktiviteter hold for a year: what its expenses may link to. */
export async function currentActivityIds(store: SubmissionStore, board: BoardCode, year: Year): Promise<string[]> {
  const current = await store.current(board, year, 'activities');
  // Only text: a row stored before the rules required an ID (or read back damaged) must not break every later check.
  return current ? current.rows.flatMap((row) => (typeof row.activityId === 'string' ? [row.activityId] : [])) : [];
}

/** How long /validate waits for the board's activities before it judges expenses without the link check. */
const LINK_LOOKUP_MS = 2000;

export interface JudgeOptions {
  /**
   * `/validate` only: when storage does not answer, judge expenses without checking their links to activities and
   * say so in an `activity-links-unchecked` warning (the check is made again, for real, when they are submitted).
   * A submission never does this: it needs the check, and answers 503 without it.
   */
  readonly linksWhenStorageDown?: 'refuse' | 'warn';
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
  options: JudgeOptions = {},
): Promise<TemplateValidation> {
  let links = activityIds;
  let unchecked = false;
  if (target.template === 'expenses' && links === undefined) {
    const lookup = currentActivityIds(services.store, target.board, target.year);
    if (options.linksWhenStorageDown !== 'warn') links = await lookup;
    else {
      try {
        links = await withDeadline(lookup, LINK_LOOKUP_MS);
      } catch (error) {
        if (!isStorageUnavailable(error)) throw error;
        lookup.catch(() => undefined); // it ends on its own deadline; nobody waits for it
        unchecked = true;
      }
    }
  }
  const validation = validateRecords(target.template, records, {
    year: target.year,
    settings: services.settings,
    language,
    ...(links ? { activityIds: links } : {}),
  });
  if (!unchecked) return validation;
  const warning = uncheckedLinksIssue(validation, language);
  return {
    ...validation,
    issues: [warning, ...validation.issues],
    issueCounts: [...validation.issueCounts, { code: 'activity-links-unchecked', severity: 'warning', count: 1 }],
  };
}

/** The warning that an expense sheet's links to activities were not checked, at its Aktivitets-ID header. */
function uncheckedLinksIssue(validation: TemplateValidation, language: Language): Issue {
  const { layout } = validation;
  const cell = cellAddress(layout.sheet, layout.headerRow, layout.columns.get('activityId') ?? 1);
  const label = TEMPLATES.expenses.columns.find((column) => column.key === 'activityId')?.label[language] ?? 'activityId';
  const reason = language === 'sv' ? 'lagringen svarade inte' : 'storage did not answer';
  return {
    severity: 'warning',
    code: 'activity-links-unchecked',
    message: `${cell}, ${label}: ${issueText('activity-links-unchecked', { reason }, language)}`,
    sheet: layout.sheet,
    row: layout.headerRow,
    column: 'activityId',
    cell,
  };
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
  /** When the version became current (ISO 8601). */
  readonly submittedAt: string;
  readonly rows: number;
  /** The first 1 000 warnings, in sheet order. */
  readonly warnings: TemplateValidation['issues'];
  /** Every warning, counted per rule. */
  readonly issueCounts: readonly IssueCount[];
  /** Warnings counted but not listed. */
  readonly omittedIssues: number;
  /** True when identical to the current version: nothing was stored, `version` is the current one. */
  readonly unchanged?: boolean;
}

export interface StoreOptions extends SubmissionIntent {
  /**
   * The same step stores the board's Kostnader too (an uploaded file with both sheets): a new Aktiviteter is then
   * not compared with the expenses current now, which the file replaces.
   */
  readonly expensesFollow?: boolean;
  /** The language of warnings the store step adds. */
  readonly language?: Language;
}

/**
 * Stores a judged submission as a new current version; 422 with the first 1 000 issues and the count per rule when
 * it has errors (or when it is empty without `nothingToReport`), 409 when another won, the year was locked or the
 * round accepted while it ran; `unchanged` and nothing stored when it is identical to the current version
 * (round-intake.ts). A new Aktiviteter version that leaves out activities the board's current Kostnader link to is
 * stored with a warning naming both.
 */
export async function storeJudged(
  services: Services,
  caller: Caller,
  target: SubmissionTarget,
  validation: TemplateValidation,
  context: InvocationContext,
  options: StoreOptions = {},
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
    const bounded = boundIssues([validation]);
    throw problems.unprocessable(
      `Inskickningen sparades inte: ${countsSummary(bounded.issueCounts)}. Rätta felen och skicka in igen.${omittedSentence(bounded)}`,
      { ...bounded },
    );
  }
  const added: Issue[] = [];
  if (target.template === 'activities' && !options.expensesFollow) {
    const expenses = await services.store.current(target.board, target.year, 'expenses');
    if (expenses) {
      // The template is activities, so the judged rows are activity rows.
      const activities = rows as readonly ActivityRow[];
      added.push(...droppedActivityWarnings(activities, expenses.rows, validation.layout, target.year, options.language ?? DEFAULT_LANGUAGE));
    }
  }
  const bounded = boundIssues([countedIssues(added), warningsOf(validation)]);
  const prepared = await prepareRoundSubmission(services, caller, target, rows, bounded, options);
  if (prepared.unchanged) {
    log('unchanged', { version: prepared.unchanged.version });
    return prepared.unchanged;
  }
  try {
    const version = await services.store.submit(prepared.submission);
    log('stored', { version: version.version, rows: rows.length, warnings: prepared.submission.warningCount });
    return {
      template: target.template,
      version: version.version,
      submittedAt: version.submittedAt,
      rows: rows.length,
      warnings: bounded.errors,
      issueCounts: bounded.issueCounts,
      omittedIssues: bounded.omittedIssues,
    };
  } catch (error) {
    if (error instanceof YearLockedError) {
      log('locked');
      throw await lockedWhileRunning(services.locks, target.year);
    }
    log('conflict');
    throw submissionConflict(error, target);
  }
}

/** A store's refusal to move the pointer as the 409 in words; anything else is rethrown as it is. */
export function submissionConflict(error: unknown, target: SubmissionTarget): HttpProblem {
  const round = roundConflict(error);
  if (round) return round;
  if (!(error instanceof ConcurrentSubmissionError)) throw error;
  return new HttpProblem(
    'concurrent-submission',
    `En annan inskickning av ${target.template === 'activities' ? 'Aktiviteter' : 'Kostnader'} för län ${target.board} ${target.year} sparades samtidigt. Se historiken och skicka in igen om din version ska gälla.`,
  );
}

export function receiptResponse(receipt: SubmissionReceipt, target: SubmissionTarget): HttpResponseInit {
  return json(201, receipt, { Location: `/api/submissions/${target.board}/${target.year}/${target.template}` });
}
