import { initiativeYears, type Year } from '../reference/initiative';
import { roundDueDate } from '../round/reporting-round';
import { checkSheet, sourcesSheet } from './check-sheet';
import { activitiesSheet, expensesSheet, learningExamplesSheet, resultsSheet, YEAR_COLUMN } from './detail-sheets';
import type { NationFacts } from './report-facts';
import type { NationReportInput } from './report-input';
import { REPORT_TITLES, reportFileName, SHEET_NAMES, yearSpan } from './report-labels';
import { fromOre, tableSheet, type ReportCell, type ReportColumn, type ReportModel, type ReportSheet } from './report-model';
import { headLines, overviewSheet, textLine } from './overview-sheet';
import { nationBasis } from './status-report';
import {
  activityCountFormula,
  ceilingOre,
  ceilingsSheet,
  costsByBoardSheet,
  formula,
  learningExampleCountFormula,
  missingBoardsText,
  participantsSheet,
  ref,
  ROUND_LINE_LABEL,
  roundSummaryText,
  REPORT_SUMMARY_COLUMNS,
  submissionsSheet,
  submittedBoardsFormula,
  womenShare,
  WOMEN_SHARE_NOTE,
  type SummarySheet,
} from './summary-sheets';
import { boardYearsSheet } from './board-years-sheet';
import { fundsSheet, settlementSheet } from './funds-sheets';

const PER_YEAR_COLUMNS: readonly ReportColumn[] = [
  YEAR_COLUMN,
  REPORT_SUMMARY_COLUMNS.submitted,
  REPORT_SUMMARY_COLUMNS.missing,
  { key: 'activities', label: 'Aktiviteter', kind: 'count', width: 12 },
  { key: 'completed', label: 'Genomförda aktiviteter', kind: 'count', width: 14 },
  { key: 'learningExamples', label: 'Lärande exempel', kind: 'count', width: 12 },
  { key: 'women', label: 'Deltagare kvinnor', kind: 'count', width: 12 },
  { key: 'men', label: 'Deltagare män', kind: 'count', width: 12 },
  { key: 'unspecified', label: 'Deltagare ej könsuppdelat', kind: 'count', width: 16 },
  REPORT_SUMMARY_COLUMNS.womenShare,
  REPORT_SUMMARY_COLUMNS.ceiling,
  REPORT_SUMMARY_COLUMNS.grant,
  REPORT_SUMMARY_COLUMNS.own,
  REPORT_SUMMARY_COLUMNS.margin,
];

const ADDITIVE = ['activities', 'completed', 'learningExamples', 'women', 'men', 'unspecified', 'ceiling', 'grant', 'own', 'margin'] as const;

interface YearFigures {
  readonly activities: number;
  readonly completed: number;
  readonly learningExamples: number;
  readonly women: number;
  readonly men: number;
  readonly unspecified: number;
  readonly ceilingOre: number;
  readonly grantOre: number;
  readonly ownOre: number;
}

function yearFigures(year: Year, facts: NationFacts, settings: NationReportInput['settings']): YearFigures {
  const people = facts.participants(year);
  return {
    activities: facts.activityCount(year),
    completed: facts.activityCount(year, 'completed'),
    learningExamples: facts.activityCount(year, 'learning-example'),
    ...people,
    ceilingOre: ceilingOre(settings, year),
    grantOre: facts.costOre({ year, funding: 'grant' }),
    ownOre: facts.costOre({ year, funding: 'own' }),
  };
}

function sumFigures(all: readonly YearFigures[]): YearFigures {
  const sum = (pick: (figures: YearFigures) => number): number => all.reduce((total, figures) => total + pick(figures), 0);
  return {
    activities: sum((f) => f.activities),
    completed: sum((f) => f.completed),
    learningExamples: sum((f) => f.learningExamples),
    women: sum((f) => f.women),
    men: sum((f) => f.men),
    unspecified: sum((f) => f.unspecified),
    ceilingOre: sum((f) => f.ceilingOre),
    grantOre: sum((f) => f.grantOre),
    ownOre: sum((f) => f.ownOre),
  };
}

