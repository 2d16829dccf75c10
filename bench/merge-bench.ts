import { HttpRequest, InvocationContext } from '@azure/functions';
import { BOARD_CODES, type ActivityRow, type BoardCode, type ExpenseRow, type TemplateKey } from '@samla/shared';
import { ROUTES } from '../functions/src/routes';
import { getServices, resetServices } from '../functions/src/services';
import { rowBatches, rowEntities } from '../functions/src/storage/row-entities';
import { tableClients } from '../functions/src/storage/table-clients';
import { readStorageSettings } from '../functions/src/storage/storage-settings';
import { startAzurite } from '../tests/support/azurite';
import { BENCH_STORAGE_DEADLINE_MS, median, oneEntityPerRowBatches, seededRandom, type Benchmark } from './bench-harness';

const ROWS_PER_TEMPLATE = 1_000;
const YEAR = 2013;

function nationRows(board: BoardCode): { activities: ActivityRow[]; expenses: ExpenseRow[] } {
  const random = seededRandom(board.charCodeAt(0) * 31 + board.length);
  const activities: ActivityRow[] = Array.from({ length: ROWS_PER_TEMPLATE }, (_, index) => ({
    activityId: `${board}-A${index + 1}`,
    strand: 'competence',
    activityType: 'training',
    title: `Utbildning ${index + 1} i ${board}`,
    startDate: '2013-03-01',
    endDate: '2013-03-02',
    targetGroup: 'case-officers',
    participantsWomen: Math.floor(random() * 30),
    participantsMen: Math.floor(random() * 30),
    participantsUnspecified: 0,
    hours: 8,
    learningExample: false,
    status: 'completed',
    result: 'Genomförd enligt plan',
  }));
  const expenses: ExpenseRow[] = Array.from({ length: ROWS_PER_TEMPLATE }, (_, index) => ({
    expenseId: `${board}-K${index + 1}`,
    date: '2013-04-15',
    category: 'purchased-services',
    activityId: `${board}-A${(index % ROWS_PER_TEMPLATE) + 1}`,
    description: `Föreläsare ${index + 1}`,
    amount: Math.round(random() * 1_000_000) / 100,
    voucher: `V${index + 1}`,
    funding: 'grant',
  }));
  return { activities, expenses };
}

