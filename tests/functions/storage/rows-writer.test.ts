import { RowPacker } from '../../../functions/src/storage/row-entities';
import { TableSubmissionStore } from '../../../functions/src/storage/table-submission-store';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { activityRows, openFreshTables } from './storage-fixtures';

/** An uploaded sheet's rows written as they are packed (RowsWriter), then staged as a version or discarded. */

let azurite: AzuriteTables;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

const rows = activityRows(1_200, 'written');

async function writeAll(store: TableSubmissionStore, board: 'I' | 'M' = 'I') {
  const writer = await store.openRows(board, 2013, 'activities');
  // Small blocks: many are written, a few at a time, while rows are still being added.
  const packer = new RowPacker('activities', 4_000);
  let writtenWhileAdding = 0;
  for (const row of rows) {
    packer.add(row);
    const blocks = packer.takeBlocks();
    writtenWhileAdding += blocks.length;
    await writer.write(blocks);
  }
  return { writer, packed: await writer.finish(packer.finish()), writtenWhileAdding };
}

describe('rows written as an upload is read', () => {
  it("become a version when staged: read back whole from the upload's partition, in every reader", async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const store = new TableSubmissionStore(tables, { maxBatchesInFlight: 3 });
    const { packed, writtenWhileAdding } = await writeAll(store);
    expect(writtenWhileAdding).toBeGreaterThan(20);
    expect(packed).toMatchObject({ blocks: [], rowCount: 1_200 });
    expect(packed.partition).toMatch(/^activities\|2013\|I\|u[0-9a-f]{32}$/);
    const version = await store.submit({ board: 'I', year: 2013, template: 'activities', rows: packed, submittedBy: 'anna@gotland', warningCount: 0 });
    expect(version.version).toBe(1);
    expect((await store.current('I', 2013, 'activities'))?.rows).toEqual(rows);
    expect((await store.version('I', 2013, 'activities', 1))?.rows).toEqual(rows);
    expect((await store.nation(2013)).activities[0]?.rows).toEqual(rows);
  });

  it('are deleted by discard, and staged only for their own board, year and template', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const store = new TableSubmissionStore(tables);
    const { writer, packed } = await writeAll(store);
    await expect(store.stage({ board: 'M', year: 2013, template: 'activities', rows: packed, submittedBy: 'x', warningCount: 0 })).rejects.toThrow(
      /holds no rows of activities 2013 M/,
    );
    await writer.discard();
    const left = tables.rows.listEntities({ queryOptions: { filter: `PartitionKey eq '${packed.partition}'` } });
    let count = 0;
    for await (const _entity of left) count += 1;
    expect(count).toBe(0);
    // Nothing was reserved: the board's first version is still 1.
    const version = await store.submit({ board: 'M', year: 2013, template: 'activities', rows, submittedBy: 'x', warningCount: 0 });
    expect(version.version).toBe(1);
  });

  it('throw a failed write at the next write or at finish, as it came, and leave nothing current', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const store = new TableSubmissionStore(tables, {
      afterBatch: (written) => {
        if (written === 2) throw new Error('storage went away');
      },
    });
    await expect(writeAll(store)).rejects.toThrow('storage went away');
    expect(await store.current('I', 2013, 'activities')).toBeUndefined();
  });
});