function additiveValues(figures: YearFigures): Record<(typeof ADDITIVE)[number], number> {
  return {
    activities: figures.activities,
    completed: figures.completed,
    learningExamples: figures.learningExamples,
    women: figures.women,
    men: figures.men,
    unspecified: figures.unspecified,
    ceiling: fromOre(figures.ceilingOre),
    grant: fromOre(figures.grantOre),
    own: fromOre(figures.ownOre),
    margin: fromOre(figures.ceilingOre - figures.grantOre),
  };
}

/** One line per year pointing at the sheets that hold its figures, and a line summing the years. */
function perYearSheet(
  years: readonly Year[],
  facts: NationFacts,
  participants: SummarySheet,
  ceilings: SummarySheet,
  settings: NationReportInput['settings'],
): ReportSheet {
  const figures = years.map((year) => yearFigures(year, facts, settings));
  const rows: ReportCell[][] = years.map((year, index) => {
    const values = additiveValues(figures[index] as YearFigures);
    const personRow = participants.yearRow.get(year) as number;
    const ceilingRow = ceilings.yearRow.get(year) as number;
    return [
      year,
      submittedBoardsFormula(year, facts),
      missingBoardsText(year, facts),
      activityCountFormula(year, facts),
      activityCountFormula(year, facts, 'completed'),
      learningExampleCountFormula(year, facts),
      formula(ref(personRow, 'women', SHEET_NAMES.participants), values.women),
      formula(ref(personRow, 'men', SHEET_NAMES.participants), values.men),
      formula(ref(personRow, 'unspecified', SHEET_NAMES.participants), values.unspecified),
      womenShare(index, values.women, values.men),
      formula(ref(ceilingRow, 'ceiling', SHEET_NAMES.ceilings), values.ceiling),
      formula(ref(ceilingRow, 'grant', SHEET_NAMES.ceilings), values.grant),
      formula(ref(ceilingRow, 'own', SHEET_NAMES.ceilings), values.own),
      formula(ref(ceilingRow, 'margin', SHEET_NAMES.ceilings), values.margin),
    ];
  });
  const span = years.map((_, index) => index);
  const total = additiveValues(sumFigures(figures));
  const sums = ADDITIVE.map((key) => formula({ op: 'sumRows', column: key, rows: span }, total[key]));
  const shareAt = ADDITIVE.indexOf('unspecified') + 1;
  rows.push([null, null, 'Summa', ...sums.slice(0, shareAt), womenShare(years.length, total.women, total.men), ...sums.slice(shareAt)]);
  return tableSheet(SHEET_NAMES.perYear, PER_YEAR_COLUMNS, rows, { filter: true, highlights: [{ column: 'margin', below: 0, tone: 'alert' }] });
}

/** Slutredovisning: both years, with results, assessed effects and the learning examples. */
export function finalReport(input: NationReportInput): ReportModel {
  const { settings } = input;
  const yearList = initiativeYears(settings);
  const { years, facts } = nationBasis(input, yearList);
  const due = settings.finalReport.due;
  const participants = participantsSheet(yearList, facts);
  const ceilings = ceilingsSheet(settings, yearList, facts);
  const title = `${REPORT_TITLES.final} ${yearSpan(yearList)}`;
  const lines = [
    ...headLines(settings, title, yearSpan(yearList), input.generatedAt, due),
    ...yearList.map((year) => textLine(`${ROUND_LINE_LABEL} ${year}`, roundSummaryText(year, facts))),
    textLine(...WOMEN_SHARE_NOTE),
  ];
  const perYear = perYearSheet(yearList, facts, participants, ceilings, settings);
  const perBoard = boardYearsSheet(yearList, facts);
  const costs = costsByBoardSheet(yearList, facts).sheet;
  const settlement = settlementSheet(input, yearList, facts);
  const check = checkSheet([overviewSheet(lines), perYear, perBoard, participants.sheet, costs, ceilings.sheet, settlement]);
  return {
    kind: 'final',
    fileName: reportFileName('final', yearList),
    title,
    sheets: [
      overviewSheet(lines, check.allAgree),
      perYear,
      perBoard,
      activitiesSheet(years),
      resultsSheet(years),
      learningExamplesSheet(years),
      participants.sheet,
      expensesSheet(years),
      costs,
      ceilings.sheet,
      fundsSheet(input, yearList),
      settlement,
      submissionsSheet(yearList, facts, (of) => roundDueDate(settings, of)).sheet,
      check.sheet,
      sourcesSheet(yearList, facts),
    ],
  };
}
