import { BOARD_CODES, listKeys, ACTIVITY_STATUSES, EXPENSE_CATEGORIES, STRANDS, type ActivityRow, type ExpenseRow } from '@samla/shared';
import { odata } from '@azure/data-tables';
import { openTables } from '../functions/src/storage/table-clients';
import { readStorageSettings } from '../functions/src/storage/storage-settings';
import { TableSubmissionStore } from '../functions/src/storage/table-submission-store';
import { startAzurite } from '../tests/support/azurite';
import { gunzipSync } from 'node:zlib';
import { readChunks } from '../functions/src/storage/binary-chunks';
import { BENCH_STORAGE_DEADLINE_MS, inFlight, median, oneEntityPerRowBatches, seededRandom, type Benchmark } from './bench-harness';

const YEAR = 2013;
const ROUNDS = 3;
const ACTIVITIES_PER_BOARD = 2_500;
const EXPENSES_PER_BOARD = 5_000;

function activities(board: string, random: () => number): ActivityRow[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: ACTIVITIES_PER_BOARD }, (_, index) => ({
    activityId: `A-${index}`,
    strand: pick(listKeys(STRANDS)),
    activityType: 'training',
    title: `Aktivitet ${index} i ${board}`,
    startDate: '2013-03-01',
    endDate: '2013-03-02',
    targetGroup: 'case-officers',
    participantsWomen: Math.floor(random() * 30),
    participantsMen: Math.floor(random() * 30),
    participantsUnspecified: 0,
    hours: 8,
    learningExample: false,
    status: pick(listKeys(ACTIVITY_STATUSES)),
    result: 'Ökad kunskap om jämställdhetsintegrering',
  }));
}

function expenses(random: () => number): ExpenseRow[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: EXPENSES_PER_BOARD }, (_, index) => ({
    expenseId: `K-${index}`,
    date: '2013-04-15',
    category: pick(listKeys(EXPENSE_CATEGORIES)),
    activityId: `A-${index % ACTIVITIES_PER_BOARD}`,
    description: `Föreläsare ${index}`,
    amount: Math.round(random() * 1_000_000) / 100,
    voucher: `V${index}`,
    funding: 'grant',
  }));
}

/**
 * Reading the current nation of a year (21 boards × 2 templates, 157 500 rows) into report rows through the
 * submission store, beside the reference: a plain `listEntities` of the very same row partitions, all of them in
 * parallel as the store reads them, each block's gzipped JSON parsed and its rows counted, nothing more (`ratio`).
 * Beside that, a plain listing of the same rows stored one entity per row, the layout before blocks
 * (`oneEntityPerRowSeconds`; `ratioToOneEntityPerRow` is how many times faster Samla reads the nation than that
 * listing). Medians of three alternating rounds.
 */
export const readBenchmark: Benchmark = {
  name: 'read',
  async run() {
    const azurite = await startAzurite();
    try {
      const tables = await openTables(
        readStorageSettings({
          SAMLA_STORAGE_CONNECTION_STRING: azurite.connectionString,
          SAMLA_TABLE_PREFIX: 'Read',
          SAMLA_STORAGE_DEADLINE_MS: BENCH_STORAGE_DEADLINE_MS,
        }),
      );
      const store = new TableSubmissionStore(tables);
      const random = seededRandom(2014);
      const rowPartitions: string[] = [];
      for (const board of BOARD_CODES) {
        const nationRows = { activities: activities(board, random), expenses: expenses(random) };
        await store.submit({ board, year: YEAR, template: 'activities', rows: nationRows.activities, submittedBy: 'Bench', warningCount: 0 });
        await store.submit({ board, year: YEAR, template: 'expenses', rows: nationRows.expenses, submittedBy: 'Bench', warningCount: 0 });
        // The same rows in the layout before blocks, one entity per row, in partitions of their own.
        for (const [template, rows] of Object.entries(nationRows)) {
          const partition = `one-per-row|${template}|${board}`;
          rowPartitions.push(partition);
          await inFlight(oneEntityPerRowBatches(partition, rows), 8, (batch) => tables.rows.submitTransaction(batch));
        }
      }
      const rows = BOARD_CODES.length * (ACTIVITIES_PER_BOARD + EXPENSES_PER_BOARD);
      const partitions: string[] = [];
      for await (const pointer of tables.submissions.listEntities<{ rowsPartition: string }>({
        queryOptions: { filter: odata`PartitionKey ge ${`${YEAR}|`} and PartitionKey lt ${`${YEAR}}`} and RowKey eq 'current'` },
      })) {
        partitions.push(pointer.rowsPartition);
      }

      const readOurs = async (): Promise<number> => {
        const start = process.hrtime.bigint();
        const nation = await store.nation(YEAR);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const read = [...nation.activities, ...nation.expenses].reduce((sum, board) => sum + board.rows.length, 0);
        if (read !== rows) throw new Error(`read ${read} rows, expected ${rows}`);
        return seconds;
      };
      /** Lists the partitions, all in parallel, and counts what `rowsOf` finds in each entity. */
      const list = async (of: readonly string[], rowsOf: (entity: Record<string, unknown>) => number, what: string): Promise<number> => {
        const start = process.hrtime.bigint();
        const counts = await Promise.all(
          of.map(async (partition) => {
            let count = 0;
            for await (const page of tables.rows
              .listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${partition}` } })
              .byPage({ maxPageSize: 1000 })) {
              for (const entity of page) count += rowsOf(entity);
            }
            return count;
          }),
        );
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const read = counts.reduce((sum, count) => sum + count, 0);
        if (read !== rows) throw new Error(`${what}: ${read} rows, expected ${rows}`);
        return seconds;
      };
      // The reference: what any reader of the blocks must do, list them and parse each one's gzipped JSON.
      const readRaw = (): Promise<number> =>
        list(
          partitions,
          (entity) =>
            (JSON.parse(gunzipSync(Buffer.concat(readChunks(entity, 'rowsZ', Number(entity.rowsChunks), 'block'))).toString('utf8')) as unknown[]).length,
          'blocks listed and parsed',
        );
      // Beside it: a plain listing of the same rows stored one entity per row (the layout before blocks).
      const readRowEntities = (): Promise<number> => list(rowPartitions, () => 1, 'row entities listed');

      const ours: number[] = [];
      const raw: number[] = [];
      const rowEntities: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        if (round % 2 === 0) raw.push(await readRaw());
        ours.push(await readOurs());
        if (round % 2 === 1) raw.push(await readRaw());
        rowEntities.push(await readRowEntities());
      }
      const seconds = median(ours);
      const rawSeconds = median(raw);
      const rowsPerSecond = Math.round(rows / seconds);
      const rawRowsPerSecond = Math.round(rows / rawSeconds);
      return {
        bench: 'read',
        rows,
        partitions: partitions.length,
        rounds: ROUNDS,
        seconds: Number(seconds.toFixed(3)),
        rowsPerSecond,
        rawSeconds: Number(rawSeconds.toFixed(3)),
        rawRowsPerSecond,
        ratio: Number((rowsPerSecond / rawRowsPerSecond).toFixed(2)),
        goalRatio: 0.8,
        oneEntityPerRowSeconds: Number(median(rowEntities).toFixed(3)),
        ratioToOneEntityPerRow: Number((median(rowEntities) / seconds).toFixed(2)),
      };
    } finally {
      await azurite.stop();
    }
  },
};
