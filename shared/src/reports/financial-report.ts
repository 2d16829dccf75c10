import { initiativeYears } from '../reference/initiative';
import { FUNDING_SOURCES } from '../templates/list-definitions';
import { checkSheet, sourcesSheet } from './check-sheet';
import { expensesSheet } from './detail-sheets';
import { fundsSheet, settlementSheet } from './funds-sheets';
import type { NationReportInput } from './report-input';
import { listLabel, REPORT_TITLES, reportFileName, SHEET_NAMES, yearSpan } from './report-labels';
import type { ReportModel } from './report-model';
import { headLines, overviewSheet, type OverviewLine } from './overview-sheet';
import { nationBasis } from './status-report';
import { amountFormula, costsByBoardSheet, REPORT_SUMMARY_COLUMNS, sumIfs } from './summary-sheets';

/** Ekonomisk redovisning: every cost line, costs by board, category and year, and the settlement per year. */
export function financialReport(input: NationReportInput): ReportModel {
  const { settings } = input;
  const yearList = initiativeYears(settings);
  const { years, facts } = nationBasis(input, yearList);
  const title = `${REPORT_TITLES.financial} ${yearSpan(yearList)}`;
  const allCosts = amountFormula(sumIfs(SHEET_NAMES.expenses, 'amount', []), facts.costOre({}));
  const lines: OverviewLine[] = [
    ...headLines(settings, title, yearSpan(yearList), input.generatedAt, settings.finalReport.due),
    ['Kostnader totalt', { ...allCosts, kind: 'amount' }],
    [
      REPORT_SUMMARY_COLUMNS.grant.label,
      {
        ...amountFormula(
          sumIfs(SHEET_NAMES.expenses, 'amount', [{ column: 'funding', equals: listLabel(FUNDING_SOURCES, 'grant') as string }]),
          facts.costOre({ funding: 'grant' }),
        ),
        kind: 'amount',
      },
    ],
  ];
  const costs = costsByBoardSheet(yearList, facts).sheet;
  const settlement = settlementSheet(input, yearList, facts);
  const check = checkSheet([overviewSheet(lines), costs, settlement]);
  return {
    kind: 'financial',
    fileName: reportFileName('financial', yearList),
    title,
    sheets: [
      overviewSheet(lines, check.allAgree),
      expensesSheet(years),
      costs,
      fundsSheet(input, yearList),
      settlement,
      check.sheet,
      sourcesSheet(yearList, facts),
    ],
  };
}
