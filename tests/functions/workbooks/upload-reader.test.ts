import ExcelJS from 'exceljs';
import { CellProblem, LUJ_INITIATIVE, validateSheet, type TemplateKey, type ValidationContext } from '@samla/shared';
import { buildTemplateWorkbook } from '../../../functions/src/workbooks/template-workbook';
import { readUploadedWorkbook, type UploadedSheet, type UploadReading } from '../../../functions/src/workbooks/upload-reader';
import { day, loadWorkbook, sheetOf, workbookBuffer } from './workbook-fixtures';

const context2013: ValidationContext = { year: 2013, settings: LUJ_INITIATIVE };

function sheetsOf(reading: UploadReading): readonly UploadedSheet[] {
  if (!reading.ok) throw new Error(`refused: ${reading.refusal.kind}`);
  return reading.sheets;
}

function sheetFor(reading: UploadReading, template: TemplateKey): UploadedSheet {
  const found = sheetsOf(reading).find((sheet) => sheet.template === template);
  if (!found) throw new Error(`no ${template} sheet`);
  return found;
}

function validate(found: UploadedSheet, activityIds?: string[]) {
  return validateSheet(found.template, found.values, { ...context2013, sheet: found.sheet, origin: found.origin, ...(activityIds ? { activityIds } : {}) });
}

const FORMULA_LOOKALIKE = '=HYPERLINK("http://example.com","klicka")';

/** Fills rows from row 2 as a user does: Swedish labels from the dropdowns, real dates, amounts. */
function fill(sheet: ExcelJS.Worksheet, rows: readonly (readonly unknown[])[]): void {
  rows.forEach((cells, index) => {
    cells.forEach((value, column) => {
      if (value !== undefined) sheet.getCell(index + 2, column + 1).value = value as ExcelJS.CellValue;
    });
  });
}

async function filledTemplate(): Promise<Buffer> {
  const workbook = await loadWorkbook(await buildTemplateWorkbook({ template: 'both', board: 'I', year: 2013, language: 'sv' }));
  fill(sheetOf(workbook, 'Aktiviteter'), [
    [
      'A-1',
      'Kompetensutveckling',
      'Utbildning',
      'Grundutbildning i JI',
      day('2013-03-01'),
      day('2013-03-02'),
      'Chefer',
      12,
      8,
      0,
      16,
      'Kommun A; Region B',
      'Nej',
      undefined,
      'Genomförd',
      'Alla chefer utbildade',
    ],
    [
      'A-2',
      'Spridning',
      'Dokumentation av lärande exempel',
      '+46 ett exempel',
      day('2013-05-10'),
      day('2013-04-01'),
      'Externa aktörer (kommuner, regioner, myndigheter)',
      3,
      2,
      0,
      4.5,
      undefined,
      'Ja',
      'https://www.jamstall.nu/exempel',
      'Pågående',
    ],
  ]);
  fill(sheetOf(workbook, 'Kostnader'), [
    [
      'K-1',
      day('2013-03-05'),
      'Köpta tjänster (inkl. konsulter)',
      'A-1',
      'Föreläsare grundutbildning',
      'Genuskonsult AB',
      12500,
      'V-2013-0042',
      'Anslag (3:1 ap. 12)',
    ],
    ['K-2', day('2014-01-15'), 'Resor', 'A-1', 'Tåg till Visby', undefined, 1234.5, 'V-2013-0043', 'Egna medel'],
    ['K-3', day('2013-06-01'), 'Övrigt', undefined, FORMULA_LOOKALIKE, '@leverantör', -200, '-V-44', 'Anslag (3:1 ap. 12)'],
  ]);
  return workbookBuffer(workbook);
}

