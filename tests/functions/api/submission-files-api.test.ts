import ExcelJS from 'exceljs';
import { startSamlaApi, uploadWorkbook, type RunningSamla } from '../../support/local-samla';

let api: RunningSamla;
let staffN: string;

beforeAll(async () => {
  api = await startSamlaApi();
  staffN = await api.token('staff', 'N');
});

afterAll(async () => {
  await api?.stop();
});

async function templateFile(template: 'activities' | 'expenses', query = 'board=N&year=2013', token = staffN): Promise<ExcelJS.Workbook> {
  const response = await api.call('GET', `templates/${template}?${query}`, { token });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function fillRow(workbook: ExcelJS.Workbook, sheet: string, row: number, values: unknown[]): void {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`no sheet ${sheet}`);
  worksheet.getRow(row).values = values as ExcelJS.CellValue[];
}

const upload = (workbook: ExcelJS.Workbook | Buffer, query = 'board=N&year=2013', headers: Record<string, string> = {}) =>
  uploadWorkbook(api, staffN, workbook, query, headers);

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

describe('a template downloaded for another board or year', () => {
  const history = async (year: number) => (await api.call('GET', `submissions/N/${year}/activities`, { token: staffN })).json() as Promise<unknown>;

  it('is refused in words naming both boards and years, and nothing is stored', async () => {
    const before = await history(2014);
    // Downloaded by Uppsala's staff, and sent on to a colleague at another board.
    const uppsala = await templateFile('activities', 'board=C&year=2013', await api.token('staff', 'C'));
    fillRow(uppsala, 'Aktiviteter', 2, ['C-1', ...activityRow.slice(1)]);
    const refused = await upload(uppsala, 'board=N&year=2014');
    expect([refused.status, refused.body.title, refused.body.reason]).toEqual([422, 'Filen är mallen för ett annat län eller år', 'other-board-or-year']);
    expect(refused.body).toMatchObject({ file: { board: 'C', year: 2013 }, request: { board: 'N', year: 2014 } });
    expect(refused.body.detail).toMatch(
      /^Filen hämtades som mall för Länsstyrelsen i Uppsala län \(C\) 2013 enligt bladet Information \(Information!B5, Information!B6\), men lämnades in för Länsstyrelsen i Hallands län \(N\) 2014\. Inget sparades/,
    );
    const english = await upload(uppsala, 'board=N&year=2014&lang=en');
    expect([english.status, english.body.title]).toEqual([422, 'The file is the template of another county or year']);
    expect(english.body.detail).toMatch(
      /If they are for Länsstyrelsen i Hallands län \(N\) 2014, write N in Information!B5 \(Länsbokstav\), 2014 in Information!B6 \(År\)/,
    );
    expect(await history(2014)).toEqual(before);
  });

  it('names the year alone when only the year differs, and is stored once the Information sheet says the year it is for', async () => {
    const nextYear = await templateFile('activities', 'board=N&year=2014');
    fillRow(nextYear, 'Aktiviteter', 2, ['N-20', ...activityRow.slice(1)]);
    const refused = await upload(nextYear, 'board=N&year=2013');
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/Gäller de Länsstyrelsen i Hallands län \(N\) 2013, skriv 2013 i Information!B6 \(År\) och lämna in filen igen\.$/);
    const information = nextYear.getWorksheet('Information');
    if (information) information.getCell('B6').value = 2013;
    expect((await upload(nextYear, 'board=N&year=2013')).status).toBe(201);
  });
});
