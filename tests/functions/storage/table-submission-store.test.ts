import { odata } from '@azure/data-tables';
import type { ActivityRow, ExpenseRow } from '@samla/shared';
import { contentHash } from '../../../functions/src/storage/canonical-json';
import { ConcurrentSubmissionError, type NewSubmission } from '../../../functions/src/storage/submission-store';
import { rowKey, rowsPartitionKey } from '../../../functions/src/storage/row-entities';
import { TableSubmissionStore } from '../../../functions/src/storage/table-submission-store';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { seededRandom } from '../../support/seeded-random';
import { activityRows, expenseRows, openFreshTables } from './storage-fixtures';

let azurite: AzuriteTables;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

async function freshStore(options: ConstructorParameters<typeof TableSubmissionStore>[1] = {}): Promise<TableSubmissionStore> {
  return new TableSubmissionStore(await openFreshTables(azurite.connectionString), options);
}

function activities(rows: ActivityRow[], overrides: Partial<NewSubmission<'activities'>> = {}): NewSubmission<'activities'> {
  return { board: 'I', year: 2013, template: 'activities', rows, submittedBy: 'anna@gotland', warningCount: 0, ...overrides };
}

function expenses(rows: ExpenseRow[], overrides: Partial<NewSubmission<'expenses'>> = {}): NewSubmission<'expenses'> {
  return { board: 'I', year: 2013, template: 'expenses', rows, submittedBy: 'anna@gotland', warningCount: 0, ...overrides };
}

