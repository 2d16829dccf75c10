import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { boardYearQuerySchema, type SubmissionTarget } from '@samla/shared';
import type { Caller } from '../auth/caller';
import { authenticate, requireBoardAccess } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { requestLanguage } from '../http/language';
import { HttpProblem } from '../http/problem';
import { parseInput, queryObject } from '../http/request-body';
import type { Route } from '../http/route';
import type { Services } from '../services';
import { withIdempotency } from '../submissions/idempotent-submission';
import { currentIds, receiptResponse } from '../submissions/submission-intake';
import { storeJudgedSheets, type JudgedTemplate } from '../submissions/sheets-submission';
import { judgeStreamedSheets } from '../submissions/file-intake';
import { originMismatch } from '../workbooks/template-origin';
import type { UploadRefusal } from '../workbooks/upload-refusal';
import { MAX_UPLOAD_BYTES, openUploadedWorkbook } from '../workbooks/upload-reader';

type BoardYear = Omit<SubmissionTarget, 'template'>;

const KIND_BY_STATUS = { 413: 'too-large', 415: 'unsupported-media-type', 422: 'upload-refused' } as const;

/** The problem document for a refused upload: its own or the status's kind, the refusal's words in both languages, its kind as `reason`. */
export function refusalProblem(refusal: UploadRefusal): HttpProblem {
  return new HttpProblem(refusal.problem ?? KIND_BY_STATUS[refusal.status], refusal.detail, { reason: refusal.kind, ...refusal.params });
}

/**
 * Stores the file's template sheets as one step (both stored or neither, as the JSON route's `sheets`). An empty sheet
 * is no submission (the reporting round): beside a filled one it is left as it was; a file with nothing filled is refused
 * in words unless `?nothingToReport=true` says so.
 */
async function storeFile(
  services: Services,
  caller: Caller,
  target: BoardYear,
  judged: JudgedTemplate[],
  context: InvocationContext,
  nothingToReport: boolean,
): Promise<HttpResponseInit> {
  const filled = judged.filter((entry) => entry.rowCount > 0 || !entry.judgement.valid);
  const toStore = filled.length > 0 ? filled : judged;
  const receipts = await storeJudgedSheets(services, caller, target, toStore, (_template, empty) => nothingToReport && empty, context);
  // One template's receipt keeps the single route's shape and Location; several are listed.
  const [only] = receipts;
  if (receipts.length === 1 && only) return only.unchanged ? json(200, only) : receiptResponse(only, { ...target, template: only.template });
  return json(receipts.every((receipt) => receipt.unchanged) ? 200 : 201, { submissions: receipts });
}

/**
 * `POST /api/submissions/file?board=&year=`: a filled template workbook as the body (from GET /api/templates or any
 * program writing the same Swedish headers), judged with the same rules, with every issue at the file's own cells.
 */
const submitFile = defineRoute('submitFile', ['POST'], 'submissions/file', async (request, services, context) => {
  const caller = await authenticate(request, services.authentication);
  const query = queryObject(request);
  const target = parseInput(
    boardYearQuerySchema(services.settings),
    { board: query.board, year: query.year },
    { sv: 'Ange län och år, t.ex. ?board=I&year=2013.', en: 'Give the county and year, e.g. ?board=I&year=2013.' },
  );
  requireBoardAccess(caller, target.board, 'write');
  await services.assertYearOpen(target.year);
  const language = requestLanguage(request);
  return withIdempotency(
    request,
    services,
    caller,
    'submissions/file',
    async (body) => {
      const reading = await openUploadedWorkbook(body.bytes);
      if (!reading.ok) throw refusalProblem(reading.refusal);
      const mismatch = originMismatch(reading.origin, target);
      if (mismatch)
        throw new HttpProblem('other-board-or-year', mismatch.detail, { reason: 'other-board-or-year', file: mismatch.file, request: mismatch.request });
      const judged = await judgeStreamedSheets(reading, {
        year: target.year,
        settings: services.settings,
        language,
        storedIds: (template) => currentIds(services.store, target.board, target.year, template),
        // Each sheet's blocks are written as they fill: the reading holds none of them (storeJudgedSheets stages or deletes them).
        openRows: (template) => services.store.openRows(target.board, target.year, template),
      });
      if (!judged.ok) throw refusalProblem(judged.refusal);
      return storeFile(services, caller, target, judged.templates, context, query.nothingToReport === 'true');
    },
    { json: false, maxBytes: MAX_UPLOAD_BYTES, requestTag: `${target.board}|${target.year}` },
  );
});

export const submissionFileRoutes: Route[] = [submitFile];
