import { BOARDS, type BoardCode } from '../reference/boards';
import { initiativeYear, type InitiativeSettings, type Year } from '../reference/initiative';
import { ACTIVITY_STATUSES, EXPENSE_CATEGORIES, FUNDING_SOURCES, STRANDS, TARGET_GROUPS, type ActivityStatus } from '../templates/list-definitions';
import { templateDefinition } from '../templates/templates';
import { activityColumn, BOARD_COLUMN, BOARD_NAME_COLUMN, templateColumn, YEAR_COLUMN } from './detail-sheets';
import { reportedTemplates, type NationFacts } from './report-facts';
import { FLAGS, lateFlag, listLabel, NOTHING_TO_REPORT, ROUND_LABELS, SHEET_NAMES, YES } from './report-labels';
import { fromOre, tableSheet, toOre, type Criterion, type Expr, type FormulaCell, type ReportCell, type ReportColumn, type ReportSheet } from './report-model';
import { isAfter, swedishLocalTime } from './submission-timing';

/** A summary sheet and the rows other sheets point at. */
export interface SummarySheet {
  readonly sheet: ReportSheet;
  /** The row holding a year's totals. */
  readonly yearRow: ReadonlyMap<Year, number>;
}

const activityLabel = (key: string): string => activityColumn(key).label.sv;

export const sumIfs = (sheet: string, sum: string, where: readonly Criterion[]): Expr => ({ op: 'sumIfs', sheet, sum, where });
export const countIfs = (sheet: string, where: readonly Criterion[]): Expr => ({ op: 'countIfs', sheet, where });
export const ref = (row: number, column: string, sheet?: string): Expr => (sheet ? { op: 'ref', sheet, row, column } : { op: 'ref', row, column });
export const formula = (expr: Expr, value: number | string): FormulaCell => ({ formula: expr, value });
export const amountFormula = (expr: Expr, ore: number): FormulaCell => ({ formula: expr, value: fromOre(ore) });

const amount = (key: string, label: string, width = 16): ReportColumn => ({ key, label, kind: 'amount', width });
const count = (key: string, label: string, width = 12): ReportColumn => ({ key, label, kind: 'count', width });
const text = (key: string, label: string, width = 24): ReportColumn => ({ key, label, kind: 'text', width });

/** The report columns (and overview lines) that several summary sheets show: each label is written here once. */
export const REPORT_SUMMARY_COLUMNS = {
  submitted: count('submitted', 'Inlämnade län (båda mallarna)', 16),
  missing: text('missing', 'Län som saknas', 30),
  total: count('total', 'Deltagare totalt'),
  womenShare: { key: 'womenShare', label: 'Andel kvinnor (av könsuppdelade)', kind: 'share', width: 16 },
  ceiling: amount('ceiling', 'Takbelopp', 16),
  grant: amount('grant', 'Kostnader mot anslaget', 20),
  own: amount('own', 'Kostnader, egna medel', 20),
  margin: amount('margin', 'Marginal (negativ = överskridande)', 22),
  assessment: text('assessment', 'Bedömning', 20),
} as const satisfies Record<string, ReportColumn>;

/** A year's ceiling in whole öre (0 for a year the settings don't know). */
export const ceilingOre = (settings: InitiativeSettings, year: Year): number => toOre(initiativeYear(settings, year)?.ceiling ?? 0);

/**
 * The fewest participants with their sex given for which a women's share is shown: below it one person moves the
 * share by ten points or more, so the cell stays empty rather than print 0 % or 100 % of a handful.
 */
export const WOMEN_SHARE_MINIMUM = 10;

/** The overview line that says why a women's share can be empty. */
export const WOMEN_SHARE_NOTE = ['Tom andel kvinnor', `Färre än ${WOMEN_SHARE_MINIMUM} deltagare med kön angivet: en andel av så få säger inget`] as const;