describe('readUploadedWorkbook: the template', () => {
  it('reads an empty template as both sheets with only their header, a valid empty submission', async () => {
    const reading = await readUploadedWorkbook(await buildTemplateWorkbook({ template: 'both', board: 'I', year: 2013, language: 'sv' }));
    expect(sheetsOf(reading).map(({ template, sheet, origin, values }) => ({ template, sheet, origin, rows: values.length }))).toEqual([
      { template: 'activities', sheet: 'Aktiviteter', origin: { row: 1, column: 1 }, rows: 1 },
      { template: 'expenses', sheet: 'Kostnader', origin: { row: 1, column: 1 }, rows: 1 },
    ]);
    for (const found of sheetsOf(reading)) {
      const validation = validate(found);
      expect(validation).toMatchObject({ valid: true, rows: [], issues: [] });
    }
  });

  it('reads a template of one kind as that sheet only', async () => {
    const reading = await readUploadedWorkbook(await buildTemplateWorkbook({ template: 'expenses', board: 'I', year: 2013, language: 'en' }));
    expect(sheetsOf(reading).map((found) => found.template)).toEqual(['expenses']);
  });

  it('reads a filled template to the typed rows the shared validation gives', async () => {
    const reading = await readUploadedWorkbook(await filledTemplate());
    const activities = validate(sheetFor(reading, 'activities'));
    expect(activities.rows.map((row) => [row.sheetRow, row.values])).toEqual([
      [
        2,
        {
          activityId: 'A-1',
          strand: 'competence',
          activityType: 'training',
          title: 'Grundutbildning i JI',
          startDate: '2013-03-01',
          endDate: '2013-03-02',
          targetGroup: 'managers',
          participantsWomen: 12,
          participantsMen: 8,
          participantsUnspecified: 0,
          hours: 16,
          partners: 'Kommun A; Region B',
          learningExample: false,
          status: 'completed',
          result: 'Alla chefer utbildade',
        },
      ],
      [
        3,
        {
          activityId: 'A-2',
          strand: 'dissemination',
          activityType: 'learning-example',
          title: '+46 ett exempel',
          startDate: '2013-05-10',
          endDate: '2013-04-01',
          targetGroup: 'external-actors',
          participantsWomen: 3,
          participantsMen: 2,
          participantsUnspecified: 0,
          hours: 4.5,
          learningExample: true,
          publishedUrl: 'https://www.jamstall.nu/exempel',
          status: 'ongoing',
        },
      ],
    ]);
    expect(activities.issues.map((issue) => [issue.code, issue.cell, issue.severity])).toEqual([['end-before-start', 'Aktiviteter!F3', 'error']]);
  });

  it("points each issue of a filled template at the user's cell", async () => {
    const expenses = validate(sheetFor(await readUploadedWorkbook(await filledTemplate()), 'expenses'), ['A-1', 'A-2']);
    expect(expenses.issues.map((issue) => [issue.code, issue.cell, issue.severity])).toEqual([
      ['date-outside-year', 'Kostnader!B3', 'error'],
      ['correction', 'Kostnader!G4', 'warning'],
    ]);
    expect(expenses.issues[0]?.message).toBe(
      'Kostnader!B3, Bokföringsdatum: 2014-01-15 ligger utanför redovisningsåret 2013. Ange ett datum mellan 2013-01-01 och 2013-12-31.',
    );
    expect(expenses.rows.map((row) => row.values.amount)).toEqual([12500, 1234.5, -200]);
    expect(expenses.rows[0]?.values).toEqual({
      expenseId: 'K-1',
      date: '2013-03-05',
      category: 'purchased-services',
      activityId: 'A-1',
      description: 'Föreläsare grundutbildning',
      supplier: 'Genuskonsult AB',
      amount: 12500,
      voucher: 'V-2013-0042',
      funding: 'grant',
    });
  });

  it('reads text that looks like a formula as the text it is', async () => {
    const found = sheetFor(await readUploadedWorkbook(await filledTemplate()), 'expenses');
    expect(found.values[3]?.slice(4, 8)).toEqual([FORMULA_LOOKALIKE, '@leverantör', -200, '-V-44']);
    expect(validate(found).rows[2]?.values).toMatchObject({ description: FORMULA_LOOKALIKE, supplier: '@leverantör', voucher: '-V-44' });
  });
});

/** A workbook as another program writes it: its own sheet name, header at B3 under a title, columns shuffled, an extra column, no table. */
async function otherProgramsWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Översikt').getCell('A1').value = 'Något annat';
  const sheet = workbook.addWorksheet('Blad1');
  sheet.getCell('B1').value = 'Kostnader Gotland 2013';
  const rows: unknown[][] = [
    [
      'Belopp (kr exkl. moms)',
      'Kostnads-ID',
      'Kommentar',
      'Finansiering',
      'Beskrivning',
      'Kostnadsslag',
      'Verifikationsnummer',
      'Bokföringsdatum',
      'Aktivitets-ID',
      'Leverantör',
    ],
    [
      12500,
      'K-1',
      'ok',
      'Anslag (3:1 ap. 12)',
      'Föreläsare grundutbildning',
      'Köpta tjänster (inkl. konsulter)',
      'V-2013-0042',
      day('2013-03-05'),
      'A-1',
      'Genuskonsult AB',
    ],
    [],
    ['1 234,50', 'K-2', null, 'own', 'Tåg till Visby', 'travel', 'V-2013-0043', '2014-01-15', 'A-1', null],
  ];
  rows.forEach((cells, row) => cells.forEach((value, column) => (sheet.getCell(row + 3, column + 2).value = value as ExcelJS.CellValue)));
  return workbookBuffer(workbook);
}

