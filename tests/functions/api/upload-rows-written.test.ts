import type ExcelJS from 'exceljs';
import { startSamlaApi, uploadWorkbook, type RunningSamla } from '../../support/local-samla';
import { activityValues, expenseValues, filledFile, rowsPartitions } from '../../support/upload-files';

/**
 * An uploaded file's rows are written to storage as they are read (a partition of the upload's own), before the
 * file is judged whole: what a refused, unchanged or failed upload wrote must be gone, and the versions staff see
 * must have no gaps. Files of 6 000 rows, so that several blocks are written while the file is still being read.
 */

const ROWS = 6_000;
const YEAR = 2013;
let api: RunningSamla;
let staff: string;

beforeAll(async () => {
  api = await startSamlaApi();
  staff = await api.token('staff', 'O');
});

afterAll(async () => {
  await api?.stop();
});

/** The rows of board O's partitions (each partition's blocks' row count). */
async function partitionRows(): Promise<Map<string, number>> {
  return new Map([...(await rowsPartitions(api.azurite.connectionString, 'O'))].map(([partition, { rows }]) => [partition, rows]));
}

const activity = (index: number, title = `Utbildning ${index}`) => activityValues('O', index, { title });
const expense = (index: number) => expenseValues('O', index);
const file = (activities: Record<string, ExcelJS.CellValue>[], expenses?: Record<string, ExcelJS.CellValue>[]) => filledFile('O', activities, expenses);
const rows = (count: number) => Array.from({ length: count }, (_, index) => activity(index + 1));
const upload = (bytes: Buffer) => uploadWorkbook(api, staff, bytes, `board=O&year=${YEAR}`);

describe("an upload's rows written as the file is read", () => {
  it('leaves nothing behind when the file is refused at its last row, and the next file is version 1', async () => {
    const wrong = rows(ROWS);
    wrong[ROWS - 1] = { ...activity(ROWS), endDate: new Date(Date.UTC(YEAR, 1, 1)) };
    const refused = await upload(await file(wrong));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.errors)).toContain(`Aktiviteter!F${ROWS + 1}`);
    expect(await partitionRows()).toEqual(new Map());

    const stored = await upload(await file(rows(ROWS)));
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ template: 'activities', version: 1, rows: ROWS });
    const partitions = await partitionRows();
    expect([...partitions.values()]).toEqual([ROWS]);
    // The version's rows are where the upload wrote them: its own partition, named by the pointer and the audit entry.
    expect([...partitions.keys()][0]).toMatch(/^activities\|2013\|O\|u[0-9a-f]{32}$/);
    const version = await api.call('GET', `submissions/O/${YEAR}/activities/1`, { token: staff });
    expect(version.status).toBe(200);
    const body = (await version.json()) as { rows: { activityId: string; title: string }[]; summary: { rows: number } };
    expect(body.summary.rows).toBe(ROWS);
    expect(body.rows).toHaveLength(ROWS);
    expect(body.rows[ROWS - 1]).toMatchObject({ activityId: `O-A${ROWS}`, title: `Utbildning ${ROWS}` });
  });

  it('deletes what an unchanged file wrote, and keeps every version a changed one makes, without gaps', async () => {
    const again = await upload(await file(rows(ROWS)));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, version: 1 });
    expect([...(await partitionRows()).values()]).toEqual([ROWS]);

    const changed = rows(ROWS);
    changed[10] = activity(11, 'Utbildning 11, omgjord');
    const second = await upload(await file(changed));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, rows: ROWS });
    expect([...(await partitionRows()).values()]).toEqual([ROWS, ROWS]);
    const history = await api.call('GET', `submissions/O/${YEAR}/activities`, { token: staff });
    const versions = ((await history.json()) as { versions: { version: number }[] }).versions.map((entry) => entry.version);
    expect(versions).toEqual([2, 1]);
    const current = await api.call('GET', `submissions/O/${YEAR}/activities/2`, { token: staff });
    expect(((await current.json()) as { rows: { title: string }[] }).rows[10]?.title).toBe('Utbildning 11, omgjord');
  });

  it("deletes both sheets' rows when the second sheet of the file is refused", async () => {
    const expenses = Array.from({ length: ROWS }, (_, index) => expense(index + 1));
    // The last expense names an activity the file does not hold.
    expenses[ROWS - 1] = { ...expense(ROWS), activityId: 'O-A999999' };
    const before = await partitionRows();
    const refused = await upload(await file(rows(ROWS), expenses));
    expect(refused.status).toBe(422);
    expect(await partitionRows()).toEqual(before);
  });
});