/** Women / (women + men), or empty text when fewer than WOMEN_SHARE_MINIMUM have their sex given. */
export function womenShareValue(women: number, men: number): number | '' {
  return women + men < WOMEN_SHARE_MINIMUM ? '' : women / (women + men);
}

/** A women-share formula over the row's own `women` and `men` cells (or the given columns). */
export function womenShare(row: number, women: number, men: number, columns: { women: string; men: string } = { women: 'women', men: 'men' }): FormulaCell {
  const expr: Expr = {
    op: 'share',
    left: ref(row, columns.women),
    right: { op: 'add', terms: [ref(row, columns.women), ref(row, columns.men)] },
    minimum: WOMEN_SHARE_MINIMUM,
  };
  return formula(expr, womenShareValue(women, men));
}

/** Participants by year, strand and target group, split women / men / unspecified. */
export function participantsSheet(years: readonly Year[], facts: NationFacts): SummarySheet {
  const columns: ReportColumn[] = [
    YEAR_COLUMN,
    templateColumn(activityColumn('strand')),
    templateColumn(activityColumn('targetGroup')),
    count('women', activityLabel('participantsWomen')),
    count('men', activityLabel('participantsMen')),
    count('unspecified', activityLabel('participantsUnspecified'), 16),
    REPORT_SUMMARY_COLUMNS.total,
    REPORT_SUMMARY_COLUMNS.womenShare,
  ];
  const sums = [
    ['women', 'participantsWomen'],
    ['men', 'participantsMen'],
    ['unspecified', 'participantsUnspecified'],
  ] as const;
  const rows: ReportCell[][] = [];
  const yearRow = new Map<Year, number>();
  for (const year of years) {
    const first = rows.length;
    for (const strand of STRANDS.options) {
      for (const group of TARGET_GROUPS.options) {
        const row = rows.length;
        const counts = facts.participants(year, strand.key, group.key);
        // Compact: only the strand and target group pairs that had participants; the year's total still sums them all.
        if (counts.women + counts.men + counts.unspecified === 0) continue;
        const where: Criterion[] = [
          { column: 'year', equals: year },
          { column: 'strand', equals: strand.label.sv },
          { column: 'targetGroup', equals: group.label.sv },
        ];
        const cells = sums.map(([key, source]) => formula(sumIfs(SHEET_NAMES.activities, source, where), counts[key]));
        const total = formula({ op: 'add', terms: sums.map(([key]) => ref(row, key)) }, counts.women + counts.men + counts.unspecified);
        rows.push([year, strand.label.sv, group.label.sv, ...cells, total, womenShare(row, counts.women, counts.men)]);
      }
    }
    const row = rows.length;
    const counts = facts.participants(year);
    const span = Array.from({ length: row - first }, (_, index) => first + index);
    const cells = (['women', 'men', 'unspecified', 'total'] as const).map((key) =>
      formula({ op: 'sumRows', column: key, rows: span }, key === 'total' ? counts.women + counts.men + counts.unspecified : counts[key]),
    );
    rows.push([year, `Summa ${year}`, null, ...cells, womenShare(row, counts.women, counts.men)]);
    yearRow.set(year, row);
  }
  return { sheet: tableSheet(SHEET_NAMES.participants, columns, rows), yearRow };
}

interface CostColumn {
  readonly key: string;
  readonly category?: string;
  readonly funding?: string;
}

function costColumns(): { columns: ReportColumn[]; parts: CostColumn[] } {
  const columns: ReportColumn[] = [];
  const parts: CostColumn[] = [];
  for (const funding of FUNDING_SOURCES.options) {
    for (const category of EXPENSE_CATEGORIES.options) {
      const key = `${funding.key}:${category.key}`;
      columns.push(amount(key, `${category.label.sv} – ${funding.label.sv}`, 18));
      parts.push({ key, category: category.key, funding: funding.key });
    }
    columns.push(amount(`${funding.key}:total`, `Summa ${funding.label.sv}`, 18));
    parts.push({ key: `${funding.key}:total`, funding: funding.key });
  }
  columns.push(amount('total', 'Summa kostnader', 18));
  parts.push({ key: 'total' });
  return { columns, parts };
}

