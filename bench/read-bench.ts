import { BOARD_CODES, listKeys, ACTIVITY_STATUSES, EXPENSE_CATEGORIES, STRANDS, type ActivityRow, type ExpenseRow } from '@samla/shared';
import { odata } from '@azure/data-tables';
import { openTables } from '../functions/src/storage/table-clients';
import { readStorageSettings } from '../functions/src/storage/storage-settings';
import { TableSubmissionStore } from '../functions/src/storage/table-submission-store';
import { startAzurite } from '../tests/support/azurite';
import { BENCH_STORAGE_DEADLINE_MS, median, seededRandom, type Benchmark } from './bench-harness';

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
 * parallel as the store reads them, counting entities and nothing more. Medians of three alternating rounds.
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
      for (const board of BOARD_CODES) {
        await store.submit({ board, year: YEAR, template: 'activities', rows: activities(board, random), submittedBy: 'Bench', warningCount: 0 });
        await store.submit({ board, year: YEAR, template: 'expenses', rows: expenses(random), submittedBy: 'Bench', warningCount: 0 });
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
      const readRaw = async (): Promise<number> => {
        const start = process.hrtime.bigint();
        const counts = await Promise.all(
          partitions.map(async (partition) => {
            let count = 0;
            for await (const page of tables.rows
              .listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partition}` } })
              .byPage({ maxPageSize: 1000 })) {
              count += page.length;
            }
            return count;
          }),
        );
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const read = counts.reduce((sum, count) => sum + count, 0);
        if (read !== rows) throw new Error(`listed ${read} entities, expected ${rows}`);
        return seconds;
      };

      const ours: number[] = [];
      const raw: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        if (round % 2 === 0) raw.push(await readRaw());
        ours.push(await readOurs());
        if (round % 2 === 1) raw.push(await readRaw());
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
      };
    } finally {
      await azurite.stop();
    }
  },
};
