import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import {
  BOARD_CODES,
  listKeys,
  ACTIVITY_STATUSES,
  EXPENSE_CATEGORIES,
  STRANDS,
  type ActivityRow,
  type BoardCode,
  type ExpenseRow,
  type TemplateKey,
} from '@samla/shared';
import { ROUTES } from '../functions/src/routes';
import { getServices, resetServices, type Services } from '../functions/src/services';
import { startAzurite } from '../tests/support/azurite';
import { BENCH_STORAGE_DEADLINE_MS, medianMs, seededRandom, type Benchmark } from './bench-harness';

const YEAR = 2013;
const RUNS = 5;
/** Rows per board and template: a small nation, and the read benchmark's (157 500 rows in all). */
const SIZES = [
  { activities: 100, expenses: 100 },
  { activities: 2_500, expenses: 5_000 },
] as const;

function rowsOf(board: BoardCode, size: (typeof SIZES)[number]): { activities: ActivityRow[]; expenses: ExpenseRow[] } {
  const random = seededRandom(board.charCodeAt(0) * 7 + size.expenses);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const activities: ActivityRow[] = Array.from({ length: size.activities }, (_, index) => ({
    activityId: `A-${index + 1}`,
    strand: pick(listKeys(STRANDS)),
    activityType: 'training',
    title: `Aktivitet ${index + 1} i ${board}`,
    startDate: '2013-03-01',
    endDate: '2013-03-02',
    targetGroup: 'case-officers',
    participantsWomen: Math.floor(random() * 30),
    participantsMen: Math.floor(random() * 30),
    participantsUnspecified: 0,
    hours: 8,
    learningExample: false,
    status: pick(listKeys(ACTIVITY_STATUSES)),
    result: 'Ökad kunskap',
  }));
  const expenses: ExpenseRow[] = Array.from({ length: size.expenses }, (_, index) => ({
    expenseId: `K-${index + 1}`,
    date: '2013-04-15',
    category: pick(listKeys(EXPENSE_CATEGORIES)),
    activityId: `A-${(index % size.activities) + 1}`,
    description: `Föreläsare ${index + 1}`,
    amount: Math.round(random() * 1_000_000) / 100,
    voucher: `V${index + 1}`,
    funding: 'grant',
  }));
  return { activities, expenses };
}

function routeNamed(name: string) {
  const route = ROUTES.find((candidate) => candidate.name === name);
  if (!route) throw new Error(`no ${name} route`);
  return route;
}

async function call(name: string, request: HttpRequest): Promise<{ status: number; body: unknown }> {
  const response = (await routeNamed(name).handler(request, new InvocationContext({ functionName: name, logHandler: () => undefined }))) as HttpResponseInit;
  return { status: response.status ?? 200, body: typeof response.body === 'string' ? (JSON.parse(response.body) as unknown) : undefined };
}

async function submit(token: string, board: BoardCode, template: TemplateKey, rows: unknown[]): Promise<void> {
  const request = new HttpRequest({
    method: 'POST',
    url: 'http://127.0.0.1/api/submissions',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: { string: JSON.stringify({ board, year: YEAR, template, rows }) },
  });
  const { status } = await call('submit', request);
  if (status !== 201) throw new Error(`submission of ${board} ${template} answered ${status}`);
}

/**
 * A nation submitted through the submit handler (so each version's summary is stored as staff store it), one board
 * after the other: the seeding is not measured, and on a busy machine 21 boards at once outwait storage's deadline.
 */
async function seed(services: Services, size: (typeof SIZES)[number]): Promise<void> {
  const issuer = services.authentication.devIssuer;
  if (!issuer) throw new Error('dev sign-in is not on');
  for (const board of BOARD_CODES) {
    const token = await issuer.mint({ role: 'staff', board });
    const { activities, expenses } = rowsOf(board, size);
    await submit(token, board, 'activities', activities);
    await submit(token, board, 'expenses', expenses);
  }
}

/**
 * `GET /api/rounds/{year}` as a coordinator sees it, all 21 boards × 2 templates submitted, through its handler: once
 * for a nation of 200 rows a board and once for the read benchmark's 7 500 rows a board, beside reading the same
 * nation's rows (`store.nation`, what an overview computed from rows would have to do). Issue 10's goal: the
 * round answers in under 0.5 s at any row count. Medians of five calls after one warm-up.
 */
export const roundBenchmark: Benchmark = {
  name: 'round',
  async run() {
    const azurite = await startAzurite();
    try {
      const figures: Record<string, number> = {};
      for (const [index, size] of SIZES.entries()) {
        Object.assign(process.env, {
          SAMLA_AUTH: 'dev',
          SAMLA_DEV_AUTH_DIR: '.samla/bench-dev-auth',
          SAMLA_STORAGE_CONNECTION_STRING: azurite.connectionString,
          SAMLA_TABLE_PREFIX: `Round${index}`,
          SAMLA_STORAGE_DEADLINE_MS: BENCH_STORAGE_DEADLINE_MS,
        });
        resetServices();
        const services = await getServices();
        await seed(services, size);
        const coordinator = (await services.authentication.devIssuer?.mint({ role: 'coordinator' })) ?? '';
        const rows = BOARD_CODES.length * (size.activities + size.expenses);
        const roundMs = await medianMs(RUNS, async () => {
          const request = new HttpRequest({
            method: 'GET',
            url: `http://127.0.0.1/api/rounds/${YEAR}`,
            headers: { authorization: `Bearer ${coordinator}` },
            params: { year: String(YEAR) },
          });
          const { status, body } = await call('round', request);
          const entries = (body as { entries?: { summary?: { rows: number } }[] }).entries ?? [];
          const summed = entries.reduce((sum, entry) => sum + (entry.summary?.rows ?? 0), 0);
          if (status !== 200 || entries.length !== BOARD_CODES.length * 2 || summed !== rows)
            throw new Error(`the round answered ${status} with ${entries.length} entries, ${summed} rows`);
        });
        const nationMs = await medianMs(index === 0 ? RUNS : 1, async () => {
          const nation = await services.store.nation(YEAR);
          const read = [...nation.activities, ...nation.expenses].reduce((sum, board) => sum + board.rows.length, 0);
          if (read !== rows) throw new Error(`read ${read} rows, expected ${rows}`);
        });
        figures[`rows${rows}RoundSeconds`] = Number((roundMs / 1000).toFixed(3));
        figures[`rows${rows}NationSeconds`] = Number((nationMs / 1000).toFixed(3));
      }
      return { bench: 'round', boards: BOARD_CODES.length, runs: RUNS, ...figures, goalSeconds: 0.5 };
    } finally {
      await azurite.stop();
    }
  },
};
