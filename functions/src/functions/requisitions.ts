import { z } from 'zod';
import { FUNDS_MOVEMENT_KINDS, initiativeYears, type InitiativeSettings } from '@samla/shared';
import { authenticate, requireRole } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { readJsonBody } from '../http/request-body';
import type { Route } from '../http/route';
import { yearInPath } from '../http/year-in-path';

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

export const requisitionRoutes: Route[] = [getFunds, putFunds];