async function submitThroughHandler(token: string, board: BoardCode, template: TemplateKey, rows: unknown[], routeName = 'submit'): Promise<void> {
  const submit = ROUTES.find((route) => route.name === routeName);
  if (!submit) throw new Error(`no ${routeName} route`);
  const request = new HttpRequest({
    method: 'POST',
    url: `http://127.0.0.1/api/${routeName === 'submit' ? 'submissions' : routeName}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: { string: JSON.stringify({ board, year: YEAR, template, rows }) },
  });
  const response = await submit.handler(request, new InvocationContext({ functionName: 'submit', logHandler: () => undefined }));
  const expected = routeName === 'submit' ? 201 : 200;
  if ('status' in response && response.status !== expected) throw new Error(`${routeName} of ${board} ${template} answered ${response.status}`);
}

type Nation = { board: BoardCode; activities: ActivityRow[]; expenses: ExpenseRow[] }[];

/**
 * The reference: `submitTransaction` of the very entities the store writes, every board and template in parallel;
 * or, with `oneEntityPerRow`, of the same rows one entity per row (the layout before blocks), for the figure beside.
 */
async function writeRaw(connectionString: string, prefix: string, nation: Nation, oneEntityPerRow = false): Promise<number> {
  const rawTables = tableClients({
    ...readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: connectionString, SAMLA_STORAGE_DEADLINE_MS: BENCH_STORAGE_DEADLINE_MS }),
    tablePrefix: prefix,
  });
  await rawTables.rows.createTable();
  const start = process.hrtime.bigint();
  await Promise.all(
    nation.flatMap(({ board, activities, expenses }) =>
      [
        { template: 'activities' as const, rows: activities },
        { template: 'expenses' as const, rows: expenses },
      ].map(async ({ template, rows }) => {
        const batches = oneEntityPerRow
          ? oneEntityPerRowBatches(`${template}|${YEAR}|${board}|v000001`, rows)
          : rowBatches(rowEntities({ board, year: YEAR, template, rows }, 1).entities);
        for (const batch of batches) await rawTables.rows.submitTransaction(batch);
      }),
    ),
  );
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Samla's way: each board's staff submits activities, then expenses, through the submit handler, boards in parallel.
 * With `validateOnly`, the same requests go to POST /api/validate instead (parsed and judged, the stored activities
 * read for the expenses' links, nothing written): Samla's work before storing, for the figure beside.
 */
async function submitNation(connectionString: string, prefix: string, nation: Nation, rows: number, validateOnly = false): Promise<number> {
  Object.assign(process.env, {
    SAMLA_AUTH: 'dev',
    SAMLA_DEV_AUTH_DIR: '.samla/bench-dev-auth',
    SAMLA_STORAGE_CONNECTION_STRING: connectionString,
    SAMLA_TABLE_PREFIX: prefix,
    SAMLA_STORAGE_DEADLINE_MS: BENCH_STORAGE_DEADLINE_MS,
  });
  resetServices();
  const services = await getServices();
  const issuer = services.authentication.devIssuer;
  if (!issuer) throw new Error('dev sign-in is not on');
  const tokens = new Map<BoardCode, string>();
  for (const { board } of nation) tokens.set(board, await issuer.mint({ role: 'staff', board }));
  const start = process.hrtime.bigint();
  await Promise.all(
    nation.map(async ({ board, activities, expenses }) => {
      const token = tokens.get(board) ?? '';
      const route = validateOnly ? 'validate' : 'submit';
      await submitThroughHandler(token, board, 'activities', activities, route);
      await submitThroughHandler(token, board, 'expenses', expenses, route);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (validateOnly) return seconds;
  const current = await services.store.nation(YEAR);
  const stored = [...current.activities, ...current.expenses].reduce((sum, board) => sum + board.rows.length, 0);
  if (stored !== rows) throw new Error(`expected ${rows} current rows, found ${stored}`);
  return seconds;
}

const ROUNDS = 3;

/**
 * 21 boards × 2 templates × 1 000 rows submitted through the submit handler (JSON, validation against the
 * board's current activities, versioned storage, pointer moved) into fresh tables of one Azurite, beside the raw
 * rate of `submitTransaction` writing the very same entities into the same Azurite. Three rounds, the order of the
 * two alternating, each into tables of its own; the medians are reported.
 */
export const mergeBenchmark: Benchmark = {
  name: 'merge',
  async run() {
    const azurite = await startAzurite();
    try {
      const nation: Nation = BOARD_CODES.map((board) => ({ board, ...nationRows(board) }));
      const rows = nation.length * 2 * ROWS_PER_TEMPLATE;
      const ours: number[] = [];
      const raw: number[] = [];
      const rowEntityWrites: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        if (round % 2 === 0) raw.push(await writeRaw(azurite.connectionString, `Raw${round}`, nation));
        ours.push(await submitNation(azurite.connectionString, `Samla${round}`, nation, rows));
        if (round % 2 === 1) raw.push(await writeRaw(azurite.connectionString, `Raw${round}`, nation));
      }
      // The same requests judged without storing, against the nation the last round stored (for the expenses' links).
      const validated: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) validated.push(await submitNation(azurite.connectionString, `Samla${ROUNDS - 1}`, nation, rows, true));
      // Once is enough for the figure beside (it takes as long as all the rest).
      rowEntityWrites.push(await writeRaw(azurite.connectionString, 'RowEntities', nation, true));
      const seconds = median(ours);
      const rawSeconds = median(raw);
      const rowsPerSecond = Math.round(rows / seconds);
      const rawRowsPerSecond = Math.round(rows / rawSeconds);
      return {
        bench: 'merge',
        rows,
        rounds: ROUNDS,
        seconds: Number(seconds.toFixed(3)),
        rowsPerSecond,
        rawSeconds: Number(rawSeconds.toFixed(3)),
        rawRowsPerSecond,
        ratio: Number((rowsPerSecond / rawRowsPerSecond).toFixed(2)),
        goalRatio: 0.9,
        validateSeconds: Number(median(validated).toFixed(3)),
        ratioToValidatePlusRaw: Number(((median(validated) + rawSeconds) / seconds).toFixed(2)),
        oneEntityPerRowSeconds: Number(median(rowEntityWrites).toFixed(3)),
        ratioToOneEntityPerRow: Number((rows / seconds / (rows / median(rowEntityWrites))).toFixed(2)),
      };
    } finally {
      await azurite.stop();
    }
  },
};