describe('readUploadedWorkbook: workbooks from other programs', () => {
  it('finds the template by its header row, wherever it starts', async () => {
    const found = sheetFor(await readUploadedWorkbook(await otherProgramsWorkbook()), 'expenses');
    expect(found).toMatchObject({ sheet: 'Blad1', origin: { row: 3, column: 2 } });
    expect(found.values).toHaveLength(4);
    expect(found.values[2] ?? []).toEqual([]); // a blank row is a hole in a sparse array
  });

  it('reads shuffled columns to the same typed rows, with issues at the real cells', async () => {
    const validation = validate(sheetFor(await readUploadedWorkbook(await otherProgramsWorkbook()), 'expenses'));
    expect(validation.rows.map((row) => [row.sheetRow, row.values])).toEqual([
      [
        4,
        {
          expenseId: 'K-1',
          date: '2013-03-05',
          category: 'purchased-services',
          activityId: 'A-1',
          description: 'Föreläsare grundutbildning',
          supplier: 'Genuskonsult AB',
          amount: 12500,
          voucher: 'V-2013-0042',
          funding: 'grant',
        },
      ],
      [
        6,
        {
          expenseId: 'K-2',
          date: '2014-01-15',
          category: 'travel',
          activityId: 'A-1',
          description: 'Tåg till Visby',
          amount: 1234.5,
          voucher: 'V-2013-0043',
          funding: 'own',
        },
      ],
    ]);
    expect(validation.issues.map((issue) => [issue.code, issue.cell, issue.severity])).toEqual([
      ['unknown-column', 'Blad1!D3', 'warning'],
      ['date-outside-year', 'Blad1!I6', 'error'],
    ]);
  });

  it('refuses to take a sheet for a template on one or two matching headers', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Blad1').addRow(['Status', 'Rubrik', 'Annat']);
    const reading = await readUploadedWorkbook(await workbookBuffer(workbook));
    expect(reading).toMatchObject({ ok: false, refusal: { kind: 'no-template-sheet', status: 422 } });
  });

  it('reads each kind of cell value as plain data', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Aktiviteter');
    sheet.addRow(['Aktivitets-ID', 'Rubrik', 'Deltagare kvinnor', 'Deltagare män', 'Länk (Jämställ.nu)', 'Resultat', 'Bedömd effekt', 'Lärande exempel']);
    sheet.addRow([
      { richText: [{ text: 'A-' }, { font: { bold: true }, text: '7' }] },
      { formula: 'CONCAT("Se","minarium")', result: 'Seminarium' },
      { formula: '2*3', result: 6 },
      { error: '#N/A' },
      { text: 'Jämställ.nu', hyperlink: 'https://www.jamstall.nu/' },
      'merged',
      null,
      true,
    ]);
    sheet.mergeCells('F2:G2');
    const found = sheetFor(await readUploadedWorkbook(await workbookBuffer(workbook)), 'activities');
    // The URL column takes the link's address; the covered half of a merge says so.
    expect(found.values[1]).toEqual([
      'A-7',
      'Seminarium',
      6,
      '#N/A',
      'https://www.jamstall.nu/',
      'merged',
      new CellProblem('merged-cell', { range: 'F2:G2', first: 'F2' }),
      true,
    ]);
  });

  it('never turns formula-like text into anything but text, whatever it begins with', async () => {
    const texts = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '\n=1'];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kostnader');
    sheet.addRow(['Kostnads-ID', 'Beskrivning']);
    texts.forEach((text, index) => sheet.addRow([`K-${index}`, text]));
    const found = sheetFor(await readUploadedWorkbook(await workbookBuffer(workbook)), 'expenses');
    // XML reads a bare CR as LF (Excel itself writes CR escaped); the text is still the text.
    expect(found.values.slice(1).map((row) => row[1])).toEqual(texts.map((text) => text.replace('\r', '\n')));
  });
});
