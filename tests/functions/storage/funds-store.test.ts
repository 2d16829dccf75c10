import { TableFundsStore } from '../../../functions/src/storage/funds-store';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { openFreshTables } from './storage-fixtures';

let azurite: AzuriteTables;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

describe('finance’s requisitions and repayments', () => {
  it('stores the longest list the API accepts (500 movements) past the 64 KiB property limit, and reads it back whole', async () => {
    const funds = new TableFundsStore((await openFreshTables(azurite.connectionString)).funds);
    const movements = Array.from({ length: 500 }, (_, index) => ({
      kind: index % 50 === 49 ? ('repayment' as const) : ('requisition' as const),
      amount: 9_999_999_999.99 - index,
      date: `2014-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
    }));
    // A string property holds at most 64 KiB as UTF-16: 32 768 characters.
    expect(JSON.stringify(movements).length).toBeGreaterThan(32 * 1024);
    const recorded = await funds.replace(2014, movements, 'ekonomi@gotland', '2014-09-01T08:00:00.000Z');
    expect(recorded.movements).toEqual(movements);
    expect((await funds.get(2014))?.movements).toEqual(movements);
    const shorter = await funds.replace(2014, movements.slice(0, 2), 'ekonomi@gotland', '2014-09-02T08:00:00.000Z');
    expect((await funds.get(2014))?.movements).toEqual(shorter.movements);
    expect((await funds.history(2014)).map((revision) => revision.movements.length)).toEqual([2, 500]);
    expect((await funds.all()).map((year) => year.movements.length)).toEqual([2]);
  });
});
