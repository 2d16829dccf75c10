import ExcelJS from 'exceljs';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

let api: RunningSamla;
let staffN: string;

beforeAll(async () => {
  api = await startSamlaApi();
  staffN = await api.token('staff', 'N');
});

afterAll(async () => {
  await api?.stop();
});

async function templateFile(template: 'activities' | 'expenses'): Promise<ExcelJS.Workbook> {
  const response = await api.call('GET', `templates/${template}?board=N&year=2013`, { token: staffN });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function fillRow(workbook: ExcelJS.Workbook, sheet: string, row: number, values: unknown[]): void {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`no sheet ${sheet}`);
  worksheet.getRow(row).values = values as ExcelJS.CellValue[];
}

async function upload(workbook: ExcelJS.Workbook | Buffer, query = 'board=N&year=2013', headers: Record<string, string> = {}) {
  const body = Buffer.isBuffer(workbook) ? workbook : Buffer.from(await workbook.xlsx.writeBuffer());
  const response = await api.call('POST', `submissions/file?${query}`, {
    token: staffN,
    body: new Uint8Array(body),
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ...headers },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const activityRow = [
  'N-1',
  'Kompetensutveckling',
  'Utbildning',
  'Grundkurs JI',
  new Date(Date.UTC(2013, 3, 2)),
  new Date(Date.UTC(2013, 3, 3)),
  'Chefer',
  10,
  7,
  0,
  16,
  'SKL',
  'Nej',
  '',
  'Genomförd',
  'Alla chefer utbildade',
  '',
];

describe('uploading a filled template', () => {
  it('stores the downloaded template filled in as Excel would, as a new version', async () => {
    const workbook = await templateFile('activities');
    fillRow(workbook, 'Aktiviteter', 2, activityRow);
    const answer = await upload(workbook);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ template: 'activities', version: 1, rows: 1 });
  });

  it('answers 422 with the issues at the file’s own cells, and stores nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Mina kostnader');
    sheet.getRow(3).values = [
      undefined,
      'Kostnads-ID',
      'Belopp (kr exkl. moms)',
      'Bokföringsdatum',
      'Kostnadsslag',
      'Beskrivning',
      'Verifikationsnummer',
      'Finansiering',
      'Aktivitets-ID',
    ];
    sheet.getRow(4).values = [undefined, 'K-1', '1 200,50', new Date(Date.UTC(2013, 5, 1)), 'Resor', 'Tåg', 'V1', 'Anslag (3:1 ap. 12)', 'N-1'];
    sheet.getRow(5).values = [undefined, 'K-2', 0, new Date(Date.UTC(2012, 5, 1)), 'Resor', 'Tåg', 'V2', 'grant', 'N-9'];
    const answer = await upload(workbook);
    expect(answer.status).toBe(422);
    expect((answer.body.errors as { code: string; cell: string }[]).map((issue) => [issue.code, issue.cell])).toEqual([
      ['zero-amount', "'Mina kostnader'!C5"],
      ['date-outside-year', "'Mina kostnader'!D5"],
      ['unknown-activity', "'Mina kostnader'!I5"],
    ]);
    const history = await api.call('GET', 'submissions/N/2013/expenses', { token: staffN });
    expect(((await history.json()) as { versions: unknown[] }).versions).toEqual([]);
  });

  it('stores both sheets of one file, checking its expenses against its own activities', async () => {
    const workbook = await templateFile('activities');
    fillRow(workbook, 'Aktiviteter', 2, ['N-7', ...activityRow.slice(1)]);
    const expenses = workbook.addWorksheet('Kostnader');
    expenses.getRow(1).values = [
      'Kostnads-ID',
      'Bokföringsdatum',
      'Kostnadsslag',
      'Aktivitets-ID',
      'Beskrivning',
      'Belopp (kr exkl. moms)',
      'Verifikationsnummer',
      'Finansiering',
    ];
    expenses.getRow(2).values = ['K-1', new Date(Date.UTC(2013, 3, 2)), 'Lokaler och konferenser', 'N-7', 'Lokalhyra', 4500, 'V7', 'Egna medel'];
    const answer = await upload(workbook);
    expect(answer.status).toBe(201);
    expect((answer.body.submissions as { template: string; version: number }[]).map((receipt) => [receipt.template, receipt.version])).toEqual([
      ['activities', 2],
      ['expenses', 1],
    ]);
  });

  it('refuses what is not a workbook, and a file that is too large, with a clear 4xx', async () => {
    const notWorkbook = await upload(Buffer.from('Kostnads-ID;Belopp\nK-1;100\n'));
    expect(notWorkbook.status).toBe(415);
    expect(String(notWorkbook.body.detail)).toMatch(/xlsx/);
    const tooLarge = await upload(Buffer.alloc(11 * 1024 * 1024, 1));
    expect(tooLarge.status).toBe(413);
  });

  it('refuses uploads for another board or an unknown year', async () => {
    expect((await upload(Buffer.from('x'), 'board=M&year=2013')).status).toBe(403);
    expect((await upload(Buffer.from('x'), 'board=N&year=1999')).status).toBe(400);
  });

  it('replays an upload with the same Idempotency-Key without a second version', async () => {
    const workbook = await templateFile('activities');
    fillRow(workbook, 'Aktiviteter', 2, ['N-8', ...activityRow.slice(1)]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const first = await upload(bytes, undefined, { 'Idempotency-Key': 'file-1' });
    const replay = await upload(bytes, undefined, { 'Idempotency-Key': 'file-1' });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
  });
});
