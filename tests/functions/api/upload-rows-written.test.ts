import { TableClient, TableServiceClient } from '@azure/data-tables';
import ExcelJS from 'exceljs';
import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, YES_NO, type AnyTemplate } from '@samla/shared';
import { buildTemplateWorkbook } from '../../../functions/src/workbooks/template-workbook';
import { startSamlaApi, uploadWorkbook, type RunningSamla } from '../../support/local-samla';

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

const label = (template: AnyTemplate, key: string): string => {
  const column = template.columns.find((candidate) => candidate.key === key);
  if (column?.type !== 'list') throw new Error(`${key} is no list column`);
  return (column.list.options[0] as { label: { sv: string } }).label.sv;
};

function activity(index: number, title = `Utbildning ${index}`): Record<string, ExcelJS.CellValue> {
  return {
    activityId: `O-A${index}`,
    strand: label(ACTIVITIES_TEMPLATE, 'strand'),
    activityType: label(ACTIVITIES_TEMPLATE, 'activityType'),
    title,
    startDate: new Date(Date.UTC(YEAR, 2, 1)),
    endDate: new Date(Date.UTC(YEAR, 2, 2)),
    targetGroup: label(ACTIVITIES_TEMPLATE, 'targetGroup'),
    participantsWomen: index % 30,
    participantsMen: 3,
    participantsUnspecified: 0,
    hours: 8,
    learningExample: YES_NO.no.sv,
    status: label(ACTIVITIES_TEMPLATE, 'status'),
    result: 'Ökad kunskap om jämställdhetsintegrering',
  };
}

function expense(index: number): Record<string, ExcelJS.CellValue> {
  return {
    expenseId: `O-K${index}`,
    date: new Date(Date.UTC(YEAR, 3, 15)),
    category: label(EXPENSES_TEMPLATE, 'category'),
    activityId: `O-A${index}`,
    description: `Föreläsare ${index}`,
    amount: 1_250.5,
    voucher: `V${index}`,
    funding: label(EXPENSES_TEMPLATE, 'funding'),
  };
}

/** The standard file for board O with `activities` (and `expenses`) rows, typed into the sheets' tables. */
async function file(activities: Record<string, ExcelJS.CellValue>[], expenses: Record<string, ExcelJS.CellValue>[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's declared Buffer predates Node's generic one.
  await workbook.xlsx.load(
    (await buildTemplateWorkbook({ template: expenses.length > 0 ? 'both' : 'activities', board: 'O', year: YEAR })) as unknown as ExcelJS.Buffer,
  );
  for (const [template, rows] of [
    [ACTIVITIES_TEMPLATE, activities],
    [EXPENSES_TEMPLATE, expenses],
  ] as const) {
    const sheet = workbook.getWorksheet(template.sheetName);
    if (!sheet) continue;
    rows.forEach((values, index) => (sheet.getRow(index + 2).values = template.columns.map((column) => values[column.key] ?? null)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows table's partitions of board O (each with its blocks' row count), read straight from Azurite. */
async function rowsPartitions(): Promise<Map<string, number>> {
  const service = TableServiceClient.fromConnectionString(api.azurite.connectionString, { allowInsecureConnection: true });
  const partitions = new Map<string, number>();
  for await (const table of service.listTables()) {
    if (!table.name?.endsWith('Rows')) continue;
    const client = TableClient.fromConnectionString(api.azurite.connectionString, table.name, { allowInsecureConnection: true });
    for await (const entity of client.listEntities<{ rowCount?: number }>()) {
      const partition = entity.partitionKey ?? '';
      if (partition.includes(`|${YEAR}|O|`)) partitions.set(partition, (partitions.get(partition) ?? 0) + (entity.rowCount ?? 0));
    }
  }
  return partitions;
}

const rows = (count: number) => Array.from({ length: count }, (_, index) => activity(index + 1));
const upload = (bytes: Buffer) => uploadWorkbook(api, staff, bytes, `board=O&year=${YEAR}`);

describe("an upload's rows written as the file is read", () => {
  it('leaves nothing behind when the file is refused at its last row, and the next file is version 1', async () => {
    const wrong = rows(ROWS);
    wrong[ROWS - 1] = { ...activity(ROWS), endDate: new Date(Date.UTC(YEAR, 1, 1)) };
    const refused = await upload(await file(wrong));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.errors)).toContain(`Aktiviteter!F${ROWS + 1}`);
    expect(await rowsPartitions()).toEqual(new Map());

    const stored = await upload(await file(rows(ROWS)));
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ template: 'activities', version: 1, rows: ROWS });
    const partitions = await rowsPartitions();
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
    expect([...(await rowsPartitions()).values()]).toEqual([ROWS]);

    const changed = rows(ROWS);
    changed[10] = activity(11, 'Utbildning 11, omgjord');
    const second = await upload(await file(changed));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, rows: ROWS });
    expect([...(await rowsPartitions()).values()]).toEqual([ROWS, ROWS]);
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
    const before = await rowsPartitions();
    const refused = await upload(await file(rows(ROWS), expenses));
    expect(refused.status).toBe(422);
    expect(await rowsPartitions()).toEqual(before);
  });
});
