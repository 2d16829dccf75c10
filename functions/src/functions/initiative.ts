import { initiativeYears, roundDueDate } from '@samla/shared';
import { authenticate } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import type { Route } from '../http/route';

/**
 * `GET /api/initiative`: the initiative's settings as the server runs with them (LUJ, or SAMLA_INITIATIVE_FILE) and
 * each year's due day (the first report covering the year, reporting-round.ts): what every client reads instead of
 * compiling them in.
 */
const initiative = defineRoute('initiative', ['GET'], 'initiative', async (request, services) => {
  await authenticate(request, services.authentication);
  const { settings } = services;
  return json(200, { settings, dueDates: initiativeYears(settings).map((year) => ({ year, due: roundDueDate(settings, year) })) });
});

export const initiativeRoutes: Route[] = [initiative];
