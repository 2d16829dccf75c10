import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { TEMPLATE_KEYS, typedRows, type Language, type SheetsBody, type SubmissionTarget, type TemplateKey, type TemplateValidation } from '@samla/shared';
import type { Caller } from '../auth/caller';
import { json } from '../http/define-route';
import { problems } from '../http/problem';
import type { Services } from '../services';
import type { CommittedSubmission, StagedSubmission } from '../storage/table-submission-store';
import { RoundAcceptedError, RoundChangedError } from '../storage/round-store';
import { ConcurrentSubmissionError, YearLockedError } from '../storage/submission-store';
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
  // Rows an upload wrote as it was read (file-intake.ts): each partition becomes a version's, or is deleted here.
  const written = templates.map((entry) => writtenPartition(entry.rows));
  const discard = (indices: readonly number[]) =>
    discardWritten(
      services,
      indices.map((index) => written[index]),
    );
  const failing = judged.filter((validation) => !validation.valid);
  if (failing.length > 0) {
    await discard(templates.map((_entry, index) => index));
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
  let staged: (StagedSubmission | undefined)[] = [];
  try {
    for (const { judgement: validation, rowCount, rows = [] } of templates) {
      const warnings = boundIssues([warningsOf(validation)]);
      const templateTarget = { ...target, template: validation.template };
      const intent = { nothingToReport: nothingToReport(validation.template, rowCount === 0) };
      prepared.push({ target: templateTarget, prepared: await prepareRoundSubmission(services, caller, templateTarget, rows, warnings, intent) });
    }
    staged = await Promise.all(
      prepared.map(async (entry) => (entry.prepared.submission ? services.store.stage(entry.prepared.submission, entry.prepared.start) : undefined)),
    );
  } catch (error) {
    // Not staged, or staged and never current: the upload's rows go (behind the answer: storage may not be answering).
    void discard(templates.map((_entry, index) => index));
    // A year locked after the upload began (a long file's reading is a wide window) is found by `stage`: a 409 as at commit.
    if (error instanceof YearLockedError) throw await lockedWhileRunning(services.locks, target.year);
    throw error;
  }
  const committed: CommittedSubmission[] = [];
  let moving = 0;
  try {
    for (; moving < staged.length; moving++) {
      const stage = staged[moving];
      if (stage) committed.push(await services.store.commit(stage));
    }
  } catch (error) {
    const undone = await Promise.all(committed.map((entry) => services.store.revert(entry)));
    // A version undone is in no history: its rows go with those never made current. One that stayed keeps its rows.
    const stayed = new Set(committed.filter((_entry, index) => !undone[index]).map((entry) => entry.staged));
    // So may the one whose move failed, but only when storage refused the move: a move whose answer was lost (a
    // deadline, a dropped connection) may have landed, and its pointer would then name rows deleted here. Its
    // partition is left; at worst an orphan nothing reads.
    const unknown = moveRefused(error) ? undefined : staged[moving];
    void discard(staged.flatMap((stage, index) => (stage && (stayed.has(stage) || stage === unknown) ? [] : [index])));
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
  // A template identical to its current version was not staged: what its upload wrote goes.
  await discard(staged.flatMap((stage, index) => (stage ? [] : [index])));
  const receipts = prepared.map((entry, index) => receiptOf(entry.prepared, committed, staged[index], judged[index]));
  context.log(JSON.stringify({ event: 'sheets-submission', invocationId: context.invocationId, board: target.board, year: target.year, outcome: 'stored' }));
  return receipts;
}

/** Whether a pointer move failed because storage refused it (so it did not land), not for want of an answer. */
function moveRefused(error: unknown): boolean {
  return (
    error instanceof YearLockedError || error instanceof ConcurrentSubmissionError || error instanceof RoundChangedError || error instanceof RoundAcceptedError
  );
}

/** The partition an upload's rows were written to as it was read (PackedRows.partition), if they were. */
function writtenPartition(rows: JudgedRows<TemplateKey> | undefined): string | undefined {
  return rows && !Array.isArray(rows) && 'packed' in rows ? rows.packed.partition : undefined;
}

/**
 * Deletes upload partitions that will be no version's, never throwing: the answer stands whatever storage then says,
 * and a partition that could not be deleted is an orphan nothing reads (as a crashed submission's is).
 */
async function discardWritten(services: Services, partitions: readonly (string | undefined)[]): Promise<void> {
  await Promise.all(
    partitions.map(async (partition) => {
      if (partition === undefined) return;
      try {
        await services.store.discardRows(partition);
      } catch {
        // Left as an orphan: see above.
      }
    }),
  );
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
