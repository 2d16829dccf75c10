import type { Year } from '@samla/shared';
import { HttpProblem } from '../http/problem';
import type { YearLockStore } from '../storage/year-lock-store';

/** Refuses a submission to a locked year with a 409 that says why and what to do. */
export async function assertYearOpen(locks: Pick<YearLockStore, 'state'>, year: Year): Promise<void> {
  const lock = await locks.state(year);
  if (!lock?.locked) return;
  throw new HttpProblem(
    409,
    'Året är låst',
    `År ${year} är låst för inlämningar sedan ${lock.changedAt.slice(0, 10)} (låst av ${lock.changedBy}) eftersom rapporten för året är lämnad. Inget har sparats. Kontakta samordnarna om uppgifterna behöver ändras; en samordnare kan låsa upp året.`,
    { year, lockedBy: lock.changedBy, lockedAt: lock.changedAt },
  );
}
