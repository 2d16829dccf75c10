import { lockBodySchema } from '@samla/shared';
import { authenticate, requireRole } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { HttpProblem } from '../http/problem';
import { readJsonBody } from '../http/request-body';
import type { Route } from '../http/route';
import { yearInPath } from '../http/year-in-path';

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

export const lockRoutes: Route[] = [getLock, lock, unlock];
