import { ConcurrentSubmissionError, YearLockedError, type NewSubmission } from '../../../functions/src/storage/submission-store';
import { TableSubmissionStore } from '../../../functions/src/storage/table-submission-store';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { activityRows, openFreshTables } from './storage-fixtures';

let azurite: AzuriteTables;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

function activities(rows: NewSubmission<'activities'>['rows'], year = 2013): NewSubmission<'activities'> {
  return { board: 'I', year, template: 'activities', rows, submittedBy: 'anna@gotland', warningCount: 0 };
}

describe('a year locked while a submission runs', () => {
  it('never lets the running submission become current, and keeps the previous version current', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const coordinator = new TableSubmissionStore(tables);
    const before = await coordinator.submit(activities(activityRows(5, 'before')));
    let locked = false;
    const running = new TableSubmissionStore(tables, {
      afterBatch: async (written) => {
        // The coordinator's lock is confirmed after the first rows are in, long before the pointer moves.
        if (written === 1 && !locked) {
          locked = true;
          await coordinator.setYearGate(2013, true);
        }
      },
    });

    await expect(running.submit(activities(activityRows(450, 'late')))).rejects.toBeInstanceOf(YearLockedError);
    expect(locked).toBe(true);
    const current = await coordinator.current('I', 2013, 'activities');
    expect(current?.version).toEqual(before);
    expect((await coordinator.history('I', 2013, 'activities')).map((version) => version.version)).toEqual([before.version]);
  });

  it('refuses a submission that starts in a locked year at once, leaves other years open, and opens again on unlock', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const store = new TableSubmissionStore(tables);
    await store.setYearGate(2013, true);
    await expect(store.submit(activities(activityRows(3, 'x')))).rejects.toBeInstanceOf(YearLockedError);
    const in2014 = activityRows(3, 'y').map((row) => ({ ...row, startDate: '2014-03-01', endDate: '2014-03-02' }));
    await expect(store.submit(activities(in2014, 2014))).resolves.toMatchObject({ year: 2014 });
    await store.setYearGate(2013, false);
    await expect(store.submit(activities(activityRows(3, 'z')))).resolves.toMatchObject({ version: 1 });
  });

  it('refuses a submission during which the year was locked and opened again: it read a gate that has since moved', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const coordinator = new TableSubmissionStore(tables);
    let toggled = false;
    const running = new TableSubmissionStore(tables, {
      afterBatch: async () => {
        if (toggled) return;
        toggled = true;
        // Locked and opened again while the rows are written: the gate's ETag changed, so this attempt loses.
        await coordinator.setYearGate(2013, true);
        await coordinator.setYearGate(2013, false);
      },
    });
    await expect(running.submit(activities(activityRows(250, 'toggled')))).rejects.toBeInstanceOf(ConcurrentSubmissionError);
    expect(await coordinator.current('I', 2013, 'activities')).toBeUndefined();
  });
});

describe('the recorded submission time', () => {
  it('is when the version became current: read after every row is written', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    let clock = Date.parse('2014-01-20T10:00:00Z');
    const store = new TableSubmissionStore(tables, {
      now: () => new Date(clock),
      rowBlockChars: 1, // one row a block: 350 blocks in four transactions
      afterBatch: () => {
        clock += 60_000; // each batch of rows "takes a minute"
      },
    });
    const version = await store.submit(activities(activityRows(350, 't')));
    expect(version.submittedAt).toBe('2014-01-20T10:04:00.000Z');
    expect((await store.history('I', 2013, 'activities'))[0]?.submittedAt).toBe('2014-01-20T10:04:00.000Z');
  });
});
