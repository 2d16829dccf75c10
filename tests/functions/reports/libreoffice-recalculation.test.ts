import { finalReport, financialReport, isFormulaCell, type ReportCell, type ReportModel } from '@samla/shared';
import { reportWorkbookBuffer } from '../../../functions/src/workbooks/report-workbook';
import { recalculateInLibreOffice } from '../../support/libreoffice';
import { smallNation } from '../../shared/reports/nation-fixture';
import { sameResult, totalsOf, xmlCells } from './workbook-reading';

/** The same workbook with every stored total wrong, so only a real recalculation can bring the right values back. */
function withStaleTotals(model: ReportModel): ReportModel {
  const stale = (cell: ReportCell): ReportCell => (isFormulaCell(cell) ? { ...cell, value: typeof cell.value === 'number' ? -424242 : 'gammalt' } : cell);
  return {
    ...model,
    sheets: model.sheets.map((sheet) => ({
      ...sheet,
      rows: function* () {
        for (const row of sheet.rows()) yield row.map(stale);
      },
    })),
  };
}

describe('the workbooks recalculated by LibreOffice', () => {
  const input = smallNation();
  const models = {
    final: finalReport(input),
    financial: financialReport(input),
    // 2014 without a requisition: the settlement's timing takes its third answer.
    'financial-unrequisitioned': financialReport({ ...input, funds: input.funds?.filter((entry) => entry.year !== 2014) }),
  };
  let recalculated: Record<string, Buffer>;

  beforeAll(async () => {
    recalculated = recalculateInLibreOffice({
      final: await reportWorkbookBuffer(withStaleTotals(models.final)),
      financial: await reportWorkbookBuffer(withStaleTotals(models.financial)),
      'financial-unrequisitioned': await reportWorkbookBuffer(withStaleTotals(models['financial-unrequisitioned'])),
    });
  }, 300_000);

  it.each(Object.keys(models))('gives the %s report every total the service computed', async (name) => {
    const model = models[name as keyof typeof models];
    const checks = totalsOf(model, await xmlCells(recalculated[name] as Buffer));
    expect(checks.length).toBeGreaterThan(50);
    expect(checks.filter((check) => !check.formula)).toEqual([]);
    expect(checks.filter((check) => !sameResult(check.result, check.expected))).toEqual([]);
  });
});
