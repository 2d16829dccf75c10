import { z } from 'zod';
import { reportDraft } from '@samla/shared';
import { authenticate, requireRole } from '../http/access';
import { defineRoute, download, workbook } from '../http/define-route';
import { problems } from '../http/problem';
import { parseInput, queryObject } from '../http/request-body';
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

export const reportRoutes: Route[] = [report];
