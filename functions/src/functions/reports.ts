import { z } from 'zod';
import { FUNDS_MOVEMENT_KINDS, initiativeYears, reportDraft, type InitiativeSettings, type Year } from '@samla/shared';
import { authenticate, requireRole } from '../http/access';
import { defineRoute, download, json, workbook } from '../http/define-route';
import { HttpProblem, problems } from '../http/problem';
import { parseInput, queryObject, readJsonBody } from '../http/request-body';
import type { Route } from '../http/route';
import { DOCX_CONTENT_TYPE, reportDocxBuffer } from '../reports/report-docx';
import { loadReportInput, reportModel, reportYears, REPORT_KINDS } from '../reports/nation-report';
import { yearQuerySchema } from '../submissions/submission-request';
import { reportWorkbookBuffer } from '../workbooks/report-workbook';

const reportParams = z.object({ kind: z.enum(REPORT_KINDS, { error: 'okänd rapport; ange status, final eller financial' }) });
const formatQuery = z.object({
  format: z.enum(['xlsx', 'docx'], { error: 'format ska vara xlsx (arbetsboken) eller docx (utkast till rapporten)' }).default('xlsx'),
});

/**
 * `GET /api/reports/{status|final|financial}[?year=][&format=docx]`: the consolidated workbook, for coordinators and
 * finance; with `format=docx` (status and final) the draft of the report to the ministry, from the same model.
 */
const report = defineRoute('report', ['GET'], 'reports/{kind}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  requireRole(caller, ['coordinator', 'finance']);
  const { kind } = parseInput(reportParams, request.params, 'Adressen ska vara /api/reports/status, /api/reports/final eller /api/reports/financial.');
  const query = queryObject(request);
  const year =
    kind === 'status' && query.year !== undefined ? parseInput(yearQuerySchema(services.settings), query, 'Ange året, t.ex. ?year=2013.').year : undefined;
  const { format } = parseInput(formatQuery, { format: query.format }, 'Ange ?format=xlsx eller ?format=docx.');
  if (format === 'docx' && kind === 'financial')
    throw problems.badRequest('Den ekonomiska redovisningen finns bara som arbetsbok; utkast i Word finns för status och final.');
  const input = await loadReportInput(services, reportYears(kind, services.settings, year), services.now().toISOString());
  const model = reportModel(kind, input, year);
  if (format === 'docx') {
    const draft = reportDraft(model);
    return download(await reportDocxBuffer(draft), draft.fileName, DOCX_CONTENT_TYPE);
  }
  return workbook(await reportWorkbookBuffer(model), model.fileName);
});

/** The `{year}` of `/api/<resource>/{year}`: a year of the initiative, or a 400 that shows the address. */
function yearInPath(request: Parameters<Route['handler']>[0], settings: InitiativeSettings, resource: string): Year {
  return parseInput(yearQuerySchema(settings), request.params, `Adressen ska vara /api/${resource}/{år}, t.ex. /api/${resource}/2013.`).year;
}

const MAX_MOVEMENTS = 500;

function fundsBodySchema(settings: InitiativeSettings) {
  const last = Math.max(...initiativeYears(settings)) + 2;
  return z.object({
    movements: z
      .array(
        z.object({
          kind: z.enum(FUNDS_MOVEMENT_KINDS, { error: 'kind ska vara requisition (rekvisition) eller repayment (återbetalning)' }),
          amount: z
            .number({ error: 'beloppet ska vara ett tal i kronor' })
            .positive({ error: 'beloppet ska vara större än 0' })
            .max(1e10)
            .refine((amount) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6, { error: 'beloppet får ha högst två decimaler' }),
          date: z.iso
            .date({ error: 'datumet ska skrivas ÅÅÅÅ-MM-DD' })
            .refine((date) => Number(date.slice(0, 4)) <= last, { error: `datumet ligger för långt fram (senast ${last})` }),
        }),
      )
      .max(MAX_MOVEMENTS, { error: `högst ${MAX_MOVEMENTS} rader per år` }),
  });
}

/** `GET /api/requisitions/{year}`: the year's requisitions and repayments, and who recorded them when. */
const getFunds = defineRoute('getRequisitions', ['GET'], 'requisitions/{year}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  requireRole(caller, ['coordinator', 'finance']);
  const year = yearInPath(request, services.settings, 'requisitions');
  const recorded = await services.funds.get(year);
  return json(200, recorded ?? { year, movements: [], revision: 0 });
});

/** `PUT /api/requisitions/{year}`: finance replaces the year's list as a whole; every revision is kept. */
const putFunds = defineRoute('putRequisitions', ['PUT'], 'requisitions/{year}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  requireRole(caller, ['finance']);
  const year = yearInPath(request, services.settings, 'requisitions');
  const { movements } = await readJsonBody(request, fundsBodySchema(services.settings));
  return json(200, await services.funds.replace(year, movements, caller.name, services.now().toISOString()));
});

const lockBodySchema = z.object({ note: z.string().trim().max(500, { error: 'anteckningen får vara högst 500 tecken' }).optional() });

async function optionalNote(request: Parameters<Route['handler']>[0]): Promise<string | undefined> {
  if (!request.headers.get('content-type')) return undefined;
  return (await readJsonBody(request, lockBodySchema)).note || undefined;
}

/** `GET /api/locks/{year}`: whether the year is locked, and every lock and unlock. */
const getLock = defineRoute('getYearLock', ['GET'], 'locks/{year}', async (request, services) => {
  await authenticate(request, services.authentication);
  const year = yearInPath(request, services.settings, 'locks');
  const [state, history] = await Promise.all([services.locks.state(year), services.locks.history(year)]);
  return json(200, { year, locked: state?.locked ?? false, history });
});

/** `PUT /api/locks/{year}` (optional body `{ note }`): a coordinator locks a reported year against submissions. */
const lock = defineRoute('lockYear', ['PUT'], 'locks/{year}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  requireRole(caller, ['coordinator']);
  const year = yearInPath(request, services.settings, 'locks');
  const note = await optionalNote(request);
  const current = await services.locks.state(year);
  if (current?.locked) return json(200, current);
  // Every gate of the year closes before the lock is recorded: once this answers, no submission still running
  // can become current in the year (the pointer moves only with the gate's ETag read at its start).
  await services.store.setYearGate(year, true);
  return json(200, await services.locks.lock(year, caller.name, services.now().toISOString(), note));
});

/** `DELETE /api/locks/{year}`: a coordinator opens the year again; the unlock is recorded (who, when). */
const unlock = defineRoute('unlockYear', ['DELETE'], 'locks/{year}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  requireRole(caller, ['coordinator']);
  const year = yearInPath(request, services.settings, 'locks');
  const note = await optionalNote(request);
  const current = await services.locks.state(year);
  if (!current?.locked) throw new HttpProblem('not-locked', { sv: `År ${year} är inte låst.`, en: `The year ${year} is not locked.` });
  // The gates open first: until the unlock is recorded, the recorded lock still refuses new submissions.
  await services.store.setYearGate(year, false);
  return json(200, await services.locks.unlock(year, caller.name, services.now().toISOString(), note));
});

export const reportRoutes: Route[] = [report, getFunds, putFunds, getLock, lock, unlock];
