import { readFileSync } from 'node:fs';
import { CASES_DIR } from '../../support/cases';
import { join } from 'node:path';
import { CellProblem, LUJ_INITIATIVE, validateSheet, type TemplateKey } from '@samla/shared';
import { readUploadedWorkbook, type UploadedSheet, type UploadReading } from '../../../functions/src/workbooks/upload-reader';
import type { UploadRefusal } from '../../../functions/src/workbooks/upload-refusal';

/** The cases of ../shared/cases (made by Excel, LibreOffice, openpyxl) and siblings of each kind (uploads/make-uploads.py). */
const CASES = CASES_DIR;
const SIBLINGS = join(__dirname, 'uploads');

async function read(path: string): Promise<UploadReading> {
  return readUploadedWorkbook(readFileSync(path));
}

function sheetFor(reading: UploadReading, template: TemplateKey): UploadedSheet {
  if (!reading.ok) throw new Error(`refused: ${reading.refusal.kind}`);
  const found = reading.sheets.find((sheet) => sheet.template === template);
  if (!found) throw new Error(`no ${template} sheet`);
  return found;
}

function refusalOf(reading: UploadReading): UploadRefusal {
  if (reading.ok) throw new Error('the file was read, not refused');
  return reading.refusal;
}

/** The shared validation of a sheet as the file route runs it, for 2014, with GOT-A1 known (c00-baseline). */
function validate(found: UploadedSheet) {
  return validateSheet(found.template, found.values, {
    year: 2014,
    settings: LUJ_INITIATIVE,
    sheet: found.sheet,
    origin: found.origin,
    ...(found.template === 'expenses' ? { activityIds: ['GOT-A1'] } : {}),
  });
}

async function validated(path: string, template: TemplateKey) {
  return validate(sheetFor(await read(path), template));
}

function issuesOf(validation: ReturnType<typeof validate>) {
  return validation.issues.map((issue) => [issue.code, issue.cell, issue.severity]);
}

describe('upload cases: dates are the calendar day the cell shows', () => {
  it('reads date cells that also hold an afternoon time as their own day (c01)', async () => {
    const file = join(CASES, 'c01-datetime-afternoon.xlsx');
    const activities = await validated(file, 'activities');
    expect(activities.rows.map((row) => [row.values.startDate, row.values.endDate])).toEqual([['2014-03-12', '2014-03-12']]);
    expect((await validated(file, 'expenses')).rows.map((row) => row.values.date)).toEqual(['2014-06-30']);
  });

  it('accepts an activity on 2014-12-31 13:00–15:30 as 2014-12-31 (c01b)', async () => {
    const activities = await validated(join(CASES, 'c01b-datetime-yearend.xlsx'), 'activities');
    expect(activities.valid).toBe(true);
    expect(activities.rows.map((row) => [row.values.startDate, row.values.endDate])).toEqual([['2014-12-31', '2014-12-31']]);
  });

  it('reads times up to 23:59:59.9 as their day, in files from openpyxl and from LibreOffice', async () => {
    for (const file of ['o2-datetimes-late.xlsx', 'lo/o2-datetimes-late.xlsx', 'o2b-date1904-false.xlsx']) {
      const expenses = await validated(join(SIBLINGS, file), 'expenses');
      expect([file, expenses.rows.map((row) => row.values.date)]).toEqual([file, ['2014-03-12', '2014-12-31', '2014-01-01']]);
    }
  });

  it('reads a 1904-date-system workbook as LibreOffice writes it (date1904="true") (c02)', async () => {
    const activities = await validated(join(CASES, 'c02-date1904-true.xlsx'), 'activities');
    expect(activities.rows.map((row) => [row.values.startDate, row.values.endDate])).toEqual([['2014-03-12', '2014-03-14']]);
  });

  it('reads the 1904 date system in every spelling of the flag, from openpyxl, LibreOffice and a Strict file', async () => {
    const files = ['o1-date1904-openpyxl.xlsx', 'o1b-date1904-spaced-true.xlsx', 'lo/o1-date1904-openpyxl.xlsx', 'o10b-strict-1904-true.xlsx'];
    for (const file of files) {
      const activities = await validated(join(SIBLINGS, file), 'activities');
      expect([file, activities.rows.map((row) => [row.values.startDate, row.values.endDate])]).toEqual([file, [['2014-03-12', '2014-06-30']]]);
    }
  });

  it('reads ISO date cells (t="d") as the day they name, and refuses one that names none at its cell', async () => {
    expect((await validated(join(SIBLINGS, 'o9-iso-dates.xlsx'), 'expenses')).rows.map((row) => row.values.date)).toEqual(['2014-12-31', '2014-03-12']);
    const broken = await validated(join(SIBLINGS, 'o9b-iso-date-not-a-date.xlsx'), 'expenses');
    expect(issuesOf(broken)).toEqual([['invalid-date', 'Kostnader!B3', 'error']]);
  });

  it('reads a Strict Open XML workbook like a Transitional one', async () => {
    const expenses = await validated(join(SIBLINGS, 'o10-strict.xlsx'), 'expenses');
    expect(expenses.valid).toBe(true);
    expect(expenses.rows.map((row) => [row.values.expenseId, row.values.date, row.values.amount])).toEqual([
      ['O2-1', '2014-03-12', 100],
      ['O2-2', '2014-12-31', 200],
      ['O2-3', '2014-01-01', 300],
    ]);
  });
});

