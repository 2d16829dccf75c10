import type { Year } from '@samla/shared';
import { HttpProblem } from '../http/problem';
import type { YearLock, YearLockStore } from '../storage/year-lock-store';

/** The 409 for a submission to a locked year: says why and what to do. */
export function lockedYearProblem(year: Year, lock?: YearLock): HttpProblem {
  const since = lock ? ` sedan ${lock.changedAt.slice(0, 10)} (låst av ${lock.changedBy})` : '';
  const sinceEn = lock ? ` since ${lock.changedAt.slice(0, 10)} (locked by ${lock.changedBy})` : '';
  return new HttpProblem(
    'locked-year',
    {
      sv: `År ${year} är låst för inlämningar${since} eftersom rapporten för året är lämnad. Inget har sparats. Kontakta samordnarna om uppgifterna behöver ändras; en samordnare kan låsa upp året.`,
      en: `The year ${year} is locked for submissions${sinceEn} because its report has been handed in. Nothing was stored. Contact the coordinators if the data must change; a coordinator can unlock the year.`,
    },
    { year, ...(lock ? { lockedBy: lock.changedBy, lockedAt: lock.changedAt } : {}) },
  );
}

/** Refuses a submission to a locked year with a 409 that says why and what to do. */
export async function assertYearOpen(locks: Pick<YearLockStore, 'state'>, year: Year): Promise<void> {
  const lock = await locks.state(year);
  if (lock?.locked) throw lockedYearProblem(year, lock);
}

/**
 * The 409 for a submission that the year's gate stopped as its pointer was about to move (the year was locked while
 * it ran): with who locked it when that can still be read.
 */
export async function lockedWhileRunning(locks: Pick<YearLockStore, 'state'>, year: Year): Promise<HttpProblem> {
  const lock = await locks.state(year).catch(() => undefined);
  return lockedYearProblem(year, lock?.locked ? lock : undefined);
}
