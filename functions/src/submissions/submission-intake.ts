import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  cellAddress,
  DEFAULT_LANGUAGE,
  countBySeverity,
  droppedReferenceWarnings,
  issueText,
  judgeSubmission,
  referredOutside,
  referringModules,
  templateDefinition,
  templateModule,
  typedRows,
  type SubmittedTemplate,
  type TemplateKey,
  type TemplateReference,
  type BoardCode,
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
import { boundIssues, countedIssues, countsSummary, omittedSentence, severitySummary, warningsOf, type IssueCount } from './bounded-issues';
import { lockedWhileRunning } from './locked-year';
import { pick, type Localized, type SubmissionTarget } from '@samla/shared';
import { prepareRoundSubmission, roundConflict, type SubmissionIntent } from './round-intake';

/** A board and a year: whose templates are judged together. */
export type BoardYear = Omit<SubmissionTarget, 'template'>;

/** The IDs a board's current version of a template holds for a year (its activity IDs): what references may name. */
export async function currentIds(store: SubmissionStore, board: BoardCode, year: Year, template: TemplateKey): Promise<string[]> {
  const current = await store.current(board, year, template);
  const { idColumn } = templateDefinition(template);
  // Only text: a row stored before the rules required an ID (or read back damaged) must not break every later check.
  return current
    ? current.rows.flatMap((row) => {
        const id = (row as Record<string, unknown>)[idColumn];
        return typeof id === 'string' ? [id] : [];
      })
    : [];
}

/** How long /validate waits for stored IDs before it judges references without them. */
const LINK_LOOKUP_MS = 2000;

export interface JudgeOptions {
  /**
   * `/validate` only: when storage does not answer, judge references to stored templates without checking them and
   * say so in the reference's `uncheckedCode` warning (the check is made again, for real, when they are submitted).
   * A submission never does this: it needs the check, and answers 503 without it.
   */
  readonly linksWhenStorageDown?: 'refuse' | 'warn';
}

/**
 * Judges a board's templates for a year together, on the server's word (`judgeSubmission`): references to a template
 * in the same submission are checked against it, references to any other against the board's current stored version.
 */
export async function judgeTemplates(
  services: Services,
  target: BoardYear,
  templates: readonly SubmittedTemplate[],
  language: Language,
  options: JudgeOptions = {},
): Promise<TemplateValidation[]> {
  const storedIds: Record<string, string[]> = {};
  const unchecked: string[] = [];
  for (const template of referredOutside(templates.map((entry) => entry.template))) {
    const lookup = currentIds(services.store, target.board, target.year, template as TemplateKey);
    if (options.linksWhenStorageDown !== 'warn') storedIds[template] = await lookup;
    else {
      try {
        storedIds[template] = await withDeadline(lookup, LINK_LOOKUP_MS);
      } catch (error) {
        if (!isStorageUnavailable(error)) throw error;
        lookup.catch(() => undefined); // it ends on its own deadline; nobody waits for it
        unchecked.push(template);
      }
    }
  }
  const judged = judgeSubmission(templates, { year: target.year, settings: services.settings, language, storedIds }) as TemplateValidation[];
  return judged.map((validation) => withUncheckedWarnings(validation, unchecked, language));
}

/** Judges one template's JSON rows (the single route and /validate): see `judgeTemplates`. */
export async function judgeRecords(
  services: Services,
  target: SubmissionTarget,
  records: readonly unknown[],
  language: Language,
  options: JudgeOptions = {},
): Promise<TemplateValidation> {
  const [validation] = await judgeTemplates(services, target, [{ template: target.template, records }], language, options);
  if (!validation) throw new Error('A judged template is missing');
  return validation;
}

/** A validation with a warning at each referring column whose referred template's IDs could not be read. */
function withUncheckedWarnings(validation: TemplateValidation, unchecked: readonly string[], language: Language): TemplateValidation {
  const references = templateModule(validation.template).references.filter((reference) => unchecked.includes(reference.template));
  if (references.length === 0) return validation;
  const warnings = references.map((reference) => uncheckedLinksIssue(validation, reference, language));
  return {
    ...validation,
    issues: [...warnings, ...validation.issues],
    issueCounts: [...validation.issueCounts, ...references.map((reference) => ({ code: reference.uncheckedCode, severity: 'warning' as const, count: 1 }))],
  };
}

