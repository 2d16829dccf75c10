import type { InitiativeSettings, Year } from '@samla/shared';
import { yearQuerySchema } from '@samla/shared';
import { parseInput } from './request-body';
import type { Route } from './route';

/** The `{year}` of `/api/<resource>/{year}`: a year of the initiative, or a 400 that shows the address. */
export function yearInPath(request: Parameters<Route['handler']>[0], settings: InitiativeSettings, resource: string): Year {
  return parseInput(yearQuerySchema(settings), request.params, {
    sv: `Adressen ska vara /api/${resource}/{år}, t.ex. /api/${resource}/2013.`,
    en: `The address must be /api/${resource}/{year}, e.g. /api/${resource}/2013.`,
  }).year;
}
