import {
  ACTIVITIES_TEMPLATE,
  EXPENSES_TEMPLATE,
  LUJ_INITIATIVE,
  NUMBER_FORMATS,
  clearRegisteredTemplateHistories,
  registerTemplateHistory,
  serialFromIsoDate,
} from '@samla/shared';
import { checkWorkbook } from '../../addin/src/taskpane/checking/workbook-check';
import { ExcelWorkbook, SPARE_LISTS_SHEET } from '../../addin/src/taskpane/excel/excel-workbook';
import { MARK_COLORS } from '../../addin/src/taskpane/excel/issue-marks';
import { PAYLOAD_LIMIT_BYTES } from '../../addin/src/taskpane/excel/payload-budget';
import { STAMP_NAME, parseStamp, stampFormula } from '../../addin/src/taskpane/excel/template-stamp';
import { LISTS_SHEET } from '../../addin/src/taskpane/excel/template-layout';
import { OfficeMockExcel, bodyOf } from './support/office-mock-excel';
import { activityRows, expenseRows } from './support/template-rows';

const ACTIVITY_HEADERS = ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv);
const EXPENSE_HEADERS = EXPENSES_TEMPLATE.columns.map((column) => column.label.sv);

function setUp(payloadLimit?: number, budget?: number) {
  const excel = new OfficeMockExcel(payloadLimit);
  const workbook = new ExcelWorkbook(excel.run, excel.createWorkbook, budget, excel.supports);
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
  it('inserts both templates as stamped tables with Swedish headers, dropdowns, formats and a frozen header', async () => {
    const { excel, workbook } = setUp();
    const result = await workbook.ensureTemplates();
    expect(result).toEqual({ created: ['activities', 'expenses'], found: [], upgraded: [], foreign: [] });
    expect(excel.tables.get(ACTIVITIES_TEMPLATE.tableName)?.sheet).toBe('Aktiviteter');
    expect(excel.valuesAt('Aktiviteter', 'A1:Q1')[0]).toEqual(ACTIVITY_HEADERS);
    expect(excel.valuesAt('Kostnader', 'A1:I1')[0]).toEqual(EXPENSE_HEADERS);
    const sheet = excel.sheet('Kostnader');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.numberFormats.get('2,2')).toBe(NUMBER_FORMATS.date);
    expect(sheet.numberFormats.get('2,7')).toBe(NUMBER_FORMATS.amount);
    expect([...sheet.validations.values()].every((source) => source.startsWith(`=${LISTS_SHEET}!`))).toBe(true);
    expect(sheet.validations.size).toBe(2);
    expect(excel.sheet(LISTS_SHEET).visibility).toBe('Hidden');
    expect(parseStamp(sheet.names.get(STAMP_NAME.toLowerCase())?.formula)).toEqual({ kind: 'expenses', version: 1 });
    expect(parseStamp(excel.sheet(LISTS_SHEET).names.get(STAMP_NAME.toLowerCase())?.formula)?.kind).toBe('lists');
    expect(excel.activeSheet).toBe('Aktiviteter');
  });

  it('recognises templates that exist, and turns a sheet holding the data into the template table', async () => {
    const { excel, workbook } = setUp();
    excel.addSheet('Aktiviteter');
    excel.write('Aktiviteter', 'A1', [ACTIVITY_HEADERS, ...activityRows(3)]);
    expect(await workbook.ensureTemplates()).toMatchObject({ created: ['expenses'], found: ['activities'] });
    expect(excel.tables.get(ACTIVITIES_TEMPLATE.tableName)?.area).toEqual({ row: 1, column: 1, rows: 4, columns: 17 });
    expect(excel.sheet('Aktiviteter').validations.size).toBe(3 * 5);
    excel.resetCounts();
    expect(await workbook.ensureTemplates()).toEqual({ created: [], found: ['activities', 'expenses'], upgraded: [], foreign: [] });
  });

  it('finds sheets and tables whatever the letter case, as Excel names them', async () => {
    const { excel, workbook } = setUp();
    excel.addSheet('aktiviteter');
    excel.write('aktiviteter', 'A1', [ACTIVITY_HEADERS, ...activityRows(2)]);
    expect(await workbook.ensureTemplates()).toMatchObject({ created: ['expenses'], found: ['activities'] });
    expect(excel.table(ACTIVITIES_TEMPLATE.tableName).sheet).toBe('aktiviteter');
    excel.table(EXPENSES_TEMPLATE.tableName).name = EXPENSES_TEMPLATE.tableName.toUpperCase();
    const snapshots = await workbook.readTemplates();
    expect(snapshots.map((snapshot) => [snapshot.template, snapshot.sheet])).toEqual([
      ['activities', 'aktiviteter'],
      ['expenses', 'Kostnader'],
    ]);
  });

  it('never overwrites a Listor sheet of the user’s own: the dropdowns use a sheet of Samla’s', async () => {
    const { excel, workbook } = setUp();
    excel.addSheet('listor');
    excel.write('listor', 'A1', [['Mina egna listor'], ['Visby'], ['Slite']]);
    await workbook.ensureTemplates();
    expect(excel.valuesAt('listor', 'A1:A3')).toEqual([['Mina egna listor'], ['Visby'], ['Slite']]);
    expect(excel.sheet('listor').visibility).toBe('Visible');
    expect(excel.sheet(SPARE_LISTS_SHEET).visibility).toBe('Hidden');
    const sources = [...excel.sheet('Aktiviteter').validations.values()];
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((source) => source.startsWith(`=${SPARE_LISTS_SHEET}!`))).toBe(true);
    await workbook.ensureTemplates();
    expect(excel.valuesAt('listor', 'A1:A3')).toEqual([['Mina egna listor'], ['Visby'], ['Slite']]);
  });

  it('leaves a sheet named like a template but holding something else, and names it', async () => {
    const { excel, workbook } = setUp();
    excel.addSheet('KOSTNADER');
    excel.write('KOSTNADER', 'A1', [
      ['Budget 2014', 'Belopp'],
      ['Resor', 12000],
    ]);
    const result = await workbook.ensureTemplates();
    expect(result.foreign).toEqual([{ template: 'expenses', sheet: 'KOSTNADER' }]);
    expect(excel.valuesAt('KOSTNADER', 'A1:B2')).toEqual([
      ['Budget 2014', 'Belopp'],
      ['Resor', 12000],
    ]);
    expect([...excel.tables.values()].some((table) => table.sheet === 'KOSTNADER')).toBe(false);
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

  it('does not take Excel’s Total Row for a cost line', async () => {
    const { excel, workbook } = await filledWorkbook(3);
    excel.showTotalRow(EXPENSES_TEMPLATE.tableName, ['Summa', '', '', '', '', '', '=SUBTOTAL(109,[Belopp (kr exkl. moms)])', '', '']);
    excel.write('Kostnader', 'G5', [[3751.5]]);
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.errors).toBe(0);
    const expenses = check.templates.find((template) => template.snapshot.template === 'expenses');
    expect(expenses?.validation.rows.map((row) => row.values.expenseId)).toEqual(['K-1', 'K-2', 'K-3']);
  });

  it('reads a table whose header row is hidden by its column names, not its first data row as headers', async () => {
    const { excel, workbook } = await filledWorkbook(3);
    excel.hideHeaderRow(ACTIVITIES_TEMPLATE.tableName);
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.issues).toEqual([]);
    const activities = check.templates.find((template) => template.snapshot.template === 'activities');
    expect(activities?.validation.rows.map((row) => [row.sheetRow, row.values.activityId])).toEqual([
      [2, 'A-1'],
      [3, 'A-2'],
      [4, 'A-3'],
    ]);
  });

  it('checks hidden and filtered-out rows too, at their own sheet rows', async () => {
    const { excel, workbook } = await filledWorkbook(6, 3);
    excel.sheet('Kostnader').hiddenRows.add(4);
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.issues.filter((issue) => issue.sheet === 'Kostnader').map((issue) => issue.cell)).toEqual(['Kostnader!G4', 'Kostnader!G7']);
  });

  it('keeps a column the user added to the table: a warning, not read, and left with its own formats', async () => {
    const { excel, workbook } = await filledWorkbook(2);
    excel.addUserColumn(EXPENSES_TEMPLATE.tableName, 'Min anteckning', ['ring Anna', 'klart']);
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.errors).toBe(0);
    expect(check.issues.map((issue) => [issue.code, issue.cell])).toEqual([['unknown-column', 'Kostnader!J1']]);
    expect(excel.sheet('Kostnader').numberFormats.has('2,10')).toBe(false);
    expect(excel.valuesAt('Kostnader', 'J2:J3')).toEqual([['ring Anna'], ['klart']]);
  });

  it.each([
    ['Excel on the web (use1904DateSystem)', true],
    ['other hosts (DATE(1904;1;1) instead)', false],
  ])('reads the calendar day a 1904 workbook shows, on %s', async (_host, online) => {
    const { excel, workbook } = await filledWorkbook(1);
    if (online) excel.supportedSets.add('ExcelApiOnline 1.1');
    excel.date1904 = true;
    const shown = serialFromIsoDate('2013-03-12') - 1462;
    excel.write('Aktiviteter', 'E2:F2', [[shown, shown + 0.75]]);
    excel.write('Kostnader', 'B2', [[shown + 0.99]]);
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.issues).toEqual([]);
    const [activities, expenses] = check.templates;
    expect(activities?.validation.rows[0]?.values).toMatchObject({ startDate: '2013-03-12', endDate: '2013-03-12' });
    expect(expenses?.validation.rows[0]?.values.date).toBe('2013-03-12');
  });

  it('reads a 1900 workbook’s serials as they are', async () => {
    const { excel, workbook } = await filledWorkbook(1);
    excel.write('Kostnader', 'B2', [[serialFromIsoDate('2013-12-31') + 0.6]]);
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.templates[1]?.validation.rows[0]?.values.date).toBe('2013-12-31');
  });

  it.each([10, 1000, 10000])('validates %i rows per sheet in few round trips, each under 5 MB', async (rows) => {
    const { excel, workbook } = await filledWorkbook(rows, 10);
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.errors).toBe(2 * (rows / 10));
    expect(excel.syncs).toBeLessThanOrEqual(rows === 10000 ? 10 : 8);
    expect(excel.maxPayloadBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it('marks faulty cells with conditional formats of its own, never with the user’s fills, and clears them on the next run', async () => {
    const { excel, workbook } = await filledWorkbook(10, 5);
    const sheet = excel.sheet('Kostnader');
    sheet.fills.set('6,7', '#FFFF00');
    sheet.fills.set('2,1', '#C6EFCE');
    sheet.conditionalFormats.push({ id: 'user', type: 'CellValue', cells: new Set(['3,7']), formula: '>1000', fill: '#00FF00', stopIfTrue: false });
    const first = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(first.issues.map((issue) => issue.cell)).toEqual(['Aktiviteter!F6', 'Aktiviteter!F11', 'Kostnader!G6', 'Kostnader!G11']);
    expect(excel.conditionalFillAt('Kostnader', 'G6')).toBe(MARK_COLORS.error);
    expect(excel.conditionalFillAt('Kostnader', 'G5')).toBeUndefined();
    excel.write('Kostnader', 'G6', [[99]]);
    excel.write('Kostnader', 'G11', [[99]]);
    const second = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(second.issues.map((issue) => issue.cell)).toEqual(['Aktiviteter!F6', 'Aktiviteter!F11']);
    expect(excel.conditionalFillAt('Kostnader', 'G6')).toBeUndefined();
    expect(sheet.conditionalFormats.map((format) => format.id)).toEqual(['user']);
    expect([...sheet.fills]).toEqual([
      ['6,7', '#FFFF00'],
      ['2,1', '#C6EFCE'],
    ]);
  });

  it('shows the error colour where a cell has both an error and a warning', async () => {
    const { excel, workbook } = await filledWorkbook(2);
    await workbook.readTemplates();
    await workbook.markCells([
      { sheet: 'Kostnader', address: 'C2', severity: 'warning' },
      { sheet: 'Kostnader', address: 'C2', severity: 'error' },
      { sheet: 'Kostnader', address: 'D2', severity: 'warning' },
    ]);
    expect(excel.conditionalFillAt('Kostnader', 'C2')).toBe(MARK_COLORS.error);
    expect(excel.conditionalFillAt('Kostnader', 'D2')).toBe(MARK_COLORS.warning);
  });

  it('removes every mark of Samla’s with one call, and nothing of the user’s', async () => {
    const { excel, workbook } = await filledWorkbook(10, 5);
    excel.sheet('Aktiviteter').fills.set('6,6', '#FFC7CE');
    await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(excel.sheet('Aktiviteter').conditionalFormats.length).toBeGreaterThan(0);
    const fresh = new ExcelWorkbook(excel.run, excel.createWorkbook, undefined, excel.supports);
    await fresh.clearMarks();
    expect(excel.sheet('Aktiviteter').conditionalFormats).toEqual([]);
    expect(excel.sheet('Kostnader').conditionalFormats).toEqual([]);
    expect(excel.sheet('Aktiviteter').fills.get('6,6')).toBe('#FFC7CE');
  });

  it('lays the dropdowns and formats again on every data row at each check: pasting removes them', async () => {
    const { excel, workbook } = await filledWorkbook(5);
    excel.paste('Kostnader', 'A2', expenseRows(5));
    const sheet = excel.sheet('Kostnader');
    expect(sheet.validations.has('4,3')).toBe(false);
    expect(sheet.numberFormats.get('4,7')).toBe('General');
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.errors).toBe(0);
    const body = bodyOf(excel.table(EXPENSES_TEMPLATE.tableName));
    for (let row = body.row; row < body.row + body.rows; row += 1) {
      expect(sheet.validations.get(`${row},3`)).toMatch(/^=Listor!/);
      expect(sheet.validations.get(`${row},9`)).toMatch(/^=Listor!/);
      expect(sheet.numberFormats.get(`${row},2`)).toBe(NUMBER_FORMATS.date);
      expect(sheet.numberFormats.get(`${row},7`)).toBe(NUMBER_FORMATS.amount);
    }
  });

  it('upgrades a template made before stamps in place: headers, new columns, dropdowns and formats, rows kept', async () => {
    const { excel, workbook } = setUp();
    excel.addSheet('Kostnader');
    const oldHeaders = EXPENSE_HEADERS.filter((header) => header !== 'Leverantör').map((header) => (header === 'Beskrivning' ? 'beskrivning' : header));
    const oldRows = expenseRows(3).map((row) => row.filter((_value, index) => EXPENSE_HEADERS[index] !== 'Leverantör'));
    excel.write('Kostnader', 'A1', [oldHeaders, ...oldRows]);
    excel.addTable('Kostnader', 'A1:H4', EXPENSES_TEMPLATE.tableName);
    const result = await workbook.ensureTemplates();
    expect(result.upgraded).toEqual(['expenses']);
    const table = excel.table(EXPENSES_TEMPLATE.tableName);
    expect(table.columnNames).toEqual([...oldHeaders.map((header) => (header === 'beskrivning' ? 'Beskrivning' : header)), 'Leverantör']);
    expect(excel.valuesAt('Kostnader', 'A2:A4')).toEqual([['K-1'], ['K-2'], ['K-3']]);
    expect(excel.sheet('Kostnader').numberFormats.get('3,6')).toBe(NUMBER_FORMATS.amount);
    expect(parseStamp(excel.sheet('Kostnader').names.get(STAMP_NAME.toLowerCase())?.formula)).toEqual({ kind: 'expenses', version: 1 });
    expect((await workbook.ensureTemplates()).found).toEqual(['activities', 'expenses']);
  });

  it('upgrades a template stamped with an older version, replacing the stamp', async () => {
    const { excel, workbook } = await filledWorkbook(2);
    excel.sheet('Aktiviteter').names.set(STAMP_NAME.toLowerCase(), { name: STAMP_NAME, formula: stampFormula('activities', 0) });
    expect((await workbook.ensureTemplates()).upgraded).toEqual(['activities']);
    expect(excel.sheet('Aktiviteter').names.get(STAMP_NAME.toLowerCase())?.formula).toBe(stampFormula('activities'));
  });

  it('replaces a stamp it cannot read (garbage, a version that does not exist) when it upgrades the table, as Excel needs', async () => {
    for (const formula of ['="hej hopp"', '=1', stampFormula('activities', -1), '="samla:activities:01"']) {
      const { excel, workbook } = await filledWorkbook(2);
      // Excel refuses to add a name that exists (ItemAlreadyExists), so an unreadable one must be deleted first.
      excel.sheet('Aktiviteter').names.set(STAMP_NAME.toLowerCase(), { name: STAMP_NAME, formula });
      expect((await workbook.ensureTemplates()).upgraded).toEqual(['activities']);
      expect(excel.sheet('Aktiviteter').names.get(STAMP_NAME.toLowerCase())?.formula).toBe(stampFormula('activities'));
    }
  });

  describe('with a layout history (as when the shared definition renames a header)', () => {
    afterEach(() => clearRegisteredTemplateHistories());

    it('upgrades a version 1 sheet whose header was renamed since, mapping the old header to today’s column', async () => {
      const { excel, workbook } = await filledWorkbook(2);
      const titleAt = ACTIVITY_HEADERS.indexOf('Rubrik');
      excel.table(ACTIVITIES_TEMPLATE.tableName).columnNames[titleAt] = 'Benämning';
      excel.write('Aktiviteter', `${String.fromCharCode(65 + titleAt)}1`, [['Benämning']]);
      registerTemplateHistory('activities', { current: 2, versions: [{ version: 2, changes: [{ kind: 'renamed', column: 'title', from: 'Benämning' }] }] });
      const before = excel.valuesAt('Aktiviteter', 'A2:Z3');
      const result = await workbook.ensureTemplates();
      expect(result.upgraded).toEqual(['activities']);
      expect(result.foreign).toEqual([]);
      expect(excel.table(ACTIVITIES_TEMPLATE.tableName).columnNames).toEqual(ACTIVITY_HEADERS);
      expect(excel.valuesAt('Aktiviteter', 'A2:Z3')).toEqual(before);
      expect(parseStamp(excel.sheet('Aktiviteter').names.get(STAMP_NAME.toLowerCase())?.formula)).toEqual({ kind: 'activities', version: 2 });
    });

    it('leaves a sheet stamped by a newer Samla, or with a change that can’t be mapped, untouched and names it', async () => {
      const { excel, workbook } = await filledWorkbook(2);
      excel.sheet('Kostnader').names.set(STAMP_NAME.toLowerCase(), { name: STAMP_NAME, formula: stampFormula('expenses', 5) });
      registerTemplateHistory('activities', {
        current: 2,
        versions: [{ version: 2, changes: [{ kind: 'reshaped', column: 'strand', what: { sv: 'nya uppdragsdelar', en: 'new strands' } }] }],
      });
      const before = excel.valuesAt('Aktiviteter', 'A1:Z3');
      const result = await workbook.ensureTemplates();
      expect(result.upgraded).toEqual([]);
      expect(result.foreign).toEqual([
        { template: 'activities', sheet: 'Aktiviteter', unmappable: 1 },
        { template: 'expenses', sheet: 'Kostnader', newer: 5 },
      ]);
      expect(excel.valuesAt('Aktiviteter', 'A1:Z3')).toEqual(before);
      expect(excel.sheet('Kostnader').names.get(STAMP_NAME.toLowerCase())?.formula).toBe(stampFormula('expenses', 5));
    });
  });

  it('halves a read that Excel finds too large, and still reads every row', async () => {
    const { excel, workbook } = await filledWorkbook(200);
    excel.responseLimit = 20_000;
    const snapshots = await workbook.readTemplates();
    expect(snapshots.map((snapshot) => snapshot.values.length)).toEqual([201, 201]);
    expect(snapshots[0]?.values[200]?.[0]).toBe('A-200');
    expect(excel.syncRecords.filter((record) => record.responseBytes > 0 && record.responseBytes <= 20_000).length).toBeGreaterThan(4);
  });

  it('reads a large table in chunks that each stay within the budget', async () => {
    const { excel } = await filledWorkbook(3000);
    const budgeted = new ExcelWorkbook(excel.run, excel.createWorkbook, 256 * 1024, excel.supports);
    const snapshots = await budgeted.readTemplates();
    expect(snapshots[0]?.values.length).toBe(3001);
    expect(excel.syncs).toBeGreaterThan(4);
    expect(excel.maxPayloadBytes).toBeLessThan(512 * 1024);
  });

  it('selects a cell on its sheet and opens a report as a new workbook', async () => {
    const { excel, workbook } = await filledWorkbook(3);
    await workbook.selectCell('Kostnader', 'G3');
    expect([excel.activeSheet, excel.selected]).toEqual(['Kostnader', 'Kostnader!G3:G3']);
    expect(await workbook.openWorkbook('UEsDBA==', 'Samla-status-2013.xlsx')).toBe('opened');
    expect(excel.createdWorkbooks).toEqual(['UEsDBA==']);
  });

  it('offers a report over the request limit as a download instead of failing', async () => {
    const { excel, workbook } = setUp();
    const big = 'A'.repeat(6 * 1024 * 1024);
    expect(await workbook.openWorkbook(big, 'Samla-final-2013-2014.xlsx')).toBe('download');
    const trusting = new ExcelWorkbook(excel.run, excel.createWorkbook, 10 * 1024 * 1024, excel.supports);
    expect(await trusting.openWorkbook(big, 'Samla-final-2013-2014.xlsx')).toBe('download');
    expect(excel.createdWorkbooks).toEqual([]);
  });
});

