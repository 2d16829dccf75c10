import type { ActivityRow } from '@samla/shared';
import {
  appendEntityRows,
  isPackedRows,
  packedEntities,
  rowEntities,
  RowPacker,
  rowsContentHash,
  rowsPartitionKey,
} from '../../../functions/src/storage/row-entities';
import { activity } from '../../shared/fixtures';

const rows = Array.from({ length: 2_500 }, (_, index) =>
  activity({ activityId: `A-${index + 1}`, title: `Utbildning ${index + 1} — ${'x'.repeat(index % 50)}`, participantsWomen: index % 31 }),
) as unknown as ActivityRow[];

describe('rows packed one at a time, as an uploaded sheet is streamed', () => {
  it('are the very entities and hash that packing all the rows at once gives, in many blocks', () => {
    const packer = new RowPacker('activities', 20_000);
    for (const row of rows) packer.add(row);
    const packed = packer.finish();
    expect(packed.rowCount).toBe(2_500);
    expect(packed.blocks.length).toBeGreaterThan(10);
    const whole = rowEntities({ board: 'I', year: 2013, template: 'activities', rows }, 7, 20_000);
    expect(packedEntities(rowsPartitionKey('activities', 2013, 'I', 7), packed)).toEqual(whole.entities);
    expect(packed.contentHash).toBe(whole.contentHash);
    expect(packed.contentHash).toBe(rowsContentHash('activities', rows));
    // Read back as the store reads a version: every row, in order, with its values.
    const readBack: ActivityRow[] = [];
    for (const entity of packedEntities('p', packed)) appendEntityRows('activities', entity, readBack);
    expect(readBack).toEqual(rows);
    // The store takes packed rows as they are.
    expect(isPackedRows(packed)).toBe(true);
    expect(rowEntities({ board: 'I', year: 2013, template: 'activities', rows: packed }, 7)).toEqual(whole);
  });

  it('hash alone without building a block, and refuse a value that is not text, a number or yes/no', () => {
    const hashOnly = new RowPacker('activities', 1_000, true);
    for (const row of rows) hashOnly.add(row);
    const packed = hashOnly.finish();
    expect(packed.blocks).toEqual([]);
    expect(packed.contentHash).toBe(rowsContentHash('activities', rows));
    expect(() => new RowPacker('activities').add({ ...rows[0], hours: Number.NaN })).toThrow(TypeError);
    expect(() => new RowPacker('activities').add({ ...rows[0], title: { text: 'x' } })).toThrow(TypeError);
  });

  it('give the empty version the hash of no rows', () => {
    expect(new RowPacker('expenses').finish()).toEqual({ blocks: [], rowCount: 0, contentHash: rowsContentHash('expenses', []) });
  });
});
