import { TableClient, TableServiceClient } from '@azure/data-tables';
import ExcelJS from 'exceljs';
import { getServices } from '../../../functions/src/services';
import type { CommittedSubmission, StagedSubmission } from '../../../functions/src/storage/table-submission-store';
import { startSamlaApi, uploadWorkbook, type RunningSamla } from '../../support/local-samla';
import { activityValues, expenseValues, filledFile, rowsPartitions as partitionsOf } from '../../support/upload-files';

/**
 * The life of an upload's own rows partition (`template|year|board|u<id>`) on every path that is not the plain one:
 * whatever the answer, no partition may be left behind that no version names, and none a version names may be gone.
 */

const ROWS = 3_000;
const YEAR = 2013;
let api: RunningSamla;
let coordinator: string;

beforeAll(async () => {
  api = await startSamlaApi({ SAMLA_STORAGE_DEADLINE_MS: '2000' });
  coordinator = await api.token('coordinator');
});

afterAll(async () => {
  await api?.stop();
});

const activity = activityValues;
const expense = expenseValues;
const file = filledFile;

/** Every partition of the rows table for `board`, with its entity count, read straight from Azurite. */
async function rowsPartitions(board: string): Promise<Map<string, number>> {
  return new Map([...(await partitionsOf(api.azurite.connectionString, board))].map(([partition, { entities }]) => [partition, entities]));
}

/** The partitions the board's versions name (rows and kept warnings), from every audit entry. */
async function namedPartitions(board: string): Promise<Set<string>> {
  const named = new Set<string>();
  const service = TableServiceClient.fromConnectionString(api.azurite.connectionString, { allowInsecureConnection: true });
  for await (const table of service.listTables()) {
    if (!table.name?.endsWith('Submissions')) continue;
    const client = TableClient.fromConnectionString(api.azurite.connectionString, table.name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities<{ rowsPartition?: string; template?: string; version?: number }>()) {
      if (!(entity.partitionKey ?? '').endsWith(`|${board}`) || !/^v\d+$/.test(entity.rowKey ?? '')) continue;
      const partition = entity.rowsPartition ?? `${entity.template}|${YEAR}|${board}|${entity.rowKey}`;
      named.add(partition);
      named.add(`${partition}|warnings`);
    }
  }
  return named;
}

/**
 * Runs `check` until it passes (the deletes after a refused or lost upload run behind its answer), every 100 ms for
 * at most 10 s; then throws what it last threw.
 */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Every partition left is a version's, and every version's rows are there (read back whole through the API). */
async function expectOnlyVersionsPartitions(board: string, staff: string): Promise<void> {
  const partitions = await rowsPartitions(board);
  const named = await namedPartitions(board);
  expect([...partitions.keys()].filter((partition) => !named.has(partition))).toEqual([]);
  for (const template of ['activities', 'expenses']) {
    const history = await api.call('GET', `submissions/${board}/${YEAR}/${template}`, { token: staff });
    if (history.status === 404) continue;
    const versions = ((await history.json()) as { versions?: { version: number; rows: number }[] }).versions ?? [];
    for (const { version } of versions) {
      const answer = await api.call('GET', `submissions/${board}/${YEAR}/${template}/${version}`, { token: staff });
      expect([template, version, answer.status]).toEqual([template, version, 200]);
    }
  }
}

const rows = (board: string, count: number) => Array.from({ length: count }, (_, index) => activity(board, index + 1));

/** The store as the API's process has it: a method can be replaced for one test (the Proxy passes the set on to the store). */
async function storeTarget(): Promise<Record<string, unknown>> {
  return (await getServices()).store as unknown as Record<string, unknown>;
}

