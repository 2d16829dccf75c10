import type { Year } from '../reference/initiative';
import { roundDueDate } from '../round/reporting-round';
import { BOARDS } from '../reference/boards';
import { checkSheet, sourcesSheet } from './check-sheet';
import { activitiesSheet, expensesSheet } from './detail-sheets';
import { fundsSheet, settlementSheet } from './funds-sheets';
import { NationFacts } from './report-facts';
import type { NationReportInput, ReportNationYear } from './report-input';
import { FLAGS, REPORT_TITLES, reportFileName, SHEET_NAMES } from './report-labels';
import { fromOre, type FormulaCell, type ReportModel } from './report-model';
import { headLines, overviewSheet, textLine, type OverviewLine } from './overview-sheet';
import {
  activityCountFormula,
  ceilingOre,
  ceilingsSheet,
  costsByBoardSheet,
  missingBoardsText,
  participantsSheet,
  ref,
  ROUND_LINE_LABEL,
  roundSummaryText,
  REPORT_SUMMARY_COLUMNS,
  submissionsSheet,
  submittedBoardsFormula,
  WOMEN_SHARE_NOTE,
  womenShareValue,
} from './summary-sheets';

/** The input's rows for the given years (an empty year where nothing was submitted), and the figures counted from them. */
export function nationBasis(input: NationReportInput, years: readonly Year[]): { years: ReportNationYear[]; facts: NationFacts } {
  const nation = years.map((year) => input.years.find((entry) => entry.year === year) ?? { year, activities: [], expenses: [] });
  return { years: nation, facts: new NationFacts({ ...input, years: nation }) };
}

const withKind = (cell: FormulaCell, kind: FormulaCell['kind']): FormulaCell => ({ ...cell, kind });

/** Lägesrapport: one year's activities, participants, costs against the ceiling, and who has submitted. */
export function statusReport(input: NationReportInput, year: Year = input.settings.statusReport.year): ReportModel {
  const { settings } = input;
  const { years, facts } = nationBasis(input, [year]);
  const due = settings.statusReport.due;
  const participants = participantsSheet([year], facts);
  const ceilings = ceilingsSheet(settings, [year], facts);
  const totalRow = participants.yearRow.get(year) as number;
  const ceilingRow = ceilings.yearRow.get(year) as number;
  const people = facts.participants(year);
  const grantOre = facts.costOre({ year, funding: 'grant' });
  const yearCeilingOre = ceilingOre(settings, year);
  const { submitted, missing, total, womenShare, ceiling, grant, margin, assessment } = REPORT_SUMMARY_COLUMNS;
  const lines: OverviewLine[] = [
    ...headLines(settings, `${REPORT_TITLES.status} ${year}`, String(year), input.generatedAt, due),
    [submitted.label, withKind(submittedBoardsFormula(year, facts), 'count')],
    ['Antal län', { value: BOARDS.length, kind: 'count' }],
    textLine(missing.label, missingBoardsText(year, facts)),
    textLine(ROUND_LINE_LABEL, roundSummaryText(year, facts)),
    ['Aktiviteter', withKind(activityCountFormula(year, facts), 'count')],
    [total.label, { formula: ref(totalRow, 'total', SHEET_NAMES.participants), value: people.women + people.men + people.unspecified, kind: 'count' }],
    [
      womenShare.label,
      {
        formula: ref(totalRow, 'womenShare', SHEET_NAMES.participants),
        value: womenShareValue(people.women, people.men),
        kind: 'share',
      },
    ],
    textLine(...WOMEN_SHARE_NOTE),
    [ceiling.label, { formula: ref(ceilingRow, 'ceiling', SHEET_NAMES.ceilings), value: fromOre(yearCeilingOre), kind: 'amount' }],
    [grant.label, { formula: ref(ceilingRow, 'grant', SHEET_NAMES.ceilings), value: fromOre(grantOre), kind: 'amount' }],
    [margin.label, { formula: ref(ceilingRow, 'margin', SHEET_NAMES.ceilings), value: fromOre(yearCeilingOre - grantOre), kind: 'amount' }],
    [
      assessment.label,
      {
        formula: ref(ceilingRow, 'assessment', SHEET_NAMES.ceilings),
        value: grantOre > yearCeilingOre ? FLAGS.overCeiling : FLAGS.withinCeiling,
        kind: 'text',
      },
    ],
  ];
  const costs = costsByBoardSheet([year], facts).sheet;
  const settlement = settlementSheet(input, [year], facts);
  const check = checkSheet([overviewSheet(lines), participants.sheet, costs, ceilings.sheet, settlement]);
  return {
    kind: 'status',
    fileName: reportFileName('status', [year]),
    title: `${REPORT_TITLES.status} ${year}`,
    sheets: [
      overviewSheet(lines, check.allAgree),
      activitiesSheet(years),
      participants.sheet,
      expensesSheet(years),
      costs,
      ceilings.sheet,
      fundsSheet(input, [year]),
      settlement,
      submissionsSheet([year], facts, (of) => roundDueDate(settings, of)).sheet,
      check.sheet,
      sourcesSheet([year], facts),
    ],
  };
}
