import { BOARD_CODES } from '@samla/shared';
import { authenticate, requireBoardAccess } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { requestLanguage } from '../http/language';
import { parseInput, queryObject, readJsonBody } from '../http/request-body';
import type { Route } from '../http/route';
import { boundIssues } from '../submissions/bounded-issues';
import { withIdempotency } from '../submissions/idempotent-submission';
import { judgeRecords, receiptResponse, storeJudged } from '../submissions/submission-intake';
import { submissionBodySchema, submissionRouteSchema, yearQuerySchema } from '../submissions/submission-request';

/**
 * `POST /api/validate`: the server's judgement of rows; writes nothing, and needs no storage: when storage does not
 * answer, expenses are judged without the check of their links to activities, and a warning says so.
 */
const validate = defineRoute('validate', ['POST'], 'validate', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const { rows, ...target } = await readJsonBody(request, submissionBodySchema(services.settings));
  requireBoardAccess(caller, target.board, 'read');
  const validation = await judgeRecords(services, target, rows, requestLanguage(request), undefined, { linksWhenStorageDown: 'warn' });
  const { errors: issues, issueCounts, omittedIssues } = boundIssues([validation]);
  return json(200, { ...target, valid: validation.valid, rows: validation.rows.length, issues, issueCounts, omittedIssues });
});

/** `POST /api/submissions`: judges and stores a board's rows as a new current version. */
const submit = defineRoute('submit', ['POST'], 'submissions', async (request, services, context) => {
  const caller = await authenticate(request, services.authentication);
  return withIdempotency(request, services, caller, 'submissions', async (body) => {
    const { rows, ...target } = parseInput(submissionBodySchema(services.settings), body.json(), 'Begärans innehåll har fel form.');
    requireBoardAccess(caller, target.board, 'write');
    await services.assertYearOpen(target.year);
    const language = requestLanguage(request);
    const validation = await judgeRecords(services, target, rows, language);
    return receiptResponse(await storeJudged(services, caller, target, validation, context, { language }), target);
  });
});

/** `GET /api/submissions?year=`: per board and template, the current version; staff see their own board. */
const listCurrent = defineRoute('listSubmissions', ['GET'], 'submissions', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const { year } = parseInput(yearQuerySchema(services.settings), queryObject(request), 'Ange året, t.ex. ?year=2013.');
  const versions = await services.store.currentVersions(year);
  const visible = caller.role === 'staff' ? versions.filter((version) => version.board === caller.board) : versions;
  const boards = caller.role === 'staff' ? [caller.board] : BOARD_CODES;
  const missing = boards.filter((board) => !visible.some((version) => version.board === board));
  return json(200, { year, submissions: visible, boardsWithoutSubmission: missing });
});

/** `GET /api/submissions/{board}/{year}/{template}`: every version, newest first. */
const history = defineRoute('submissionHistory', ['GET'], 'submissions/{board}/{year}/{template}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const target = parseInput(submissionRouteSchema(services.settings), request.params, 'Adressen ska vara /api/submissions/{län}/{år}/{activities|expenses}.');
  requireBoardAccess(caller, target.board, 'read');
  return json(200, { ...target, versions: await services.store.history(target.board, target.year, target.template) });
});

export const submissionRoutes: Route[] = [validate, submit, listCurrent, history];