function costCell(year: Year, board: string, row: number, part: CostColumn, facts: NationFacts): FormulaCell {
  const ore = facts.costOre({
    year,
    board: board as never,
    ...(part.category ? { category: part.category } : {}),
    ...(part.funding ? { funding: part.funding } : {}),
  });
  if (part.category && part.funding) {
    const where: Criterion[] = [
      { column: 'year', equals: year },
      { column: 'board', equals: board },
      { column: 'category', equals: listLabel(EXPENSE_CATEGORIES, part.category) as string },
      { column: 'funding', equals: listLabel(FUNDING_SOURCES, part.funding) as string },
    ];
    return amountFormula(sumIfs(SHEET_NAMES.expenses, 'amount', where), ore);
  }
  const keys = part.funding
    ? EXPENSE_CATEGORIES.options.map((category) => `${part.funding}:${category.key}`)
    : FUNDING_SOURCES.options.map((funding) => `${funding.key}:total`);
  return amountFormula({ op: 'add', terms: keys.map((key) => ref(row, key)) }, ore);
}

/** Costs by year, board and category, grant-funded and own, with each year's total. */
export function costsByBoardSheet(years: readonly Year[], facts: NationFacts): SummarySheet {
  const { columns, parts } = costColumns();
  const rows: ReportCell[][] = [];
  const yearRow = new Map<Year, number>();
  for (const year of years) {
    const first = rows.length;
    for (const board of BOARDS) {
      const row = rows.length;
      rows.push([year, board.code, board.name, ...parts.map((part) => costCell(year, board.code, row, part, facts))]);
    }
    const span = Array.from({ length: BOARDS.length }, (_, index) => first + index);
    const totals = parts.map((part) =>
      amountFormula(
        { op: 'sumRows', column: part.key, rows: span },
        facts.costOre({ year, ...(part.category ? { category: part.category } : {}), ...(part.funding ? { funding: part.funding } : {}) }),
      ),
    );
    yearRow.set(year, rows.length);
    rows.push([year, null, `Summa ${year}`, ...totals]);
  }
  return { sheet: tableSheet(SHEET_NAMES.costsByBoard, [YEAR_COLUMN, BOARD_COLUMN, BOARD_NAME_COLUMN, ...columns], rows), yearRow };
}

const grantLabel = (): string => listLabel(FUNDING_SOURCES, 'grant') as string;

/** Grant-funded costs of a year, as a formula over the cost lines. */
export function grantCosts(year: Year, facts: NationFacts): FormulaCell {
  const where: Criterion[] = [
    { column: 'year', equals: year },
    { column: 'funding', equals: grantLabel() },
  ];
  return amountFormula(sumIfs(SHEET_NAMES.expenses, 'amount', where), facts.costOre({ year, funding: 'grant' }));
}

export function ceilingFlag(row: number, costColumn: string, ceilingColumn: string, costOre: number, ceilingOre: number): FormulaCell {
  const expr: Expr = { op: 'flag', left: ref(row, costColumn), right: ref(row, ceilingColumn), whenGreater: FLAGS.overCeiling, otherwise: FLAGS.withinCeiling };
  return formula(expr, costOre > ceilingOre ? FLAGS.overCeiling : FLAGS.withinCeiling);
}

