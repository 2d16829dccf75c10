import { initiativeYear, type InitiativeSettings, type Year } from '../reference/initiative';
import { serialFromIsoDate } from '../sheet/cell-values';
import { YEAR_COLUMN } from './detail-sheets';
import type { NationFacts } from './report-facts';
import type { FundsMovement, NationReportInput } from './report-input';
import { FLAGS, FUNDS_KIND_LABELS, lateFlag, SHEET_NAMES } from './report-labels';
import { fromOre, tableSheet, toOre, type Criterion, type Expr, type FormulaCell, type ReportCell, type ReportColumn, type ReportSheet } from './report-model';
import { isAfter } from './submission-timing';
import { amountFormula, ceilingFlag, ceilingOre, countIfs, formula, grantCosts, ref, REPORT_SUMMARY_COLUMNS, sumIfs } from './summary-sheets';

/*
 * The funds from Kammarkollegiet: each requisition and repayment against its deadline, and per year the settlement of
 * what was requisitioned against the grant-funded costs and what is left to repay. The financial report holds them,
 * and the status and final reports too (the draft to the ministry reports them).
 */

const FUNDS_COLUMNS: readonly ReportColumn[] = [
  YEAR_COLUMN,
  { key: 'kind', label: 'Typ', kind: 'text', width: 16 },
  { key: 'date', label: 'Datum', kind: 'date', width: 12 },
  { key: 'amount', label: 'Belopp (kr)', kind: 'amount', width: 16 },
  { key: 'deadline', label: 'Senast', kind: 'date', width: 12 },
  { key: 'timing', label: 'I tid', kind: 'text', width: 24 },
];

function deadlineOf(settings: InitiativeSettings, year: Year, movement: Pick<FundsMovement, 'kind'>): string | undefined {
  const entry = initiativeYear(settings, year);
  return movement.kind === 'requisition' ? entry?.requisitionDeadline : entry?.repaymentDeadline;
}

const timing = (date: string, deadline: string | undefined): string =>
  deadline === undefined ? '' : isAfter(date, deadline) ? lateFlag(deadline) : FLAGS.inTime;

/** Every requisition from and repayment to Kammarkollegiet, against its deadline. */
export function fundsSheet(input: NationReportInput, years: readonly Year[]): ReportSheet {
  const rows: ReportCell[][] = [];
  for (const year of years) {
    const movements = [...(input.funds?.find((entry) => entry.year === year)?.movements ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    for (const movement of movements) {
      const deadline = deadlineOf(input.settings, year, movement);
      rows.push([year, FUNDS_KIND_LABELS[movement.kind], movement.date, fromOre(toOre(movement.amount)), deadline, timing(movement.date, deadline)]);
    }
  }
  return tableSheet(SHEET_NAMES.funds, FUNDS_COLUMNS, rows, { filter: true, highlights: [{ column: 'timing', startsWith: FLAGS.late, tone: 'alert' }] });
}

const SETTLEMENT_COLUMNS: readonly ReportColumn[] = [
  YEAR_COLUMN,
  REPORT_SUMMARY_COLUMNS.ceiling,
  { key: 'requisitioned', label: 'Rekvirerat', kind: 'amount', width: 16 },
  { key: 'requisitionDeadline', label: 'Rekvireras senast', kind: 'date', width: 14 },
  { key: 'requisitionTiming', label: 'Rekvirerat i tid', kind: 'text', width: 24 },
  REPORT_SUMMARY_COLUMNS.grant,
  REPORT_SUMMARY_COLUMNS.margin,
  REPORT_SUMMARY_COLUMNS.assessment,
  { key: 'unused', label: 'Outnyttjade medel', kind: 'amount', width: 18 },
  { key: 'repaid', label: 'Återbetalt', kind: 'amount', width: 16 },
  { key: 'toRepay', label: 'Kvar att återbetala', kind: 'amount', width: 18 },
  { key: 'repaymentDeadline', label: 'Återbetalas senast', kind: 'date', width: 14 },
];

const fundsOf = (year: Year, kind: FundsMovement['kind']): Criterion[] => [
  { column: 'year', equals: year },
  { column: 'kind', equals: FUNDS_KIND_LABELS[kind] },
];

const NONE: Expr = { op: 'num', value: 0 };

/** Whether the year's requisitions came in time: late if any came after the deadline; none at all is said so. */
function requisitionTiming(input: NationReportInput, year: Year, deadline: string): FormulaCell {
  const requisitions = (input.funds?.find((entry) => entry.year === year)?.movements ?? []).filter((movement) => movement.kind === 'requisition');
  const late = countIfs(SHEET_NAMES.funds, [...fundsOf(year, 'requisition'), { column: 'date', compare: '>', value: serialFromIsoDate(deadline) }]);
  const expr: Expr = {
    op: 'flag',
    left: countIfs(SHEET_NAMES.funds, fundsOf(year, 'requisition')),
    right: NONE,
    whenGreater: { op: 'flag', left: late, right: NONE, whenGreater: lateFlag(deadline), otherwise: FLAGS.inTime },
    otherwise: FLAGS.notRequisitioned,
  };
  if (requisitions.length === 0) return formula(expr, FLAGS.notRequisitioned);
  return formula(expr, requisitions.some((movement) => isAfter(movement.date, deadline)) ? lateFlag(deadline) : FLAGS.inTime);
}

/** Per year: the ceiling, what was requisitioned and when, the grant-funded costs, and what is left to repay. */
export function settlementSheet(input: NationReportInput, years: readonly Year[], facts: NationFacts): ReportSheet {
  const rows: ReportCell[][] = years.map((year, row) => {
    const entry = initiativeYear(input.settings, year);
    const yearCeilingOre = ceilingOre(input.settings, year);
    const requisitionedOre = facts.fundsOre(year, 'requisition');
    const repaidOre = facts.fundsOre(year, 'repayment');
    const grantOre = facts.costOre({ year, funding: 'grant' });
    const unusedOre = Math.max(0, requisitionedOre - grantOre);
    const deadline = entry?.requisitionDeadline ?? '';
    return [
      year,
      fromOre(yearCeilingOre),
      amountFormula(sumIfs(SHEET_NAMES.funds, 'amount', fundsOf(year, 'requisition')), requisitionedOre),
      deadline,
      requisitionTiming(input, year, deadline),
      grantCosts(year, facts),
      amountFormula({ op: 'sub', left: ref(row, 'ceiling'), right: ref(row, 'grant') }, yearCeilingOre - grantOre),
      ceilingFlag(row, 'grant', 'ceiling', grantOre, yearCeilingOre),
      amountFormula({ op: 'max0', arg: { op: 'sub', left: ref(row, 'requisitioned'), right: ref(row, 'grant') } }, unusedOre),
      amountFormula(sumIfs(SHEET_NAMES.funds, 'amount', fundsOf(year, 'repayment')), repaidOre),
      amountFormula({ op: 'max0', arg: { op: 'sub', left: ref(row, 'unused'), right: ref(row, 'repaid') } }, Math.max(0, unusedOre - repaidOre)),
      entry?.repaymentDeadline,
    ];
  });
  return tableSheet(SHEET_NAMES.settlement, SETTLEMENT_COLUMNS, rows, {
    filter: true,
    highlights: [
      { column: 'assessment', startsWith: FLAGS.overCeiling, tone: 'alert' },
      { column: 'requisitionTiming', startsWith: FLAGS.late, tone: 'alert' },
      { column: 'requisitionTiming', startsWith: FLAGS.notRequisitioned, tone: 'alert' },
      { column: 'toRepay', above: 0, tone: 'notice' },
    ],
  });
}
