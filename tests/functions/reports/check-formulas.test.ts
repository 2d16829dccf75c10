import { BOARDS, finalReport, financialReport, statusReport, type NationReportInput } from '@samla/shared';
import { reportWorkbookBuffer } from '../../../functions/src/workbooks/report-workbook';
import { activityRow, expenseRow, smallNation, version } from '../../shared/reports/nation-fixture';
import { xmlCells } from './workbook-reading';

/** Excel's limits (Microsoft, "Excel specifications and limits"): a formula's length and a text value inside one. */
const MAX_FORMULA = 8_192;
const MAX_LITERAL = 255;

/** Every board submitting both templates both years: the widest Kontroll lines a nation can have. */
function wholeNation(): NationReportInput {
  const base = smallNation();
  const years = [2013, 2014].map((year) => ({
    year,
    activities: BOARDS.map((board) => ({
      version: version(board.code, year, 'activities', 1, `${year}-06-01T10:00:00Z`),
      rows: [activityRow(`${board.code}-1`, { startDate: `${year}-03-01`, endDate: `${year}-03-02` })],
    })),
    expenses: BOARDS.map((board) => ({
      version: version(board.code, year, 'expenses', 2, `${year}-06-01T10:00:00Z`),
      rows: [
        expenseRow(`${board.code}-K1`, { date: `${year}-03-05`, amount: 1_234_567.89 }),
        expenseRow(`${board.code}-K2`, { date: `${year}-03-05`, funding: 'own' }),
      ],
    })),
  }));
  return { ...base, years };
}

describe('the Kontroll formulas', () => {
  it.each([
    ['status', statusReport],
    ['final', finalReport],
    ['financial', financialReport],
  ] as const)('stay within Excel’s limits in the %s report of a whole nation', async (name, build) => {
    const cells = await xmlCells(await reportWorkbookBuffer(build(wholeNation())));
    const check = [...(cells.get('Kontroll')?.values() ?? [])].flatMap((cell) => (cell.formula ? [cell.formula] : []));
    expect(check.length).toBeGreaterThan(BOARDS.length);
    for (const formula of check) {
      expect(formula.length).toBeLessThan(MAX_FORMULA);
      for (const literal of formula.match(/"(?:[^"]|"")*"/g) ?? []) expect(literal.length - 2).toBeLessThanOrEqual(MAX_LITERAL);
    }
    console.log(name, 'longest Kontroll formula', Math.max(...check.map((formula) => formula.length)));
  });
});