/** Each year's grant-funded costs against its ceiling: the margin, or the excess flagged. */
export function ceilingsSheet(settings: InitiativeSettings, years: readonly Year[], facts: NationFacts): SummarySheet {
  const { ceiling, grant, own, margin, assessment } = REPORT_SUMMARY_COLUMNS;
  const columns: ReportColumn[] = [YEAR_COLUMN, ceiling, grant, own, margin, assessment];
  const yearRow = new Map<Year, number>();
  const rows = years.map((year, row): ReportCell[] => {
    yearRow.set(year, row);
    const yearCeilingOre = ceilingOre(settings, year);
    const grantOre = facts.costOre({ year, funding: 'grant' });
    const ownCosts = amountFormula(
      sumIfs(SHEET_NAMES.expenses, 'amount', [
        { column: 'year', equals: year },
        { column: 'funding', equals: listLabel(FUNDING_SOURCES, 'own') as string },
      ]),
      facts.costOre({ year, funding: 'own' }),
    );
    const marginCell = amountFormula({ op: 'sub', left: ref(row, 'ceiling'), right: ref(row, 'grant') }, yearCeilingOre - grantOre);
    return [year, fromOre(yearCeilingOre), grantCosts(year, facts), ownCosts, marginCell, ceilingFlag(row, 'grant', 'ceiling', grantOre, yearCeilingOre)];
  });
  const sheet = tableSheet(SHEET_NAMES.ceilings, columns, rows, {
    filter: true,
    highlights: [
      { column: 'assessment', startsWith: FLAGS.overCeiling, tone: 'alert' },
      { column: 'margin', below: 0, tone: 'alert' },
    ],
  });
  return { sheet, yearRow };
}

function submissionColumns(template: string): ReportColumn[] {
  const name = templateDefinition(template).label.sv;
  return [
    count(`${template}:version`, `${name}: version`, 12),
    { key: `${template}:submittedAt`, label: `${name}: inlämnad`, kind: 'dateTime', width: 18 },
    count(`${template}:warnings`, `${name}: varningar`, 14),
    text(`${template}:timing`, `${name}: i tid`, 14),
    text(`${template}:round`, `${name}: granskning`, 20),
  ];
}

const MISSING_PREFIX = 'Saknar';

/** The status column: complete, what is missing, or the templates the board had nothing to report in. */
function submissionStatus(year: Year, board: BoardCode, facts: NationFacts): string {
  const templates = reportedTemplates();
  const missing = templates.filter((template) => !facts.version(year, board, template));
  if (missing.length > 0) return `${MISSING_PREFIX} ${missing.map((template) => templateDefinition(template).label.sv).join(' och ')}`;
  const nothing = templates.filter((template) => facts.round(year, board, template)?.nothingToReport);
  if (nothing.length > 0) return `${NOTHING_TO_REPORT}: ${nothing.map((template) => templateDefinition(template).label.sv).join(' och ')}`;
  return FLAGS.complete;
}

/**
 * Which boards submitted what and when, and where each stands in the reporting round (who submitted each version, its
 * rows and content hash are on the sources sheet, Kontroll källor): a submission after its year's due day
 * (`dueOf(year)`, the round's own `roundDueDate`, so a report and the round's overview never disagree) is marked late,
 * a returned one red, one not yet accepted yellow, as is a board with nothing to report.
 */
export function submissionsSheet(years: readonly Year[], facts: NationFacts, dueOf: (year: Year) => string): SummarySheet {
  const templates = reportedTemplates();
  const columns = [YEAR_COLUMN, BOARD_COLUMN, BOARD_NAME_COLUMN, ...templates.flatMap(submissionColumns), text('status', 'Status', 30)];
  const rows: ReportCell[][] = [];
  for (const year of years) {
    const due = dueOf(year);
    for (const board of BOARDS) {
      const cells: ReportCell[] = [year, board.code, board.name];
      for (const template of templates) {
        const version = facts.version(year, board.code, template);
        const round = facts.round(year, board.code, template);
        if (!version || !round) cells.push(null, null, null, null, null);
        else
          cells.push(
            version.version,
            swedishLocalTime(version.submittedAt),
            version.warningCount,
            isAfter(version.submittedAt, due) ? lateFlag(due) : FLAGS.inTime,
            ROUND_LABELS[round.state as keyof typeof ROUND_LABELS],
          );
      }
      cells.push(submissionStatus(year, board.code, facts));
      rows.push(cells);
    }
  }
  const highlights = templates.flatMap((template) => [
    { column: `${template}:timing`, startsWith: FLAGS.late, tone: 'alert' as const },
    { column: `${template}:round`, startsWith: ROUND_LABELS.returned, tone: 'alert' as const },
    { column: `${template}:round`, startsWith: ROUND_LABELS.submitted, tone: 'notice' as const },
    { column: `${template}:warnings`, above: 0, tone: 'notice' as const },
  ]);
  const sheet = tableSheet(SHEET_NAMES.submissions, columns, rows, {
    filter: true,
    highlights: [
      { column: 'status', startsWith: MISSING_PREFIX, tone: 'alert' },
      ...highlights,
      { column: 'status', startsWith: NOTHING_TO_REPORT, tone: 'notice' },
    ],
  });
  return { sheet, yearRow: new Map() };
}

