import {
  BOARD_CODES,
  boardByCode,
  initiativeYear,
  initiativeYears,
  LUJ_INITIATIVE,
  toOre,
  type ActivityRow,
  type ActivityStatus,
  type BoardCode,
  type ExpenseRow,
  type FundsMovement,
  type InitiativeSettings,
  type Year,
} from '@samla/shared';
import { seededRandom } from '../../bench/bench-harness';
import {
  ACTIVITY_KINDS,
  BOARD_COSTS,
  BOARD_SIZE,
  EFFECTS,
  LEAD_BOARD_KINDS,
  NATIONAL_PARTNERS,
  OWN_COSTS,
  RESULTS,
  SEAT_MUNICIPALITY,
  staffName,
  type ActivityKind,
  type CostKind,
} from './nation-texts';

/** What nation to make. The same options give the same nation, row for row. */
export interface NationOptions {
  readonly seed: number;
  readonly settings: InitiativeSettings;
  readonly boards: readonly BoardCode[];
  /** Activities a board of average size reports per year, at least and at most. */
  readonly activitiesPerBoard: readonly [number, number];
  /** The national grant-funded costs of a year, as a share of its ceiling: at least and at most. */
  readonly ceilingShare: readonly [number, number];
  /** Boards that submit nothing for the last year. */
  readonly missingInLastYear: number;
  /** Boards that submit their activities but not their expenses for the last year. */
  readonly activitiesOnlyInLastYear: number;
  /** A board whose first try at its first year's expenses is refused, then fixed; none when absent or not among the boards. */
  readonly rejectedBoard?: BoardCode;
  /** Whether the last year's second requisition comes after the deadline. */
  readonly lateRequisition: boolean;
}

export const FULL_NATION: NationOptions = {
  seed: 2013,
  settings: LUJ_INITIATIVE,
  boards: BOARD_CODES,
  activitiesPerBoard: [12, 24],
  ceilingShare: [0.85, 0.98],
  missingInLastYear: 2,
  activitiesOnlyInLastYear: 1,
  rejectedBoard: 'H',
  lateRequisition: true,
};

/** One board's submissions for one year, as its staff send them. */
export interface BoardSubmission {
  readonly board: BoardCode;
  readonly year: Year;
  /** The staff member who submits (the dev sign-in's name). */
  readonly staffName: string;
  readonly activities?: readonly ActivityRow[];
  readonly expenses?: readonly ExpenseRow[];
  /** A first try at the expenses with a mistake the server refuses (422), sent before `expenses`. */
  readonly rejectedExpenses?: { readonly rows: readonly ExpenseRow[]; readonly mistake: string };
}

export interface NationYearPlan {
  readonly year: Year;
  /** Every board of the options, in order; a board that submits nothing has neither template. */
  readonly submissions: readonly BoardSubmission[];
  /** Finance's requisitions and repayments for the year. */
  readonly funds: readonly FundsMovement[];
}

export interface DemoNation {
  readonly options: NationOptions;
  readonly years: readonly NationYearPlan[];
}

type Random = () => number;

