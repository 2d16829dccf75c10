import { finalReport, financialReport, isFormulaCell, NUMBER_FORMATS, statusReport, type ReportModel } from '@samla/shared';
import { reportWorkbookBuffer } from '../../../functions/src/workbooks/report-workbook';
import { smallNation } from '../../shared/reports/nation-fixture';
import { loadWorkbook, sameResult, totalsOf, xmlCells } from './workbook-reading';

const input = smallNation();
const models: ReportModel[] = [statusReport(input), finalReport(input), financialReport(input)];

describe.each(models.map((model) => [model.fileName, model] as const))('the workbook %s', (_name, model) => {
  let workbook: Awaited<ReturnType<typeof loadWorkbook>>;
  let cells: Awaited<ReturnType<typeof xmlCells>>;
  beforeAll(async () => {
    const bytes = await reportWorkbookBuffer(model);
    workbook = await loadWorkbook(bytes);
    cells = await xmlCells(bytes);
  });

  it('holds every sheet of the model under its Swedish name, in order', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(model.sheets.map((sheet) => sheet.name));
  });

  it('writes every total as a formula with the computed value stored', () => {
    const checks = totalsOf(model, cells);
    expect(checks.length).toBeGreaterThan(5);
    const wrong = checks.filter((check) => !check.formula || !sameResult(check.result, check.expected));
    expect(wrong).toEqual([]);
  });

  it('freezes the header row, sizes the columns and shows the Swedish labels', () => {
    for (const sheet of model.sheets) {
      const worksheet = workbook.getWorksheet(sheet.name);
      expect(worksheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      sheet.columns.forEach((column, index) => {
        const width = worksheet?.getColumn(index + 1).width ?? 0;
        // Sized to content between 6 and 60 characters, never narrower than the header's longest word.
        expect(width).toBeGreaterThanOrEqual(Math.min(60, Math.max(6, ...column.label.split(/\s+/).map((word) => word.length))));
        expect(width).toBeLessThanOrEqual(60);
      });
      expect(worksheet?.getRow(1).getCell(1).value).toBe(sheet.columns[0]?.label);
    }
  });
});

describe('cells of the cost sheet', () => {
  it('hold dates as dates and amounts as numbers in the amount format', async () => {
    const model = financialReport(input);
    const workbook = await loadWorkbook(await reportWorkbookBuffer(model));
    const costs = workbook.getWorksheet('Kostnader');
    const date = costs?.getCell('D2');
    expect(date?.value).toEqual(new Date(Date.UTC(2013, 2, 5)));
    expect(date?.numFmt).toBe(NUMBER_FORMATS.date);
    const amount = costs?.getCell('I2');
    expect(amount?.value).toBe(0.1);
    expect(amount?.numFmt).toBe(NUMBER_FORMATS.amount);
    const settlement = workbook.getWorksheet('Avräkning');
    expect((settlement?.getCell('I2').value as { formula: string }).formula).toBe('MAX(0,(C2-F2))');
    expect(settlement?.getCell('I2').numFmt).toBe(NUMBER_FORMATS.amount);
    const timing = settlement?.getCell('E2').value as { formula: string; result: string };
    expect(timing.formula).toBe(
      'IF(COUNTIFS(Rekvisitioner!$A$2:$A$5,2013,Rekvisitioner!$B$2:$B$5,"Rekvisition")>0,' +
        'IF(COUNTIFS(Rekvisitioner!$A$2:$A$5,2013,Rekvisitioner!$B$2:$B$5,"Rekvisition",Rekvisitioner!$C$2:$C$5,">41547")>0,"Försenad (efter 2013-09-30)","I tid"),"Ej rekvirerat")',
    );
    expect(timing.result).toBe('Försenad (efter 2013-09-30)');
  });

  it('names sheets with spaces in quotes inside formulas', async () => {
    const model = finalReport(input);
    const formulas = totalsOf(model, await xmlCells(await reportWorkbookBuffer(model))).map((check) => check.formula ?? '');
    expect(formulas.some((text) => text.startsWith('SUMIFS(Kostnader!$I$2:$I$8,Kostnader!$B$2:$B$8,2013,'))).toBe(true);
    expect(formulas.some((text) => text.includes("'Kostnader per län'!") || text.includes('Takbelopp!'))).toBe(true);
    expect(
      model.sheets
        .flatMap((sheet) => [...sheet.rows()])
        .flat()
        .filter(isFormulaCell).length,
    ).toBe(formulas.length);
  });
});
