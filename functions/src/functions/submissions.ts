import { BOARD_CODES, isSheetsBody, sheetsBodySchema, submissionBodySchema, submissionRouteSchema, versionRouteSchema, yearQuerySchema } from '@samla/shared';
import { authenticate, requireBoardAccess } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { requestLanguage } from '../http/language';
import { MAX_JSON_BYTES, parseInput, queryObject, readJsonBody, WRONG_SHAPE } from '../http/request-body';
import type { Route } from '../http/route';
import { boundIssues } from '../submissions/bounded-issues';
import { withIdempotency } from '../submissions/idempotent-submission';
import { judgeRecords, receiptResponse, storeJudged } from '../submissions/submission-intake';
import { sheetName } from '../submissions/round-intake';
import { storeSheets } from '../submissions/sheets-submission';
import { problems } from '../http/problem';

/**
 * `POST /api/validate`: the server's judgement of rows; writes nothing, and needs no storage: when storage does not
 * answer, expenses are judged without the check of their links to activities, and a warning says so.
 */
const validate = defineRoute('validate', ['POST'], 'validate', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const { rows, ...target } = await readJsonBody(request, submissionBodySchema(services.settings), MAX_JSON_BYTES, { writtenNumbers: true });
  requireBoardAccess(caller, target.board, 'read');
  const validation = await judgeRecords(services, target, rows, requestLanguage(request), { linksWhenStorageDown: 'warn' });
  const { errors: issues, issueCounts, omittedIssues } = boundIssues([validation]);
  return json(200, { ...target, valid: validation.valid, rows: validation.rows.length, issues, issueCounts, omittedIssues });
});

/**
 * `POST /api/submissions`: judges and stores a board's rows as a new current version; with `sheets`, both templates
 * as one step (sheets-submission.ts).
 */
const submit = defineRoute('submit', ['POST'], 'submissions', async (request, services, context) => {
  const caller = await authenticate(request, services.authentication);
  return withIdempotency(request, services, caller, 'submissions', async (body) => {
    const parsed = body.json();
    if (isSheetsBody(parsed)) {
      const sheets = parseInput(sheetsBodySchema(services.settings), parsed, WRONG_SHAPE);
      requireBoardAccess(caller, sheets.board, 'write');
      await services.assertYearOpen(sheets.year);
      return storeSheets(services, caller, sheets, requestLanguage(request), context);
    }
    const { rows, nothingToReport, ...target } = parseInput(submissionBodySchema(services.settings), parsed, WRONG_SHAPE);
    requireBoardAccess(caller, target.board, 'write');
    await services.assertYearOpen(target.year);
    const language = requestLanguage(request);
    const validation = await judgeRecords(services, target, rows, language);
    const receipt = await storeJudged(services, caller, target, validation, context, { language, nothingToReport });
    return receipt.unchanged ? json(200, receipt) : receiptResponse(receipt, target);
  });
});

/** `GET /api/submissions?year=`: per board and template, the current version; staff see their own board. */
const listCurrent = defineRoute('listSubmissions', ['GET'], 'submissions', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const { year } = parseInput(yearQuerySchema(services.settings), queryObject(request), {
    sv: 'Ange året, t.ex. ?year=2013.',
    en: 'Give the year, e.g. ?year=2013.',
  });
  const versions = await services.store.currentVersions(year);
  const visible = caller.role === 'staff' ? versions.filter((version) => version.board === caller.board) : versions;
  const boards = caller.role === 'staff' ? [caller.board] : BOARD_CODES;
  const missing = boards.filter((board) => !visible.some((version) => version.board === board));
  return json(200, { year, submissions: visible, boardsWithoutSubmission: missing });
});

/** `GET /api/submissions/{board}/{year}/{template}`: every version, newest first. */
const history = defineRoute('submissionHistory', ['GET'], 'submissions/{board}/{year}/{template}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const target = parseInput(submissionRouteSchema(services.settings), request.params, {
    sv: 'Adressen ska vara /api/submissions/{län}/{år}/{activities|expenses}.',
    en: 'The address must be /api/submissions/{county}/{year}/{activities|expenses}.',
  });
  requireBoardAccess(caller, target.board, 'read');
  return json(200, { ...target, versions: await services.store.history(target.board, target.year, target.template) });
});

/** `GET /api/submissions/{board}/{year}/{template}/{version}`: that version's rows, its kept warnings and the round's events. */
const version = defineRoute('submissionVersion', ['GET'], 'submissions/{board}/{year}/{template}/{version}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const target = parseInput(versionRouteSchema(services.settings), request.params, {
    sv: 'Adressen ska vara /api/submissions/{län}/{år}/{activities|expenses}/{version}, t.ex. /api/submissions/I/2013/activities/1.',
    en: 'The address must be /api/submissions/{county}/{year}/{activities|expenses}/{version}, e.g. /api/submissions/I/2013/activities/1.',
  });
  requireBoardAccess(caller, target.board, 'read');
  const [stored, entry, events] = await Promise.all([
    services.store.version(target.board, target.year, target.template, target.version),
    services.rounds.versionEntry(target.board, target.year, target.template, target.version),
    services.rounds.events(target.board, target.year, target.template),
  ]);
  if (!stored || !entry) {
    throw problems.notFound({
      sv: `Län ${target.board} har ingen version ${target.version} av ${sheetName(target.template)} för ${target.year}. Se historiken för vilka versioner som finns.`,
      en: `County ${target.board} has no version ${target.version} of ${sheetName(target.template)} for ${target.year}. See the history for the versions there are.`,
    });
  }
  const warnings = await services.rounds.readWarnings(entry.rowsPartition);
  return json(200, {
    version: stored.version,
    rows: stored.rows,
    warnings,
    omittedWarnings: Math.max(0, entry.warningCount - warnings.length),
    nothingToReport: entry.nothingToReport,
    summary: { rows: entry.rowCount, warnings: entry.warningCount, figures: entry.figures },
    events,
  });
});

export const submissionRoutes: Route[] = [validate, submit, listCurrent, history, version];