describe("an upload's own rows partition on the paths that are not the plain one", () => {
  it('keeps only the second pass when a friendly hyperlink makes the reader give the rows again', async () => {
    const staff = await api.token('staff', 'C');
    const linked = rows('C', ROWS);
    linked[ROWS - 10] = activity('C', ROWS - 9, { publishedUrl: { text: 'Jämställ.nu', hyperlink: 'https://www.jamstall.nu/exempel' } });
    const answer = await uploadWorkbook(api, staff, await file('C', linked), `board=C&year=${YEAR}`);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ version: 1, rows: ROWS });
    expect([...(await rowsPartitions('C')).keys()]).toHaveLength(1);
    await expectOnlyVersionsPartitions('C', staff);
    const version = await api.call('GET', `submissions/C/${YEAR}/activities/1`, { token: staff });
    const body = (await version.json()) as { rows: { publishedUrl?: string }[] };
    expect(body.rows[ROWS - 10]?.publishedUrl).toBe('https://www.jamstall.nu/exempel');
  });

  it('stores the filled sheet beside an empty one, and leaves nothing of the empty one', async () => {
    const staff = await api.token('staff', 'D');
    const answer = await uploadWorkbook(api, staff, await file('D', rows('D', ROWS), []), `board=D&year=${YEAR}`);
    expect(answer.status).toBe(201);
    await expectOnlyVersionsPartitions('D', staff);
    const nothing = await uploadWorkbook(api, await api.token('staff', 'E'), await file('E', [], []), `board=E&year=${YEAR}&nothingToReport=true`);
    expect(nothing.status).toBe(201);
    await expectOnlyVersionsPartitions('E', staff);
  });

  it('keeps the warnings with the version, and leaves none of an unchanged file', async () => {
    const staff = await api.token('staff', 'F');
    const warned = rows('F', ROWS);
    warned[5] = activity('F', 6, { participantsUnspecified: 100 });
    const first = await uploadWorkbook(api, staff, await file('F', warned), `board=F&year=${YEAR}`);
    expect(first.status).toBe(201);
    const again = await uploadWorkbook(api, staff, await file('F', warned), `board=F&year=${YEAR}`);
    expect(again.status).toBe(200);
    await expectOnlyVersionsPartitions('F', staff);
    const version = await api.call('GET', `submissions/F/${YEAR}/activities/1`, { token: staff });
    expect(JSON.stringify(await version.json())).toContain('unspecified-majority');
  });

  it('deletes rows and warnings of an upload that loses to another submission between stage and commit (409)', async () => {
    const staff = await api.token('staff', 'G');
    const target = await storeTarget();
    const warned = rows('G', ROWS);
    warned[5] = activity('G', 6, { participantsUnspecified: 100 });
    const realCommit = target.commit as (staged: StagedSubmission) => Promise<CommittedSubmission>;
    target.commit = async (staged: StagedSubmission) => {
      delete target.commit;
      // Another upload of the board lands first.
      const other = await uploadWorkbook(api, staff, await file('G', rows('G', 10)), `board=G&year=${YEAR}`);
      expect(other.status).toBe(201);
      return realCommit(staged);
    };
    try {
      const answer = await uploadWorkbook(api, staff, await file('G', warned), `board=G&year=${YEAR}`);
      expect(answer.status).toBe(409);
    } finally {
      delete target.commit;
    }
    await eventually(() => expectOnlyVersionsPartitions('G', staff));
  });

  it('keeps the rows of a version whose pointer moved though its answer was lost (503), and reads it whole', async () => {
    const staff = await api.token('staff', 'H');
    const target = await storeTarget();
    const realCommit = target.commit as (staged: StagedSubmission) => Promise<CommittedSubmission>;
    target.commit = async (staged: StagedSubmission) => {
      delete target.commit;
      await realCommit(staged);
      // The transaction landed; its answer did not come within the deadline.
      throw Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    };
    try {
      const answer = await uploadWorkbook(api, staff, await file('H', rows('H', ROWS)), `board=H&year=${YEAR}`);
      expect(answer.status).toBe(503);
    } finally {
      delete target.commit;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const current = await api.call('GET', `submissions/H/${YEAR}/activities`, { token: staff });
    expect(current.status).toBe(200);
    const version = await api.call('GET', `submissions/H/${YEAR}/activities/1`, { token: staff });
    expect(version.status).toBe(200);
    expect(((await version.json()) as { rows: unknown[] }).rows).toHaveLength(ROWS);
  });

  it('refuses with 409 and leaves nothing when the year is locked while the file is read', async () => {
    const staff = await api.token('staff', 'K');
    const target = await storeTarget();
    const realOpen = target.openRows as (...args: unknown[]) => Promise<unknown>;
    let locked = false;
    target.openRows = async (...args: unknown[]) => {
      if (!locked) {
        locked = true;
        expect((await api.call('PUT', `locks/${YEAR}`, { token: coordinator })).status).toBe(200);
      }
      return realOpen(...args);
    };
    try {
      const answer = await uploadWorkbook(api, staff, await file('K', rows('K', ROWS)), `board=K&year=${YEAR}`);
      expect(answer.status).toBe(409);
    } finally {
      delete target.openRows;
      expect((await api.call('DELETE', `locks/${YEAR}`, { token: coordinator })).status).toBe(200);
    }
    await eventually(async () => expect(await rowsPartitions('K')).toEqual(new Map()));
    const next = await uploadWorkbook(api, staff, await file('K', rows('K', 20)), `board=K&year=${YEAR}`);
    expect(next.body).toMatchObject({ version: 1 });
  });

  it('refuses with 409 and leaves neither rows nor warnings when a coordinator returns the version between stage and commit', async () => {
    const staff = await api.token('staff', 'M');
    const first = await uploadWorkbook(api, staff, await file('M', rows('M', 20)), `board=M&year=${YEAR}`);
    expect(first.status).toBe(201);
    const target = await storeTarget();
    const realCommit = target.commit as (staged: StagedSubmission) => Promise<CommittedSubmission>;
    target.commit = async (staged: StagedSubmission) => {
      delete target.commit;
      const answer = await api.call('POST', `rounds/${YEAR}/M/activities/return`, { token: coordinator, json: { version: 1, comment: 'Rätta' } });
      expect(answer.status).toBe(200);
      return realCommit(staged);
    };
    const warned = rows('M', ROWS);
    warned[5] = activity('M', 6, { participantsUnspecified: 100 });
    try {
      const answer = await uploadWorkbook(api, staff, await file('M', warned), `board=M&year=${YEAR}`);
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ type: expect.stringContaining('round-changed') });
    } finally {
      delete target.commit;
    }
    await eventually(() => expectOnlyVersionsPartitions('M', staff));
  });

  it('two uploads of one board at once: each version whole, nothing else left', async () => {
    const staff = await api.token('staff', 'N');
    const a = rows('N', ROWS);
    const b = rows('N', ROWS);
    b[3] = activity('N', 4, { title: 'Annan' });
    const answers = await Promise.all([
      uploadWorkbook(api, staff, await file('N', a), `board=N&year=${YEAR}`),
      uploadWorkbook(api, staff, await file('N', b), `board=N&year=${YEAR}`),
    ]);
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    await eventually(() => expectOnlyVersionsPartitions('N', staff));
  });

  it('replays an Idempotency-Key without writing again', async () => {
    const staff = await api.token('staff', 'S');
    const bytes = await file('S', rows('S', ROWS));
    const headers = { 'Idempotency-Key': 'upload-s-1' };
    const [first, second] = await Promise.all([
      uploadWorkbook(api, staff, bytes, `board=S&year=${YEAR}`, headers),
      uploadWorkbook(api, staff, bytes, `board=S&year=${YEAR}`, headers),
    ]);
    const third = await uploadWorkbook(api, staff, bytes, `board=S&year=${YEAR}`, headers);
    // One ran; the other, at the same time, was told the key is in use (409) or given the same answer.
    expect([first.status, second.status].sort()).toEqual(first.status === second.status ? [201, 201] : [201, 409]);
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ version: 1 });
    await eventually(async () => expect([...(await rowsPartitions('S')).keys()]).toHaveLength(1));
    await expectOnlyVersionsPartitions('S', staff);
  });

  it("undoes the activities and deletes both sheets' rows when the expenses lose at commit (409)", async () => {
    const staff = await api.token('staff', 'U');
    const target = await storeTarget();
    const realCommit = target.commit as (staged: StagedSubmission) => Promise<CommittedSubmission>;
    let commits = 0;
    target.commit = async (staged: StagedSubmission) => {
      commits += 1;
      if (commits === 2) {
        delete target.commit;
        // Another file with expenses only lands between the two moves.
        const other = await uploadWorkbook(api, staff, await file('U', [], [expense('U', 1)]), `board=U&year=${YEAR}`);
        expect(other.status).toBe(422);
        const json = await api.call('POST', 'submissions', {
          token: staff,
          json: { board: 'U', year: YEAR, template: 'expenses', nothingToReport: true, rows: [] },
        });
        expect(json.status).toBe(201);
      }
      return realCommit(staged);
    };
    try {
      const answer = await uploadWorkbook(
        api,
        staff,
        await file(
          'U',
          rows('U', ROWS),
          Array.from({ length: ROWS }, (_, index) => expense('U', index + 1)),
        ),
        `board=U&year=${YEAR}`,
      );
      expect(answer.status).toBe(409);
    } finally {
      delete target.commit;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const activities = await api.call('GET', `submissions/U/${YEAR}/activities`, { token: staff });
    // The activities' move was undone: no version of them is in the history.
    expect(await activities.json()).toMatchObject({ versions: [] });
    await expectOnlyVersionsPartitions('U', staff);
  });

  it('reads uploaded versions in the round and in every report', async () => {
    const round = await api.call('GET', `rounds/${YEAR}`, { token: coordinator });
    expect(round.status).toBe(200);
    expect(JSON.stringify(await round.json())).toContain('"C"');
    for (const kind of ['status', 'final', 'financial']) {
      const report = await api.call('GET', `reports/${kind}?year=${YEAR}`, { token: coordinator });
      expect([kind, report.status]).toEqual([kind, 200]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await report.arrayBuffer()) as ExcelJS.Buffer);
      let cells = 0;
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell(() => (cells += 1))));
      expect(cells).toBeGreaterThan(0);
    }
    const final = await api.call('GET', `reports/final?year=${YEAR}`, { token: coordinator });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await final.arrayBuffer()) as ExcelJS.Buffer);
    const texts: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value)))));
    // Board C's uploaded activities (3 000 rows, in its upload's own partition) are in the national merge.
    expect(texts.some((text) => text.includes(`C-A${ROWS}`))).toBe(true);
  });

  it('refuses with 409 and leaves nothing when the round is accepted while the file is read', async () => {
    const staff = await api.token('staff', 'W');
    expect((await uploadWorkbook(api, staff, await file('W', rows('W', 20)), `board=W&year=${YEAR}`)).status).toBe(201);
    const target = await storeTarget();
    const realOpen = target.openRows as (...args: unknown[]) => Promise<unknown>;
    target.openRows = async (...args: unknown[]) => {
      delete target.openRows;
      const answer = await api.call('POST', `rounds/${YEAR}/W/activities/accept`, { token: coordinator, json: { version: 1 } });
      expect(answer.status).toBe(200);
      return realOpen(...args);
    };
    try {
      const answer = await uploadWorkbook(api, staff, await file('W', rows('W', ROWS)), `board=W&year=${YEAR}`);
      expect(answer.status).toBe(409);
    } finally {
      delete target.openRows;
    }
    await eventually(() => expectOnlyVersionsPartitions('W', staff));
  });

  it('answers 503 soon when storage stops while the file is read, and works again after', async () => {
    const staff = await api.token('staff', 'T');
    const bytes = await file('T', rows('T', 8_000));
    const started = Date.now();
    const answering = uploadWorkbook(api, staff, bytes, `board=T&year=${YEAR}`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await api.azurite.stop();
    let answer: Awaited<typeof answering>;
    try {
      answer = await answering;
    } finally {
      await api.azurite.restart();
    }
    expect([503, 201]).toContain(answer.status);
    expect(Date.now() - started).toBeLessThan(12_000);
    const again = await uploadWorkbook(api, staff, bytes, `board=T&year=${YEAR}`);
    expect([200, 201]).toContain(again.status);
  });
});