/** The overview line saying where the year's submissions stand in the reporting round. */
export const ROUND_LINE_LABEL = 'Granskning';

/**
 * Where the year's submissions stand in the round, for the overview: `3 godkända, 2 väntar på granskning, 1 återsänd
 * för rättelse: C (Aktiviteter)`, naming the returned ones (the coordinator's next step); `Inga inlämningar` when none.
 */
export function roundSummaryText(year: Year, facts: NationFacts): string {
  const counts = { accepted: 0, submitted: 0, returned: 0 };
  const returned: string[] = [];
  for (const board of BOARDS) {
    for (const template of reportedTemplates()) {
      const round = facts.round(year, board.code, template);
      if (!round || round.state === 'missing') continue;
      counts[round.state] += 1;
      if (round.state === 'returned') returned.push(`${board.code} (${templateDefinition(template).label.sv})`);
    }
  }
  if (counts.accepted + counts.submitted + counts.returned === 0) return 'Inga inlämningar';
  const parts = [
    `${counts.accepted} ${counts.accepted === 1 ? 'godkänd' : 'godkända'}`,
    `${counts.submitted} väntar på granskning`,
    `${counts.returned} ${counts.returned === 1 ? 'återsänd' : 'återsända'} för rättelse${returned.length > 0 ? `: ${returned.join(', ')}` : ''}`,
  ];
  return parts.join(', ');
}

/** How many boards submitted every template for a year, counted in the submissions sheet. */
export function submittedBoardsFormula(year: Year, facts: NationFacts): FormulaCell {
  const where: Criterion[] = [
    { column: 'year', equals: year },
    ...reportedTemplates().map((template): Criterion => ({ column: `${template}:version`, compare: '>', value: 0 })),
  ];
  return formula(countIfs(SHEET_NAMES.submissions, where), facts.submittedBoards(year).length);
}

export function missingBoardsText(year: Year, facts: NationFacts): string {
  const missing = facts.missing(year);
  if (missing.length === 0) return FLAGS.nothingMissing;
  return missing
    .map(({ board, templates }) =>
      templates.length === reportedTemplates().length ? board : `${board} (${templates.map((template) => templateDefinition(template).label.sv).join(', ')})`,
    )
    .join(', ');
}

/** Activities of a year, or those with a status (by key), counted in the activities sheet. */
export function activityCountFormula(year: Year, facts: NationFacts, status?: ActivityStatus): FormulaCell {
  const where: Criterion[] = [{ column: 'year', equals: year }];
  if (status) where.push({ column: 'status', equals: listLabel(ACTIVITY_STATUSES, status) as string });
  return formula(countIfs(SHEET_NAMES.activities, where), facts.activityCount(year, status ?? 'all'));
}

export function learningExampleCountFormula(year: Year, facts: NationFacts): FormulaCell {
  return formula(
    countIfs(SHEET_NAMES.activities, [
      { column: 'year', equals: year },
      { column: 'learningExample', equals: YES },
    ]),
    facts.activityCount(year, 'learning-example'),
  );
}
