import { fundsBodySchema } from '@samla/shared';
import { authenticate, requireRole } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { readJsonBody } from '../http/request-body';
import type { Route } from '../http/route';
import { yearInPath } from '../http/year-in-path';

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
  // Amounts spelled beyond what a double holds are kept as written, so they are refused in words, never rounded.
  const { movements } = await readJsonBody(request, fundsBodySchema(services.settings), undefined, { writtenNumbers: true });
  return json(200, await services.funds.replace(year, movements, caller.name, services.now().toISOString()));
});

export const requisitionRoutes: Route[] = [getFunds, putFunds];