describe('upload cases: formulas, links, merges and tables', () => {
  it('puts an error at a formula with no computed value in a required column (c04)', async () => {
    const expenses = await validated(join(CASES, 'c04-formula-no-cached-value.xlsx'), 'expenses');
    expect(issuesOf(expenses)).toEqual([['formula-without-value', 'Kostnader!G2', 'error']]);
    expect(expenses.issues[0]?.message).toContain('formeln =1200*3 men inget beräknat värde');
  });

  it('puts an error at each formula with no computed value in optional columns (c04b, openpyxl)', async () => {
    const activities = await validated(join(CASES, 'c04b-openpyxl-formulas-optional.xlsx'), 'activities');
    expect(issuesOf(activities)).toEqual([
      ['formula-without-value', 'Aktiviteter!H2', 'error'],
      ['formula-without-value', 'Aktiviteter!I2', 'error'],
      ['formula-without-value', 'Aktiviteter!K2', 'error'],
    ]);
  });

  it('takes a Ctrl+K link’s address in the URL column (c06)', async () => {
    const activities = await validated(join(CASES, 'c06-hyperlink-friendly-text.xlsx'), 'activities');
    expect(activities.rows[0]?.values.publishedUrl).toBe('https://www.jamstall.nu/exempel/checklista-gotland/');
    expect(activities.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('takes links made by openpyxl and HYPERLINK formulas in the URL column, and the shown text elsewhere', async () => {
    const activities = await validated(join(SIBLINGS, 'o7-hyperlinks-openpyxl.xlsx'), 'activities');
    expect(activities.rows.map((row) => [row.values.title, row.values.publishedUrl])).toEqual([
      ['Träff O7-1', 'https://www.jamstall.nu/exempel/o7/'],
      ['Träff O7-2', 'https://www.jamstall.nu/exempel/o7b/'],
    ]);
  });

  it('names the merge at the covered cell of a merged strand (c07)', async () => {
    const activities = await validated(join(CASES, 'c07-merged-strand.xlsx'), 'activities');
    expect(issuesOf(activities)).toEqual([['merged-cell', 'Aktiviteter!B3', 'error']]);
    expect(activities.issues[0]?.message).toContain('sammanfogade cellerna B2:B3, och värdet står bara i B2');
  });

  it('names the merge in files from openpyxl and LibreOffice (which writes a whole-row merge as 10:10)', async () => {
    for (const file of ['o4-merge-whole-row.xlsx', 'lo/o4-merge-whole-row.xlsx']) {
      const activities = await validated(join(SIBLINGS, file), 'activities');
      expect([file, issuesOf(activities)]).toEqual([file, [['merged-cell', 'Aktiviteter!B3', 'error']]]);
    }
  });

  it('reads a merge over a whole column or the whole sheet as a range, never cell by cell', async () => {
    const column = sheetFor(await read(join(CASES, 'merge-whole-column.xlsx')), 'activities');
    expect(column.values[1]?.[0]).toEqual(new CellProblem('merged-cell', { range: 'A1:A1048576', first: 'A1' }));
    const sheet = await validated(join(SIBLINGS, 'o4b-merge-whole-sheet.xlsx'), 'activities');
    expect(sheet.rows.map((row) => row.values.activityId)).toEqual(['O4B-1']);
  });

  it('refuses merges that overlap over the data as a damaged file', async () => {
    expect(refusalOf(await read(join(SIBLINGS, 'o4c-overlapping-merges.xlsx')))).toMatchObject({ kind: 'damaged-workbook', status: 422 });
  });

  it('leaves out Excel’s table Total Row (c05) and openpyxl’s', async () => {
    const excel = await validated(join(CASES, 'c05-table-totals-row.xlsx'), 'expenses');
    expect(excel.issues).toEqual([]);
    expect(excel.rows.map((row) => row.values.expenseId)).toEqual(['GOT-K1', 'GOT-K2']);
    const openpyxl = await validated(join(SIBLINGS, 'o3-totals-row-openpyxl.xlsx'), 'expenses');
    expect(openpyxl.issues).toEqual([]);
    expect(openpyxl.rows.map((row) => [row.values.expenseId, row.values.amount])).toEqual([
      ['O3-1', 100],
      ['O3-2', 250],
    ]);
  });

  it('takes the headers of a table without header row from its column names', async () => {
    const found = sheetFor(await read(join(SIBLINGS, 'o3b-table-without-header-row.xlsx')), 'expenses');
    expect(found).toMatchObject({ sheet: 'Blad1', origin: { row: 2, column: 1 } });
    const expenses = validate(found);
    expect(expenses.issues).toEqual([]);
    expect(expenses.rows.map((row) => [row.sheetRow, row.values.expenseId])).toEqual([
      [3, 'O3B-1'],
      [4, 'O3B-2'],
    ]);
  });

  it('reads Samla’s template filled by openpyxl, whose table target is an absolute part name (c10)', async () => {
    const activities = await validated(join(CASES, 'c10-template-filled-by-openpyxl.xlsx'), 'activities');
    expect(activities.valid).toBe(true);
    expect(activities.rows.map((row) => [row.values.activityId, row.values.hours, row.values.publishedUrl])).toEqual([
      ['GOT-A1', 3.5, undefined],
      ['GOT-A2', 12, 'https://www.jamstall.nu/exempel/lansstrategi-exempel/'],
    ]);
  });

  it('passes text amounts through unchanged for the shared reader to judge (c13)', async () => {
    const found = sheetFor(await read(join(CASES, 'c13-amount-text-point-thousands.xlsx')), 'expenses');
    expect(found.values.slice(1).map((row) => row[6])).toEqual(['12.500', '8.000']);
  });
});

describe('upload cases: bounded whatever the file names', () => {
  it('reads a file whose defined name spans rows 2–1 048 576 (c16a), and one with 40 names over the whole sheet', async () => {
    expect((await validated(join(CASES, 'c16a-defined-name-one-column-to-1048576.xlsx'), 'expenses')).rows).toHaveLength(1);
    expect((await validated(join(SIBLINGS, 'o5-defined-names-whole-sheet.xlsx'), 'activities')).valid).toBe(true);
  });

  it('refuses a row numbered 100 000 000 as outside Excel’s grid (422), naming the row', async () => {
    const refusal = refusalOf(await read(join(CASES, 'row-number-100000000.xlsx')));
    expect(refusal).toMatchObject({ kind: 'outside-sheet', status: 422, params: { sheet: 'Aktiviteter', reference: '100000000' } });
    // Swedish thousands are separated by no-break spaces.
    expect(refusal.detail.sv.replace(/\u00a0/g, ' ')).toContain('rad 100 000 000, utanför Excels rutnät (högst 1 048 576 rader och kolumnerna A–XFD)');
  });

  it('refuses row 1 048 577 and a column past XFD', async () => {
    expect(refusalOf(await read(join(SIBLINGS, 'o6-row-1048577.xlsx')))).toMatchObject({ kind: 'outside-sheet', params: { reference: '1048577' } });
    expect(refusalOf(await read(join(SIBLINGS, 'o6b-column-past-xfd.xlsx')))).toMatchObject({ kind: 'outside-sheet', params: { reference: 'XFE4' } });
  });
});
