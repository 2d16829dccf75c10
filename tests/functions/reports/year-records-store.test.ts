import { TableFundsStore } from '../../../functions/src/storage/funds-store';
import { TableYearLockStore } from '../../../functions/src/storage/year-lock-store';
import { assertYearOpen } from '../../../functions/src/submissions/locked-year';
import { HttpProblem } from '../../../functions/src/http/problem';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { openFreshTables } from '../storage/storage-fixtures';

let azurite: AzuriteTables;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

describe('requisitions and repayments in Table Storage', () => {
  it('replaces a year’s list as a whole, records who and when, and keeps every revision', async () => {
    const store = new TableFundsStore((await openFreshTables(azurite.connectionString)).funds);
    expect(await store.get(2013)).toBeUndefined();
    await store.replace(2013, [{ kind: 'requisition', amount: 300000, date: '2013-09-15' }], 'Ekonom A', '2013-09-16T08:00:00Z');
    const second = await store.replace(
      2013,
      [
        { kind: 'requisition', amount: 350000.5, date: '2013-09-20' },
        { kind: 'repayment', amount: 1000, date: '2014-02-01' },
      ],
      'Ekonom B',
      '2014-02-02T08:00:00Z',
    );
    expect(second).toMatchObject({ year: 2013, revision: 2, recordedBy: 'Ekonom B' });
    expect((await store.get(2013))?.movements).toEqual([
      { kind: 'requisition', amount: 350000.5, date: '2013-09-20' },
      { kind: 'repayment', amount: 1000, date: '2014-02-01' },
    ]);
    expect((await store.history(2013)).map((entry) => [entry.revision, entry.recordedBy])).toEqual([
      [2, 'Ekonom B'],
      [1, 'Ekonom A'],
    ]);
    await store.replace(2014, [], 'Ekonom A', '2014-03-01T08:00:00Z');
    expect((await store.all()).map((entry) => entry.year)).toEqual([2013, 2014]);
  });

  it('keeps both of two concurrent replacements in the history, one after the other', async () => {
    const store = new TableFundsStore((await openFreshTables(azurite.connectionString)).funds);
    await Promise.all([
      store.replace(2013, [{ kind: 'requisition', amount: 1, date: '2013-01-01' }], 'A', '2013-01-01T00:00:00Z'),
      store.replace(2013, [{ kind: 'requisition', amount: 2, date: '2013-01-02' }], 'B', '2013-01-01T00:00:00Z'),
    ]);
    const history = await store.history(2013);
    expect(history.map((entry) => entry.revision)).toEqual([2, 1]);
    expect((await store.get(2013))?.revision).toBe(2);
  });
});

describe('year locks in Table Storage', () => {
  it('refuses submissions to a locked year with a 409 that says why, and records the unlock', async () => {
    const locks = new TableYearLockStore((await openFreshTables(azurite.connectionString)).yearLocks);
    await expect(assertYearOpen(locks, 2013)).resolves.toBeUndefined();
    await locks.lock(2013, 'Samordnare S', '2014-02-01T09:00:00Z', 'Lägesrapporten lämnad');
    const refusal = await assertYearOpen(locks, 2013).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HttpProblem);
    expect(refusal).toMatchObject({ status: 409, title: 'Året är låst' });
    expect((refusal as HttpProblem).detailIn('sv')).toContain('År 2013 är låst');
    await expect(assertYearOpen(locks, 2014)).resolves.toBeUndefined();

    await locks.unlock(2013, 'Samordnare T', '2014-02-03T10:00:00Z', 'Rättelse från län C');
    await expect(assertYearOpen(locks, 2013)).resolves.toBeUndefined();
    const history = await locks.history(2013);
    expect(history.map((event) => [event.locked, event.changedBy, event.changedAt])).toEqual([
      [false, 'Samordnare T', '2014-02-03T10:00:00Z'],
      [true, 'Samordnare S', '2014-02-01T09:00:00Z'],
    ]);
  });
});
