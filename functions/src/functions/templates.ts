import { boardYearQuerySchema, TEMPLATE_KEYS, templateDefinition, templateRouteSchema } from '@samla/shared';
import { authenticate, requireBoardAccess } from '../http/access';
import { defineRoute, workbook } from '../http/define-route';
import { requestLanguage } from '../http/language';
import { parseInput, queryObject } from '../http/request-body';
import type { Route } from '../http/route';
import { buildTemplateWorkbook } from '../workbooks/template-workbook';

/** `GET /api/templates/{template}?year=&board=` (a key of the template modules): an empty standard template to fill in without the add-in. */
const template = defineRoute('template', ['GET'], 'templates/{template}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const { template: key } = parseInput(templateRouteSchema, request.params, {
    sv: `Adressen ska vara ${TEMPLATE_KEYS.map((key) => `/api/templates/${key}`).join(' eller ')}.`,
    en: `The address must be ${TEMPLATE_KEYS.map((key) => `/api/templates/${key}`).join(' or ')}.`,
  });
  const { board, year } = parseInput(boardYearQuerySchema(services.settings), queryObject(request), {
    sv: 'Ange län och år, t.ex. ?board=I&year=2013.',
    en: 'Give the county and year, e.g. ?board=I&year=2013.',
  });
  requireBoardAccess(caller, board, 'read');
  const body = await buildTemplateWorkbook({ template: key, board, year, language: requestLanguage(request), settings: services.settings });
  return workbook(body, `Samla-${templateDefinition(key).sheetName.toLowerCase()}-${board}-${year}.xlsx`);
});

export const templateRoutes: Route[] = [template];
