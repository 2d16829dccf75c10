import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { TEMPLATE_KEYS, typedRows, type Language, type SheetsBody, type SubmissionTarget, type TemplateKey, type TemplateValidation } from '@samla/shared';
import type { Caller } from '../auth/caller';
import { json } from '../http/define-route';
import { problems } from '../http/problem';
import type { Services } from '../services';
import type { CommittedSubmission, StagedSubmission } from '../storage/table-submission-store';
import { YearLockedError } from '../storage/submission-store';
import { boundIssues, omittedSentence, warningsOf } from './bounded-issues';
import { lockedWhileRunning } from './locked-year';
import { issuesSummary, judgeTemplates, submissionConflict, type SubmissionReceipt } from './submission-intake';
import { prepareRoundSubmission, sheetName, type JudgedRows, type PreparedSubmission } from './round-intake';

function saysNothing(body: SheetsBody, template: string, empty: boolean): boolean {
  const said = body.nothingToReport;
  if (typeof said === 'boolean') return said && empty;
  return said?.[template as TemplateKey] === true;
}

/**
 * Both templates as one step (design.md: "both stored or neither"). Both are judged first (expenses against the
 * activities in the same request) and refused together; then both versions' rows are written; then the pointers move
 * in one order, activities before expenses. If the second move fails, the first is undone (its pointer back to the
 * previous version with If-Match on the ETag our move left, its audit entry and round event removed, one transaction),
 * so the end state is both or neither. Between the two moves (one transaction's time) a reader can see the new
 * Aktiviteter beside the old Kostnader; a partition's transaction can't span both pointers, and this keeps the layout.
 */
export async function storeSheets(
  services: Services,
  caller: Caller,
  body: SheetsBody,
  language: Language,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const target = { board: body.board, year: body.year };
  const templates = TEMPLATE_KEYS.map((template) => ({ template, records: body.sheets[template] }));
  const judged = await judgeTemplates(services, target, templates, language);
  const receipts = await storeJudgedSheets(
    services,
    caller,
    target,
    judged.map(judgedTemplate),
    (template, empty) => saysNothing(body, template, empty),
    context,
  );
  return json(receipts.every((receipt) => receipt.unchanged) ? 200 : 201, { receipts });
}

/**
 * A judged template ready to store: its judgement (issues, counts, layout; no rows) and, when it has no error, its
 * rows (all of them, or packed as a streamed sheet came).
 */
export interface JudgedTemplate {
  readonly judgement: Omit<TemplateValidation, 'rows'>;
  /** How many rows were read (blank rows not counted). */
  readonly rowCount: number;
  /** Undefined when the judgement has an error: nothing of it is stored. */
  readonly rows: JudgedRows<TemplateKey> | undefined;
}

/** A validation that holds its rows as a template to store. */
export function judgedTemplate(validation: TemplateValidation): JudgedTemplate {
  const { rows, ...judgement } = validation;
  return { judgement, rowCount: rows.length, rows: typedRows(validation) };
}

/**
 * Stores judged templates of one board and year as one step: refused together (422, bounded, with the count per rule)
 * when any has an error; otherwise staged, then made current in order, the earlier ones undone when a later one fails.
 * `nothingToReport` says, per template, whether the staff member said an empty one means nothing to report.
 * Used by the JSON route's `sheets` and by the file route for a workbook with several template sheets.
 */
export async function storeJudgedSheets(
  services: Services,
  caller: Caller,
  target: { readonly board: SubmissionTarget['board']; readonly year: SubmissionTarget['year'] },
  templates: readonly JudgedTemplate[],
  nothingToReport: (template: string, empty: boolean) => boolean,
  context: InvocationContext,
): Promise<SubmissionReceipt[]> {
  const judged = templates.map((entry) => entry.judgement);
  const failing = judged.filter((validation) => !validation.valid);
  if (failing.length > 0) {
    const bounded = boundIssues(judged);
    const summaries = failing.map((validation) => ({ sheet: sheetName(validation.template), summary: issuesSummary(validation) }));
    const omitted = omittedSentence(bounded);
    throw problems.unprocessable(
      {
        sv: `Inget sparades: ${summaries.map(({ sheet, summary }) => `${sheet} ${summary.sv}`).join(', ')}. Rätta felen och skicka in igen.${omitted.sv}`,
        en: `Nothing was stored: ${summaries.map(({ sheet, summary }) => `${sheet} ${summary.en}`).join(', ')}. Correct the errors and submit again.${omitted.en}`,
      },
      { ...bounded },
    );
  }
  const prepared: { target: SubmissionTarget; prepared: PreparedSubmission }[] = [];
  for (const { judgement: validation, rowCount, rows = [] } of templates) {
    const warnings = boundIssues([warningsOf(validation)]);
    const templateTarget = { ...target, template: validation.template };
    const intent = { nothingToReport: nothingToReport(validation.template, rowCount === 0) };
    prepared.push({ target: templateTarget, prepared: await prepareRoundSubmission(services, caller, templateTarget, rows, warnings, intent) });
  }
  const staged = await Promise.all(
    prepared.map(async (entry) => (entry.prepared.submission ? services.store.stage(entry.prepared.submission, entry.prepared.start) : undefined)),
  );
  const committed: CommittedSubmission[] = [];
  let moving = 0;
  try {
    for (; moving < staged.length; moving++) {
      const stage = staged[moving];
      if (stage) committed.push(await services.store.commit(stage));
    }
  } catch (error) {
    const undone = await Promise.all(committed.map((entry) => services.store.revert(entry)));
    if (error instanceof YearLockedError) throw await lockedWhileRunning(services.locks, target.year);
    context.log(
      JSON.stringify({
        event: 'sheets-submission',
        invocationId: context.invocationId,
        board: target.board,
        year: target.year,
        outcome: 'rolled-back',
        undone,
      }),
    );
    throw submissionConflict(error, prepared[moving]?.target ?? { ...target, template: TEMPLATE_KEYS[0] });
  }
  const receipts = prepared.map((entry, index) => receiptOf(entry.prepared, committed, staged[index], judged[index]));
  context.log(JSON.stringify({ event: 'sheets-submission', invocationId: context.invocationId, board: target.board, year: target.year, outcome: 'stored' }));
  return receipts;
}

function receiptOf(
  prepared: PreparedSubmission,
  committed: readonly CommittedSubmission[],
  stage: StagedSubmission | undefined,
  validation: Omit<TemplateValidation, 'rows'> | undefined,
): SubmissionReceipt {
  if (prepared.unchanged) return prepared.unchanged;
  const done = committed.find((entry) => entry.staged === stage);
  if (!done || !validation) throw new Error('A staged template was not committed');
  const warnings = boundIssues([warningsOf(validation)]);
  return {
    template: validation.template,
    version: done.version.version,
    submittedAt: done.version.submittedAt,
    rows: done.version.rowCount,
    warnings: warnings.errors,
    issueCounts: warnings.issueCounts,
    omittedIssues: warnings.omittedIssues,
  };
}