describe('the submission store on Table Storage', () => {
  it('makes a submission current with exactly its rows, in order, with numbers, booleans and dates as given', async () => {
    const store = await freshStore();
    const rows = activityRows(250, 'first');
    const version = await store.submit(activities(rows, { warningCount: 3, submittedAt: '2014-01-20T10:00:00.000Z' }));

    expect(version).toEqual({
      board: 'I',
      year: 2013,
      template: 'activities',
      version: 1,
      submittedAt: '2014-01-20T10:00:00.000Z',
      submittedBy: 'anna@gotland',
      rowCount: 250,
      warningCount: 3,
      contentHash: contentHash(rows),
    });
    const current = await store.current('I', 2013, 'activities');
    expect(current?.version).toEqual(version);
    expect(current?.rows).toEqual(rows);
    expect(typeof current?.rows[1]?.hours).toBe('number');
    expect(current?.rows[1]?.hours).toBe(2.5);
    expect(current?.rows[0]?.learningExample).toBe(true);
    expect(current?.rows[0]?.startDate).toBe('2013-03-01');
  });

  it('keeps amounts that are negative, fractional or beyond 32 bits exactly', async () => {
    const store = await freshStore();
    const amounts = [3_000_000_000, -0.01, 2_999_999_999.99];
    const rows = expenseRows(3, 'n').map((row, index) => ({ ...row, amount: amounts[index] ?? 1 }));
    await store.submit(expenses(rows));
    expect((await store.current('I', 2013, 'expenses'))?.rows.map((row) => row.amount)).toEqual(amounts);
  });

  it('answers undefined and an empty history for a board that has submitted nothing', async () => {
    const store = await freshStore();
    expect(await store.current('AB', 2013, 'expenses')).toBeUndefined();
    expect(await store.history('AB', 2013, 'expenses')).toEqual([]);
  });

  it('accepts a submission without rows (a board with no expenses)', async () => {
    const store = await freshStore();
    const version = await store.submit(expenses([]));
    expect(await store.current('I', 2013, 'expenses')).toEqual({ version, rows: [] });
  });

  it('replaces the current version with the next submission in one step, and keeps the first in the history', async () => {
    const store = await freshStore();
    const first = await store.submit(activities(activityRows(120, 'first'), { submittedBy: 'anna' }));
    const secondRows = activityRows(30, 'second');
    const second = await store.submit(activities(secondRows, { submittedBy: 'bertil', warningCount: 1 }));

    expect(second.version).toBe(2);
    const current = await store.current('I', 2013, 'activities');
    expect(current?.version).toEqual(second);
    expect(current?.rows).toEqual(secondRows);
    expect(await store.history('I', 2013, 'activities')).toEqual([second, first]);
    expect(first.contentHash).not.toBe(second.contentHash);
  });

  it('gives the whole nation for a year: every board’s current rows of both templates, nothing of other years', async () => {
    const store = await freshStore();
    await store.submit(activities(activityRows(5, 'I-old'), { board: 'I' }));
    const gotland = activityRows(7, 'I-new');
    await store.submit(activities(gotland, { board: 'I' }));
    const stockholm = activityRows(150, 'AB');
    await store.submit(activities(stockholm, { board: 'AB' }));
    const skane = expenseRows(40, 'M');
    await store.submit(expenses(skane, { board: 'M' }));
    await store.submit(activities(activityRows(3, 'AB-2014'), { board: 'AB', year: 2014 }));

    const nation = await store.nation(2013);
    expect(nation.year).toBe(2013);
    expect(nation.activities.map(({ version, rows }) => [version.board, version.version, rows])).toEqual([
      ['AB', 1, stockholm],
      ['I', 2, gotland],
    ]);
    expect(nation.expenses.map(({ version, rows }) => [version.board, rows])).toEqual([['M', skane]]);
    expect((await store.currentVersions(2013)).map((v) => `${v.template}/${v.board}/v${v.version}`)).toEqual([
      'activities/AB/v1',
      'activities/I/v2',
      'expenses/M/v1',
    ]);
    expect((await store.nation(2015)).activities).toEqual([]);
  });

  it('refuses a submission whose pointer moved after it started, and keeps the other one current', async () => {
    let overtaken = false;
    const tables = await openFreshTables(azurite.connectionString);
    const rival = new TableSubmissionStore(tables);
    const rivalRows = activityRows(10, 'rival');
    const slow = new TableSubmissionStore(tables, {
      afterBatch: async () => {
        if (overtaken) return;
        overtaken = true;
        await rival.submit(activities(rivalRows));
      },
    });

    await expect(slow.submit(activities(activityRows(300, 'slow')))).rejects.toBeInstanceOf(ConcurrentSubmissionError);
    const current = await rival.current('I', 2013, 'activities');
    expect(current?.rows).toEqual(rivalRows);
    expect((await rival.history('I', 2013, 'activities')).map((v) => v.submittedBy)).toEqual(['anna@gotland']);
  });

  it('loses no update among 10 concurrent submissions: the current version is one whole submission', async () => {
    const store = await freshStore();
    const submissions = Array.from({ length: 10 }, (_, n) => activities(activityRows(150 + n * 10, `S${n}`), { submittedBy: `user${n}` }));
    const outcomes = await Promise.allSettled(submissions.map((submission) => store.submit(submission)));

    const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const reason of lost) expect(reason).toBeInstanceOf(ConcurrentSubmissionError);

    // Every winner has a version of its own; the last to win is current, with exactly its own rows.
    const versions = won.map((version) => version.version).sort((a, b) => b - a);
    expect(new Set(versions).size).toBe(won.length);
    const current = await store.current('I', 2013, 'activities');
    expect(current?.version.version).toBe(versions[0]);
    const winner = submissions[Number(current?.version.submittedBy.slice('user'.length))];
    expect(current?.rows).toEqual(winner?.rows);
    expect(current?.version.contentHash).toBe(contentHash(winner?.rows));
    expect((await store.history('I', 2013, 'activities')).map((v) => v.version)).toEqual(versions);
  });

  it('keeps the previous version current and whole when storage goes away mid-submission, and recovers', async () => {
    const tables = await openFreshTables(azurite.connectionString, { maxRetries: 1, retryDelayInMs: 20, maxRetryDelayInMs: 50 });
    const store = new TableSubmissionStore(tables);
    const before = activityRows(200, 'before');
    const first = await store.submit(activities(before));

    let outage: Promise<void> | undefined;
    const failing = new TableSubmissionStore(tables, {
      maxBatchesInFlight: 4,
      rowBlockChars: 600, // two rows a block: 1 500 blocks, 15 transactions
      afterBatch: (written) => {
        // Storage disappears with row batches still in flight, long before the pointer could move.
        if (written === 5) outage ??= azurite.stop();
      },
    });
    await expect(failing.submit(activities(activityRows(3000, 'lost')))).rejects.toThrow();
    await outage;
    await azurite.restart();

    // The attempt got part of its rows in (its reserved version's partition is an orphan nothing reads).
    let orphans = 0;
    const blocks = tables.rows.listEntities<{ rowCount: number }>({ queryOptions: { filter: `PartitionKey eq 'activities|2013|I|v000002'` } });
    for await (const block of blocks) orphans += block.rowCount;
    expect(orphans).toBeGreaterThanOrEqual(500);
    expect(orphans).toBeLessThan(3000);

    const current = await store.current('I', 2013, 'activities');
    expect(current?.version).toEqual(first);
    expect(current?.rows).toEqual(before);
    expect(await store.history('I', 2013, 'activities')).toEqual([first]);

    const afterRows = activityRows(50, 'after');
    const next = await store.submit(activities(afterRows));
    expect(next.version).toBeGreaterThan(first.version);
    expect((await store.current('I', 2013, 'activities'))?.rows).toEqual(afterRows);
    expect((await store.history('I', 2013, 'activities')).map((v) => v.version)).toEqual([next.version, first.version]);
  });

  it('reads a version of several pages back whole and in row order, and its page boundaries too', async () => {
    // One row a block, so the versions span the service's pages of 1 000 entities.
    const store = await freshStore({ rowBlockChars: 1 });
    for (const count of [999, 1000, 1001, 2345]) {
      const rows = activityRows(count, `p${count}`);
      await store.submit(activities(rows, { board: 'M' }));
      const current = await store.current('M', 2013, 'activities');
      expect(current?.rows).toHaveLength(count);
      expect(current?.rows).toEqual(rows);
    }
  });

  it('packs a version in few blocks, and splits a block whose text does not compress into entities that fit', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const store = new TableSubmissionStore(tables);
    const rows = activityRows(10_000, 'many');
    await store.submit(activities(rows));
    const count = async (partition: string): Promise<number> => {
      let entities = 0;
      for await (const _ of tables.rows.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partition}` } })) entities++;
      return entities;
    };
    // 10 000 rows are a handful of entities, not 10 000: one transaction instead of a hundred.
    expect(await count(rowsPartitionKey('activities', 2013, 'I', 1))).toBeLessThanOrEqual(10);
    expect((await store.current('I', 2013, 'activities'))?.rows).toEqual(rows);

    // Text that gzip can't shrink (random letters from across the BMP), 2.4 MB of UTF-8 in what would be one block.
    const random = seededRandom(7);
    const noise = (length: number): string => Array.from({ length }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 20_000))).join('');
    const dense = activityRows(200, 'dense').map((row) => ({ ...row, title: noise(2_000), result: noise(2_000) }));
    const large = new TableSubmissionStore(tables, { rowBlockChars: 10_000_000 });
    await large.submit(activities(dense, { board: 'M' }));
    expect(await count(rowsPartitionKey('activities', 2013, 'M', 1))).toBeGreaterThan(2);
    expect((await large.current('M', 2013, 'activities'))?.rows).toEqual(dense);
  });

  it('reads a version stored one entity per row, as versions were before blocks', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const store = new TableSubmissionStore(tables);
    const rows = expenseRows(250, 'old').map((row, index) => ({ ...row, amount: index === 0 ? 3_000_000_000.5 : row.amount }));
    const version = await store.submit(expenses(rows));
    const partition = rowsPartitionKey('expenses', 2013, 'I', 1);
    for await (const block of tables.rows.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partition}` } })) {
      await tables.rows.deleteEntity(partition, block.rowKey ?? '');
    }
    for (const [index, row] of rows.entries()) {
      const amount = Number.isInteger(row.amount) && Math.abs(row.amount) < 2 ** 31 ? row.amount : { value: row.amount, type: 'Double' as const };
      await tables.rows.createEntity({ partitionKey: partition, rowKey: rowKey(index), ...row, amount });
    }
    expect(await store.current('I', 2013, 'expenses')).toEqual({ version, rows });
  });

  it('refuses to hand on a version whose stored rows are not the ones its pointer counts', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const store = new TableSubmissionStore(tables, { rowBlockChars: 20_000 });
    await store.submit(activities(activityRows(2100, 'x')));
    const partition = rowsPartitionKey('activities', 2013, 'I', 1);
    // A row beyond the keys the store writes: caught by the count.
    await tables.rows.createEntity({ partitionKey: partition, rowKey: 'zz', activityId: 'extra' });
    await expect(store.current('I', 2013, 'activities')).rejects.toThrow(/holds 2101 rows, its pointer says 2100/);
    await tables.rows.deleteEntity(partition, 'zz');
    // A block missing from the middle: the next block does not start where the rows so far end.
    const second = await tables.rows.getEntity<{ rowCount: number }>(partition, rowKey(1));
    await tables.rows.deleteEntity(partition, rowKey(1));
    await expect(store.nation(2013)).rejects.toThrow(/starts at row \d+, but \d+ rows come before it/);
    // A block whose chunks are cut short.
    await tables.rows.createEntity({ ...second, partitionKey: partition, rowKey: rowKey(1), rowsChunks: 2 });
    await expect(store.current('I', 2013, 'activities')).rejects.toThrow(/chunk 1 is missing/);
  });

  it('refuses keys that are not a board, a template or a year', async () => {
    const store = await freshStore();
    await expect(store.submit(activities([], { board: 'I/../AB' as 'I' }))).rejects.toThrow(/Not a board/);
    await expect(store.current('I', 2013.5, 'activities')).rejects.toThrow(/Not a year/);
  });
});
