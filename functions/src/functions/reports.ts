import { reportDraft, reportFormatQuerySchema, reportRouteSchema, yearQuerySchema } from '@samla/shared';
import { authenticate, requireRole } from '../http/access';
import { defineRoute, download, workbook } from '../http/define-route';
import { problems } from '../http/problem';
import { parseInput, queryObject } from '../http/request-body';
import type { Route } from '../http/route';
import { DOCX_CONTENT_TYPE, reportDocxBuffer } from '../reports/report-docx';
import { loadReportInput, reportModel, reportYears } from '../reports/nation-report';
import { reportWorkbookBuffer } from '../workbooks/report-workbook';

/**
 * `GET /api/reports/{status|final|financial}[?year=][&format=docx]`: the consolidated workbook, for coordinators and
 * finance; with `format=docx` (status and final) the draft of the report to the ministry, from the same model.
 */
const report = defineRoute('report', ['GET'], 'reports/{kind}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  requireRole(caller, ['coordinator', 'finance']);
  const { kind } = parseInput(reportRouteSchema, request.params, {
    sv: 'Adressen ska vara /api/reports/status, /api/reports/final eller /api/reports/financial.',
    en: 'The address must be /api/reports/status, /api/reports/final or /api/reports/financial.',
  });
  const query = queryObject(request);
  const year =
    kind === 'status' && query.year !== undefined
      ? parseInput(yearQuerySchema(services.settings), query, { sv: 'Ange året, t.ex. ?year=2013.', en: 'Give the year, e.g. ?year=2013.' }).year
      : undefined;
  const { format } = parseInput(
    reportFormatQuerySchema,
    { format: query.format },
    { sv: 'Ange ?format=xlsx eller ?format=docx.', en: 'Give ?format=xlsx or ?format=docx.' },
  );
  if (format === 'docx' && kind === 'financial')
    throw problems.badRequest({
      sv: 'Den ekonomiska redovisningen finns bara som arbetsbok; utkast i Word finns för status och final.',
      en: 'The financial report exists only as a workbook; Word drafts exist for status and final.',
    });
  const input = await loadReportInput(services, reportYears(kind, services.settings, year), services.now().toISOString());
  const model = reportModel(kind, input, year);
  if (format === 'docx') {
    const draft = reportDraft(model);
    return download(await reportDocxBuffer(draft), draft.fileName, DOCX_CONTENT_TYPE);
  }
  return workbook(await reportWorkbookBuffer(model), model.fileName);
});

export const reportRoutes: Route[] = [report];
