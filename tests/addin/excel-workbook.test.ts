import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, NUMBER_FORMATS } from '@samla/shared';
import { checkWorkbook } from '../../addin/src/taskpane/checking/workbook-check';
import { ExcelWorkbook } from '../../addin/src/taskpane/excel/excel-workbook';
import { PAYLOAD_LIMIT_BYTES } from '../../addin/src/taskpane/excel/payload-budget';
import { LISTS_SHEET } from '../../addin/src/taskpane/excel/template-layout';
import { OfficeMockExcel } from './support/office-mock-excel';
import { activityRows, expenseRows } from './support/template-rows';

function setUp(payloadLimit?: number, budget?: number) {
  const excel = new OfficeMockExcel(payloadLimit);
  const workbook = new ExcelWorkbook(excel.run, excel.createWorkbook, budget);
  return { excel, workbook };
}

async function filledWorkbook(rows: number, wrongEvery = 0) {
  const setup = setUp();
  await setup.workbook.ensureTemplates();
  setup.excel.fillTable(ACTIVITIES_TEMPLATE.tableName, activityRows(rows, wrongEvery));
  setup.excel.fillTable(EXPENSES_TEMPLATE.tableName, expenseRows(rows, wrongEvery));
  setup.excel.resetCounts();
  return setup;
}

describe('the Excel adapter, against office-addin-mock', () => {
  it('inserts both templates as tables with Swedish headers, dropdowns, formats and a frozen header', async () => {
    const { excel, workbook } = setUp();
    const result = await workbook.ensureTemplates();
    expect(result).toEqual({ created: ['activities', 'expenses'], found: [] });
    const activities = excel.tables.get(ACTIVITIES_TEMPLATE.tableName);
    expect(activities?.sheet).toBe('Aktiviteter');
    expect(excel.valuesAt('Aktiviteter', 'A1:Q1')[0]).toEqual(ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv));
    expect(excel.valuesAt('Kostnader', 'A1:I1')[0]).toEqual(EXPENSES_TEMPLATE.columns.map((column) => column.label.sv));
    const sheet = excel.sheet('Kostnader');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.numberFormats.get('2,2')).toBe(NUMBER_FORMATS.date);
    expect(sheet.numberFormats.get('2,7')).toBe(NUMBER_FORMATS.amount);
    expect([...sheet.validations.values()].every((source) => source.startsWith(`=${LISTS_SHEET}!`))).toBe(true);
    expect(sheet.validations.size).toBe(2);
    expect(excel.sheet(LISTS_SHEET).visibility).toBe('Hidden');
    expect(excel.activeSheet).toBe('Aktiviteter');
    expect(excel.syncs).toBe(2);
  });

  it('recognises templates that exist, and turns a sheet holding the data into the template table', async () => {
    const { excel, workbook } = setUp();
    excel.addSheet('Aktiviteter');
    excel.write('Aktiviteter', 'A1', [ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv), ...activityRows(3)]);
    expect(await workbook.ensureTemplates()).toEqual({ created: ['expenses'], found: ['activities'] });
    expect(excel.tables.get(ACTIVITIES_TEMPLATE.tableName)?.area).toEqual({ row: 1, column: 1, rows: 4, columns: 17 });
    excel.resetCounts();
    expect(await workbook.ensureTemplates()).toEqual({ created: [], found: ['activities', 'expenses'] });
    expect(excel.syncs).toBe(2);
  });

  it('reads each template as one 2-D array with its place in the sheet', async () => {
    const { excel, workbook } = await filledWorkbook(4);
    const snapshots = await workbook.readTemplates();
    expect(snapshots.map((snapshot) => [snapshot.template, snapshot.sheet, snapshot.origin, snapshot.values.length])).toEqual([
      ['activities', 'Aktiviteter', { row: 1, column: 1 }, 5],
      ['expenses', 'Kostnader', { row: 1, column: 1 }, 5],
    ]);
    expect(snapshots[1]?.values[2]).toEqual(excel.valuesAt('Kostnader', 'A3:I3')[0]);
  });

  it.each([10, 1000, 10000])('validates %i rows per sheet in the same number of round trips, each under 5 MB', async (rows) => {
    const { excel, workbook } = await filledWorkbook(rows, 10);
    const check = await checkWorkbook(workbook, 2013, 'sv');
    expect(check.errors).toBe(2 * (rows / 10));
    expect(excel.syncs).toBe(5);
    expect(excel.maxPayloadBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it('marks the faulty cells and clears the marks on the next run', async () => {
    const { excel, workbook } = await filledWorkbook(10, 5);
    const first = await checkWorkbook(workbook, 2013, 'sv');
    expect(first.issues.map((issue) => issue.cell)).toEqual(['Aktiviteter!F6', 'Aktiviteter!F11', 'Kostnader!G6', 'Kostnader!G11']);
    const fills = excel.sheet('Kostnader').fills;
    expect(fills.get('6,7')).toBe('#FDE7E9');
    expect(fills.size).toBe(2);
    excel.write('Kostnader', 'G6', [[99]]);
    excel.write('Kostnader', 'G11', [[99]]);
    const second = await checkWorkbook(workbook, 2013, 'sv');
    expect(second.issues.map((issue) => issue.cell)).toEqual(['Aktiviteter!F6', 'Aktiviteter!F11']);
    expect(fills.size).toBe(0);
  });

  it('halves a read that Excel finds too large, and still reads every row', async () => {
    const { excel } = await filledWorkbook(200);
    const small = new ExcelWorkbook(excel.run, excel.createWorkbook);
    Object.assign(excel, { payloadLimit: 20_000 });
    const snapshots = await small.readTemplates();
    expect(snapshots.map((snapshot) => snapshot.values.length)).toEqual([201, 201]);
    expect(snapshots[0]?.values[200]?.[0]).toBe('A-200');
    expect(excel.syncRecords.filter((record) => record.responseBytes <= 20_000).length).toBeGreaterThan(4);
  });

  it('reads a large table in chunks that each stay within the budget', async () => {
    const { excel } = await filledWorkbook(3000);
    const budgeted = new ExcelWorkbook(excel.run, excel.createWorkbook, 256 * 1024);
    const snapshots = await budgeted.readTemplates();
    expect(snapshots[0]?.values.length).toBe(3001);
    expect(excel.syncs).toBeGreaterThan(4);
    expect(excel.maxPayloadBytes).toBeLessThan(512 * 1024);
  });

  it('selects a cell on its sheet and opens a report as a new workbook', async () => {
    const { excel, workbook } = await filledWorkbook(3);
    await workbook.selectCell('Kostnader', 'G3');
    expect([excel.activeSheet, excel.selected]).toEqual(['Kostnader', 'Kostnader!G3:G3']);
    await workbook.openWorkbook('UEsDBA==', 'Samla-status-2013.xlsx');
    expect(excel.createdWorkbooks).toEqual(['UEsDBA==']);
  });
});