describe('loading a stored version back into the workbook, against office-addin-mock', () => {
  /** Typed rows as the API stores them: what Kontrollera reads from a workbook filled with `count` rows. */
  async function storedRows(count: number) {
    const { workbook } = await filledWorkbook(count);
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(check.errors).toBe(0);
    return {
      activities: check.templates[0]?.validation.rows.map((row) => row.values) ?? [],
      expenses: check.templates[1]?.validation.rows.map((row) => row.values) ?? [],
    };
  }

  async function readBack(workbook: ExcelWorkbook) {
    const check = await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    return {
      check,
      activities: check.templates[0]?.validation.rows.map((row) => row.values),
      expenses: check.templates[1]?.validation.rows.map((row) => row.values),
    };
  }

  it('replaces more rows with fewer: the stored rows read back exactly, surplus rows deleted', async () => {
    const stored = await storedRows(3);
    const { excel, workbook } = await filledWorkbook(7);
    const written = await workbook.writeRows('activities', stored.activities);
    expect(written).toEqual({ template: 'activities', sheet: 'Aktiviteter', replaced: 7, written: 3 });
    expect(excel.table(ACTIVITIES_TEMPLATE.tableName).area).toEqual({ row: 1, column: 1, rows: 4, columns: 17 });
    expect(
      excel
        .valuesAt('Aktiviteter', 'A5:Q9')
        .flat()
        .every((cell) => cell === ''),
    ).toBe(true);
    const back = await readBack(workbook);
    expect(back.activities).toEqual(stored.activities);
    // Kostnader still names the activities that were replaced: the check says so there, not in Aktiviteter.
    expect(back.check.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.sheet)).toEqual(Array(4).fill('Kostnader'));
  });

  it('grows a table above its Total Row with table.rows.add, in chunks under the payload budget', async () => {
    const stored = await storedRows(400);
    const { excel } = await filledWorkbook(2);
    excel.showTotalRow(EXPENSES_TEMPLATE.tableName, ['Summa', '', '', '', '', '', '=SUBTOTAL(109,[Belopp (kr exkl. moms)])', '', '']);
    const budgeted = new ExcelWorkbook(excel.run, excel.createWorkbook, 16 * 1024, excel.supports);
    excel.resetCounts();
    expect(await budgeted.writeRows('expenses', stored.expenses)).toMatchObject({ replaced: 2, written: 400 });
    expect(excel.maxPayloadBytes).toBeLessThan(32 * 1024);
    expect(excel.syncs).toBeGreaterThan(4);
    const body = bodyOf(excel.table(EXPENSES_TEMPLATE.tableName));
    expect(body).toMatchObject({ row: 2, rows: 400 });
    expect(excel.valuesAt('Kostnader', 'A402:G402')[0]).toEqual(['Summa', '', '', '', '', '', '=SUBTOTAL(109,[Belopp (kr exkl. moms)])']);
    expect(excel.sheet('Kostnader').numberFormats.get('401,2')).toBe(NUMBER_FORMATS.date);
    expect(excel.sheet('Kostnader').validations.get('401,3')).toMatch(/^=Listor!/);
    expect((await readBack(budgeted)).expenses).toEqual(stored.expenses);
  });

  it.each([
    ['Excel on the web (use1904DateSystem)', true],
    ['other hosts (DATE(1904;1;1) instead)', false],
  ])('writes dates as serials of a 1904 workbook, on %s, so the cell shows the stored day', async (_host, online) => {
    const stored = await storedRows(2);
    const { excel, workbook } = await filledWorkbook(1);
    if (online) excel.supportedSets.add('ExcelApiOnline 1.1');
    excel.date1904 = true;
    await workbook.writeRows('expenses', stored.expenses);
    expect(excel.valuesAt('Kostnader', 'B2:B3')).toEqual([[serialFromIsoDate('2013-02-01') - 1462], [serialFromIsoDate('2013-02-02') - 1462]]);
    expect((await readBack(workbook)).expenses).toEqual(stored.expenses);
  });

  it('writes under the table’s own headers: moved columns, a hidden header row and the user’s own column', async () => {
    const stored = await storedRows(3);
    const { excel, workbook } = setUp();
    excel.addSheet('Aktiviteter');
    const order = [...ACTIVITY_HEADERS].reverse();
    excel.write('Aktiviteter', 'C4', [order, ...activityRows(1).map((row) => [...row].reverse())]);
    excel.addTable('Aktiviteter', 'C4:S5', ACTIVITIES_TEMPLATE.tableName);
    excel.addUserColumn(ACTIVITIES_TEMPLATE.tableName, 'Min anteckning', ['ring Anna']);
    excel.hideHeaderRow(ACTIVITIES_TEMPLATE.tableName);
    await workbook.ensureTemplates();
    expect(await workbook.writeRows('activities', stored.activities)).toMatchObject({ replaced: 1, written: 3 });
    expect(excel.valuesAt('Aktiviteter', 'S5:T7')).toEqual([
      ['A-1', ''],
      ['A-2', ''],
      ['A-3', ''],
    ]);
    expect(excel.valuesAt('Aktiviteter', 'C5:C7').flat()).toEqual(['', '', '']);
    const back = await readBack(workbook);
    expect(back.activities).toEqual(stored.activities);
    expect(back.check.errors).toBe(0);
  });

  it('keeps one empty data row when the version has no rows, and removes Samla’s marks on the sheet', async () => {
    const { excel, workbook } = await filledWorkbook(3, 2);
    await checkWorkbook(workbook, 2013, 'sv', LUJ_INITIATIVE);
    expect(excel.sheet('Kostnader').conditionalFormats.length).toBeGreaterThan(0);
    expect(await workbook.writeRows('expenses', [])).toMatchObject({ replaced: 3, written: 0 });
    expect(bodyOf(excel.table(EXPENSES_TEMPLATE.tableName))).toMatchObject({ row: 2, rows: 1 });
    expect(
      excel
        .valuesAt('Kostnader', 'A2:I4')
        .flat()
        .every((cell) => cell === ''),
    ).toBe(true);
    expect(excel.sheet('Kostnader').conditionalFormats).toEqual([]);
  });

  it('says in Swedish what to do when the workbook has no such table', async () => {
    const { workbook } = setUp();
    await expect(workbook.writeRows('activities', [])).rejects.toThrow('Välj Skapa mallar och försök igen.');
  });
});