/** The warning that a sheet's references were not checked, at the referring column's header (Aktivitets-ID). */
function uncheckedLinksIssue(validation: TemplateValidation, reference: TemplateReference, language: Language): Issue {
  const { layout } = validation;
  const definition = templateDefinition(validation.template);
  const cell = cellAddress(layout.sheet, layout.headerRow, layout.columns.get(reference.column) ?? 1);
  const label = definition.columns.find((column) => column.key === reference.column)?.label[language] ?? reference.column;
  const reason = pick({ sv: 'lagringen svarade inte', en: 'storage did not answer' }, language);
  return {
    severity: 'warning',
    code: reference.uncheckedCode,
    message: `${cell}, ${label}: ${issueText(reference.uncheckedCode, { reason }, language)}`,
    sheet: layout.sheet,
    row: layout.headerRow,
    column: reference.column,
    cell,
  };
}

/** A judgement's errors and warnings in words, in every language. */
export function issuesSummary(validation: Pick<TemplateValidation, 'issues'>): Localized {
  const { errors, warnings } = countBySeverity(validation.issues);
  return severitySummary(errors, warnings);
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
   * The templates the same step stores too (an uploaded file with both sheets): a new version is not compared with
   * their current versions, which the step replaces.
   */
  readonly alsoStored?: readonly string[];
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
    const counts = countsSummary(bounded.issueCounts);
    const omitted = omittedSentence(bounded);
    throw problems.unprocessable(
      {
        sv: `Inskickningen sparades inte: ${counts.sv}. Rätta felen och skicka in igen.${omitted.sv}`,
        en: `The submission was not stored: ${counts.en}. Correct the errors and submit again.${omitted.en}`,
      },
      { ...bounded },
    );
  }
  const added = await droppedReferences(services, target, rows, validation, options);
  const bounded = boundIssues([countedIssues(added), warningsOf(validation)]);
  const prepared = await prepareRoundSubmission(services, caller, target, rows, bounded, options);
  if (prepared.unchanged) {
    log('unchanged', { version: prepared.unchanged.version });
    return prepared.unchanged;
  }
  try {
    const version = await services.store.submit(prepared.submission, prepared.start);
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

/**
 * Warnings for a new version that leaves out rows the board's current versions of referring templates still name
 * (`droppedReferenceWarnings`); templates stored in the same step are not compared.
 */
async function droppedReferences(
  services: Services,
  target: SubmissionTarget,
  rows: readonly object[],
  validation: TemplateValidation,
  options: StoreOptions,
): Promise<Issue[]> {
  const referring: Record<string, readonly Readonly<Record<string, unknown>>[]> = {};
  for (const module of referringModules(target.template)) {
    const key = module.definition.key;
    if (options.alsoStored?.includes(key)) continue;
    const current = await services.store.current(target.board, target.year, key as TemplateKey);
    if (current) referring[key] = current.rows as readonly Readonly<Record<string, unknown>>[];
  }
  if (Object.keys(referring).length === 0) return [];
  // The judged rows are plain objects keyed by column key.
  const plain = rows as readonly Readonly<Record<string, unknown>>[];
  return droppedReferenceWarnings(target.template, plain, referring, validation.layout, target.year, options.language ?? DEFAULT_LANGUAGE);
}

/** A store's refusal to move the pointer as the 409 in words; anything else is rethrown as it is. */
export function submissionConflict(error: unknown, target: SubmissionTarget): HttpProblem {
  const round = roundConflict(error);
  if (round) return round;
  if (!(error instanceof ConcurrentSubmissionError)) throw error;
  return new HttpProblem('concurrent-submission', {
    sv: `En annan inskickning av ${templateDefinition(target.template).sheetName} för län ${target.board} ${target.year} sparades samtidigt. Se historiken och skicka in igen om din version ska gälla.`,
    en: `Another submission of ${templateDefinition(target.template).sheetName} for county ${target.board} ${target.year} was stored at the same time. See the history and submit again if your version is to apply.`,
  });
}

export function receiptResponse(receipt: SubmissionReceipt, target: SubmissionTarget): HttpResponseInit {
  return json(201, receipt, { Location: `/api/submissions/${target.board}/${target.year}/${target.template}` });
}