class Dice {
  constructor(readonly random: Random) {}
  pick = <T>(items: readonly T[]): T => items[Math.floor(this.random() * items.length)] as T;
  int = ([min, max]: readonly [number, number]): number => min + Math.floor(this.random() * (max - min + 1));
  between = (min: number, max: number): number => min + this.random() * (max - min);
  chance = (probability: number): boolean => this.random() < probability;
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.random() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
    }
    return copy;
  }
  weighted<T extends { weight: number }>(items: readonly T[]): T {
    let left = this.random() * items.reduce((sum, item) => sum + item.weight, 0);
    for (const item of items) {
      left -= item.weight;
      if (left < 0) return item;
    }
    return items[items.length - 1] as T;
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const minDate = (a: string, b: string): string => (a < b ? a : b);
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface PlannedActivity {
  readonly kind: ActivityKind;
  readonly row: ActivityRow;
}

function activityStatus(dice: Dice, endDate: string, year: Year, lastYear: boolean): ActivityStatus {
  if (dice.chance(0.04)) return 'cancelled';
  if (endDate > `${year}-12-31`) return 'ongoing';
  if (lastYear && dice.chance(0.06)) return dice.chance(0.5) ? 'ongoing' : 'planned';
  return 'completed';
}

function participants(
  dice: Dice,
  kind: ActivityKind,
  status: ActivityStatus,
): Pick<ActivityRow, 'participantsWomen' | 'participantsMen' | 'participantsUnspecified'> {
  const total = status === 'planned' || status === 'cancelled' ? 0 : dice.int(kind.participants);
  if (total === 0) return { participantsWomen: 0, participantsMen: 0, participantsUnspecified: 0 };
  // A big conference where nobody counted by sex: a warning the boards do get.
  if (kind.type === 'seminar' && dice.chance(0.2)) {
    const counted = Math.floor(total * dice.between(0.1, 0.3));
    return { participantsWomen: Math.ceil(counted * 0.7), participantsMen: Math.floor(counted * 0.3), participantsUnspecified: total - counted };
  }
  const unspecified = dice.chance(0.15) ? dice.int([1, 3]) : 0;
  const women = Math.round(total * dice.between(0.55, 0.85));
  return { participantsWomen: women, participantsMen: total - women, participantsUnspecified: unspecified };
}

function partners(dice: Dice, kind: ActivityKind, board: BoardCode): string | undefined {
  const names = new Set(kind.partners.filter((name) => name !== boardByCode(board).name));
  if (dice.chance(0.5)) names.add(SEAT_MUNICIPALITY[board]);
  if (dice.chance(0.2)) names.add(dice.pick(NATIONAL_PARTNERS));
  return names.size > 0 ? [...names].join('; ') : undefined;
}

function activity(dice: Dice, kind: ActivityKind, board: BoardCode, year: Year, settings: InitiativeSettings): ActivityRow {
  const lastYear = year === Math.max(...initiativeYears(settings));
  const startDate = addDays(`${year}-01-14`, dice.int([0, 320]));
  const endDate = minDate(addDays(startDate, dice.int(kind.days)), settings.endDate);
  const status = activityStatus(dice, endDate, year, lastYear);
  const title = dice.pick(kind.titles);
  const learningExample = dice.chance(kind.learningExample);
  const done = status === 'completed';
  // A completed activity without a result, a published example without its link: warnings real boards get.
  const result = done && dice.chance(0.95) ? dice.pick(RESULTS) : undefined;
  const publishedUrl =
    done && learningExample && dice.chance(0.85) ? `https://www.jamstall.nu/exempel/${slug(title)}-${board.toLowerCase()}-${year}` : undefined;
  const partnerNames = partners(dice, kind, board);
  return {
    activityId: '',
    strand: kind.strand,
    activityType: kind.type,
    title,
    startDate,
    endDate,
    targetGroup: dice.pick(kind.targetGroups),
    ...participants(dice, kind, status),
    hours: dice.int(kind.hours),
    ...(partnerNames ? { partners: partnerNames } : {}),
    learningExample,
    ...(publishedUrl ? { publishedUrl } : {}),
    status,
    ...(result ? { result } : {}),
    ...(result && dice.chance(0.7) ? { effect: dice.pick(EFFECTS) } : {}),
  };
}

function boardActivities(dice: Dice, board: BoardCode, year: Year, options: NationOptions): PlannedActivity[] {
  const count = Math.max(2, Math.round(dice.int(options.activitiesPerBoard) * BOARD_SIZE[board]));
  const kinds = Array.from({ length: count }, () => dice.weighted(ACTIVITY_KINDS));
  if (board === options.settings.leadBoard) kinds.push(...LEAD_BOARD_KINDS);
  const planned = kinds.map((kind) => ({ kind, row: activity(dice, kind, board, year, options.settings) }));
  planned.sort((a, b) => a.row.startDate.localeCompare(b.row.startDate));
  return planned.map(({ kind, row }, index) => ({ kind, row: { ...row, activityId: `${board}-${String(year).slice(2)}-A${pad(index + 1, 2)}` } }));
}

interface CostLine {
  readonly cost: CostKind;
  readonly date: string;
  readonly activityId?: string;
  readonly funding: 'grant' | 'own';
  readonly weight: number;
  readonly description: string;
}

function activityCostLines(dice: Dice, planned: readonly PlannedActivity[], year: Year): CostLine[] {
  const lines: CostLine[] = [];
  for (const { kind, row } of planned) {
    if (row.status === 'planned' || row.status === 'cancelled') continue;
    kind.costs.forEach((cost, index) => {
      if (index > 0 && dice.chance(0.3)) return;
      const date = minDate(addDays(row.startDate, dice.int([0, 25])), `${year}-12-31`);
      lines.push({
        cost,
        date,
        activityId: row.activityId,
        funding: 'grant',
        weight: cost.scale * dice.between(0.6, 1.4),
        description: `${cost.description}: ${row.title}`,
      });
    });
  }
  return lines;
}

function boardCostLines(dice: Dice, year: Year): CostLine[] {
  const [personnel, travel, other] = BOARD_COSTS as [CostKind, CostKind, CostKind];
  const quarters = ['03-31', '06-30', '09-30', '12-15'].map((day) => `${year}-${day}`);
  const lines: CostLine[] = quarters.map((date, quarter) => ({
    cost: personnel,
    date,
    funding: 'grant',
    weight: personnel.scale * dice.between(0.9, 1.1),
    description: `${personnel.description}, kvartal ${quarter + 1}`,
  }));
  for (let trip = dice.int([1, 2]); trip > 0; trip -= 1)
    lines.push({ cost: travel, date: addDays(`${year}-02-01`, dice.int([0, 300])), funding: 'grant', weight: travel.scale, description: travel.description });
  if (dice.chance(0.5))
    lines.push({ cost: other, date: addDays(`${year}-01-20`, dice.int([0, 320])), funding: 'grant', weight: other.scale, description: other.description });
  for (const cost of OWN_COSTS) {
    if (cost !== OWN_COSTS[0] && dice.chance(0.5)) continue;
    lines.push({ cost, date: `${year}-12-15`, funding: 'own', weight: 0, description: cost.description });
  }
  return lines;
}

/** Splits `ore` over weights in whole kronor; the last öre go to the biggest share, so the parts sum exactly. */
function splitOre(ore: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const parts = weights.map((weight) => Math.floor((ore * weight) / total / 100) * 100);
  const biggest = parts.indexOf(Math.max(...parts));
  parts[biggest] = (parts[biggest] ?? 0) + ore - parts.reduce((sum, part) => sum + part, 0);
  return parts;
}

function expenseRows(dice: Dice, board: BoardCode, year: Year, lines: readonly CostLine[], grantOre: number, correction: boolean): ExpenseRow[] {
  const grant = lines.filter((line) => line.funding === 'grant');
  const grantParts = splitOre(
    grantOre,
    grant.map((line) => line.weight),
  );
  const amounts = new Map<CostLine, number>(grant.map((line, index) => [line, grantParts[index] ?? 0]));
  for (const line of lines) if (line.funding === 'own') amounts.set(line, dice.int([4, 30]) * 100_000);
  const rows = lines.map((line) => ({ line, amountOre: amounts.get(line) ?? 0, correction: false }));
  if (correction) {
    // An invoice booked twice and reversed: a negative line the rules accept with a warning; the sum is unchanged.
    const twice = dice.pick(rows.filter(({ line }) => line.funding === 'grant' && line.cost.suppliers.length > 0));
    rows.push({ ...twice }, { ...twice, amountOre: -twice.amountOre, correction: true });
  }
  rows.sort((a, b) => a.line.date.localeCompare(b.line.date));
  const yy = String(year).slice(2);
  return rows.map(({ line, amountOre, correction: reverses }, index) => {
    const supplier = line.cost.suppliers.length > 0 ? dice.pick(line.cost.suppliers) : undefined;
    return {
      expenseId: `${board}-${yy}-K${pad(index + 1, 3)}`,
      date: line.date,
      category: line.cost.category,
      ...(line.activityId ? { activityId: line.activityId } : {}),
      description: reverses ? `Rättelse: dubbelbokförd faktura (${line.description})` : line.description,
      ...(supplier ? { supplier } : {}),
      amount: amountOre / 100,
      voucher: `${boardByCode(board).countyNumber}${yy}-${pad(1000 + index * 7, 5)}`,
      funding: line.funding,
    };
  });
}

/** The board's first try: one cost booked in January of the next year, which the server refuses. */
function misdated(rows: readonly ExpenseRow[], year: Year): { rows: ExpenseRow[]; mistake: string } {
  const last = rows.length - 1;
  const wrong = `${year + 1}-01-08`;
  return { rows: rows.map((row, index) => (index === last ? { ...row, date: wrong } : row)), mistake: `${rows[last]?.expenseId} bokförd ${wrong}, i fel år` };
}

/** Each board's share of the year's national grant costs, in öre; the lead board carries the national coordination. */
function grantShares(dice: Dice, boards: readonly BoardCode[], totalOre: number, leadBoard: string): Map<BoardCode, number> {
  const weights = boards.map((board) => BOARD_SIZE[board] * dice.between(0.8, 1.2) * (board === leadBoard ? 4 : 1));
  const parts = splitOre(totalOre, weights);
  return new Map(boards.map((board, index) => [board, parts[index] ?? 0]));
}

/** Requisitions in time (the last year's second one late, when asked), and the repayment of what was left unused. */
function yearFunds(options: NationOptions, year: Year, grantOre: number, lastYear: boolean): FundsMovement[] {
  const entry = initiativeYear(options.settings, year);
  if (!entry) return [];
  const ceilingOre = toOre(entry.ceiling);
  if (!lastYear) {
    const requisitioned = { kind: 'requisition' as const, amount: entry.ceiling, date: addDays(entry.requisitionDeadline, -120) };
    return [requisitioned, { kind: 'repayment', amount: (ceilingOre - grantOre) / 100, date: addDays(entry.repaymentDeadline, -9) }];
  }
  const firstOre = Math.round((ceilingOre * 2) / 3 / 10_000_000) * 10_000_000;
  return [
    { kind: 'requisition', amount: firstOre / 100, date: addDays(entry.requisitionDeadline, -150) },
    { kind: 'requisition', amount: (ceilingOre - firstOre) / 100, date: addDays(entry.requisitionDeadline, options.lateRequisition ? 36 : -20) },
  ];
}

function yearPlan(
  dice: Dice,
  options: NationOptions,
  year: Year,
  staff: ReadonlyMap<BoardCode, string>,
  absent: { nothing: readonly BoardCode[]; noExpenses: readonly BoardCode[] },
): NationYearPlan {
  const ceilingOre = toOre(initiativeYear(options.settings, year)?.ceiling ?? 0);
  const totalOre = Math.round(ceilingOre * dice.between(...options.ceilingShare));
  const paying = options.boards.filter((board) => !absent.nothing.includes(board) && !absent.noExpenses.includes(board));
  const shares = grantShares(dice, paying, totalOre, options.settings.leadBoard);
  const correctionBoard = dice.pick(paying);
  const firstYear = year === Math.min(...initiativeYears(options.settings));
  const submissions = options.boards.map((board): BoardSubmission => {
    const base = { board, year, staffName: staff.get(board) ?? board };
    if (absent.nothing.includes(board)) return base;
    const planned = boardActivities(dice, board, year, options);
    const activities = planned.map(({ row }) => row);
    if (absent.noExpenses.includes(board)) return { ...base, activities };
    const lines = [...activityCostLines(dice, planned, year), ...boardCostLines(dice, year)];
    const expenses = expenseRows(dice, board, year, lines, shares.get(board) ?? 0, board === correctionBoard);
    const rejected = firstYear && board === options.rejectedBoard ? { rejectedExpenses: misdated(expenses, year) } : {};
    return { ...base, activities, expenses, ...rejected };
  });
  const lastYear = year === Math.max(...initiativeYears(options.settings));
  return { year, submissions, funds: yearFunds(options, year, totalOre, lastYear) };
}

/** A whole nation for every year of the initiative: pure and deterministic (seeded), no I/O. */
export function generateNation(overrides: Partial<NationOptions> = {}): DemoNation {
  const options = { ...FULL_NATION, ...overrides };
  const dice = new Dice(seededRandom(options.seed));
  const staff = new Map(options.boards.map((board) => [board, staffName(dice.pick)]));
  // The latecomers are never the lead board: Gotland reports for the whole initiative.
  const candidates = options.boards.filter((board) => board !== options.settings.leadBoard && board !== options.rejectedBoard);
  const shuffled = dice.shuffle(candidates);
  const nothing = shuffled.slice(0, options.missingInLastYear);
  const noExpenses = shuffled.slice(options.missingInLastYear, options.missingInLastYear + options.activitiesOnlyInLastYear);
  const years = initiativeYears(options.settings);
  const last = Math.max(...years);
  return {
    options,
    years: years.map((year) => yearPlan(dice, options, year, staff, year === last ? { nothing, noExpenses } : { nothing: [], noExpenses: [] })),
  };
}

/** A year's rows and money in kronor, as both the generated nation and the workbooks read back state them. */
export interface YearTotals {
  readonly year: Year;
  readonly activityRows: number;
  readonly expenseRows: number;
  readonly ceiling: number;
  readonly grantCosts: number;
  readonly requisitioned: number;
  readonly repaid: number;
  readonly toRepay: number;
  readonly repaymentDeadline: string;
}

/** What a year of the nation adds up to: what the consolidated workbooks must say, and who is missing. */
export interface YearFigures extends YearTotals {
  /** Boards that submitted both templates. */
  readonly completeBoards: readonly BoardCode[];
  readonly boardsWithoutSubmission: readonly BoardCode[];
  readonly boardsWithoutExpenses: readonly BoardCode[];
  readonly ownCosts: number;
  readonly lateRequisitions: number;
}

const sumOre = (amounts: readonly number[]): number => amounts.reduce((total, amount) => total + toOre(amount), 0);

/** The nation's figures per year, counted from the generated rows in whole öre. */
export function nationFigures(nation: DemoNation): YearFigures[] {
  return nation.years.map(({ year, submissions, funds }) => {
    const entry = initiativeYear(nation.options.settings, year);
    const expenses = submissions.flatMap((submission) => submission.expenses ?? []);
    const grantOre = sumOre(expenses.filter((row) => row.funding === 'grant').map((row) => row.amount));
    const requisitionedOre = sumOre(funds.filter((movement) => movement.kind === 'requisition').map((movement) => movement.amount));
    const repaidOre = sumOre(funds.filter((movement) => movement.kind === 'repayment').map((movement) => movement.amount));
    return {
      year,
      ceiling: entry?.ceiling ?? 0,
      completeBoards: submissions.filter((submission) => submission.activities && submission.expenses).map((submission) => submission.board),
      boardsWithoutSubmission: submissions.filter((submission) => !submission.activities && !submission.expenses).map((submission) => submission.board),
      boardsWithoutExpenses: submissions.filter((submission) => submission.activities && !submission.expenses).map((submission) => submission.board),
      activityRows: submissions.reduce((total, submission) => total + (submission.activities?.length ?? 0), 0),
      expenseRows: expenses.length,
      grantCosts: grantOre / 100,
      ownCosts: sumOre(expenses.filter((row) => row.funding === 'own').map((row) => row.amount)) / 100,
      requisitioned: requisitionedOre / 100,
      lateRequisitions: funds.filter((movement) => movement.kind === 'requisition' && entry && movement.date > entry.requisitionDeadline).length,
      repaid: repaidOre / 100,
      toRepay: Math.max(0, Math.max(0, requisitionedOre - grantOre) - repaidOre) / 100,
      repaymentDeadline: entry?.repaymentDeadline ?? '',
    };
  });
}
