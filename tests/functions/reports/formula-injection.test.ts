import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, finalReport, financialReport, statusReport, type ReportModel } from '@samla/shared';
import { reportWorkbookBuffer } from '../../../functions/src/workbooks/report-workbook';
import { activityRow, expenseRow, smallNation, version } from '../../shared/reports/nation-fixture';
import { formulaTexts, loadWorkbook, xmlCells } from './workbook-reading';

/** Text that a spreadsheet would run as a formula if it were written as one. */
const PAYLOADS = ['=HYPERLINK("http://evil.example","klicka")', "+cmd|' /C calc'!A0", '-2+3+cmd|x', '@SUM(1+1)', '\t=1+1', '\r=2+2', '\n=3+3'];

const textKeys = (columns: readonly { key: string; type: string }[]): string[] =>
  columns.filter((column) => ['text', 'id', 'url'].includes(column.type)).map((column) => column.key);

/** A nation whose every text column, and the submitter's name, holds each payload in turn. */
function hostileNation() {
  const activities = PAYLOADS.map((payload, index) =>
    activityRow(`A-${index}`, Object.fromEntries(textKeys(ACTIVITIES_TEMPLATE.columns).map((key) => [key, payload]))),
  );
  const expenses = PAYLOADS.map((payload, index) =>
    expenseRow(`K-${index}`, Object.fromEntries(textKeys(EXPENSES_TEMPLATE.columns).map((key) => [key, payload]))),
  );
  const base = smallNation();
  const submitted = '2013-12-01T10:00:00Z';
  return {
    ...base,
    years: [
      {
        year: 2013,
        activities: [
          {
            version: { ...version('D', 2013, 'activities', activities.length, submitted), submittedBy: PAYLOADS[0] as string },
            rows: activities.map((row) => ({ ...row, learningExample: true })),
          },
        ],
        expenses: [{ version: { ...version('D', 2013, 'expenses', expenses.length, submitted), submittedBy: PAYLOADS[1] as string }, rows: expenses }],
      },
    ],
  };
}

const input = hostileNation();
const models: ReportModel[] = [statusReport(input), finalReport(input), financialReport(input)];

describe.each(models.map((model) => [model.fileName, model] as const))('submitted text in %s', (_name, model) => {
  it('never lands in a formula', async () => {
    const formulas = await formulaTexts(await reportWorkbookBuffer(model));
    expect(formulas.length).toBeGreaterThan(0);
    for (const formula of formulas) expect(formula).toMatch(/^(SUMIFS|SUM|COUNTIFS|IF|MAX)\(|^\(|^[A-Z]+\d+$|^('[^']+'|[A-Za-zÅÄÖåäö]+)![A-Z]+\d+$/);
    for (const formula of formulas) for (const marker of ['HYPERLINK', 'cmd', '@SUM', '1+1', '2+2', '3+3']) expect(formula).not.toContain(marker);
  });

  it('stays text, as written, in every text column', async () => {
    const bytes = await reportWorkbookBuffer(model);
    const workbook = await loadWorkbook(bytes);
    const cells = await xmlCells(bytes);
    let seen = 0;
    workbook.eachSheet((worksheet) => {
      worksheet.eachRow((row, rowNumber) => {
        row.eachCell((cell) => {
          const value = cell.value;
          const text = typeof value === 'string' ? value : undefined;
          if (text === undefined || !PAYLOADS.some((payload) => payload.replace(/\r/g, '\n') === text.replace(/\r/g, '\n'))) return;
          seen += 1;
          expect(cells.get(worksheet.name)?.get(cell.address)?.formula).toBeUndefined();
          expect(cell.numFmt).toBe('@');
          expect(rowNumber).toBeGreaterThan(1);
        });
      });
    });
    // Every payload the model holds, in every text column of every sheet, was found as text.
    const inModel = model.sheets.flatMap((sheet) => [...sheet.rows()].flat()).filter((cell) => typeof cell === 'string' && PAYLOADS.includes(cell)).length;
    expect(inModel).toBeGreaterThanOrEqual(PAYLOADS.length * 5);
    expect(seen).toBe(inModel);
  });
});
