import { initiativeYear, isAfter, type FundsMovement, type FundsMovementKind, type InitiativeSettings, type Year } from '@samla/shared';
import { kronorFromOre, readSwedishAmount, type AmountReading } from './swedish-numbers';

/** One line of finance's form as typed: the amount and the date are text until checked. */
export interface FundsLine {
  readonly kind: FundsMovementKind;
  readonly amount: string;
  readonly date: string;
}

export type FundsLineProblem =
  | { readonly field: 'amount'; readonly code: Exclude<AmountReading, { ok: true }>['reason'] | 'not-positive' }
  | { readonly field: 'date'; readonly code: 'not-a-date' }
  | { readonly field: 'date'; readonly code: 'outside-window'; readonly from: string; readonly to: string };

/** A movement after its deadline is kept (it happened) but flagged, as the financial report flags it. */
export interface FundsLineCheck {
  readonly movement?: FundsMovement;
  readonly problems: readonly FundsLineProblem[];
  /** The deadline the movement is after, when it is late. */
  readonly lateAfter?: string;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * The dates a movement of a year may sensibly carry: from the first day of the year to the year's repayment
 * deadline for a requisition (no money for the year is asked for after it must be paid back), and to the end of the
 * year after that deadline for a repayment (a late repayment still happened). Source: the initiative's settings.
 */
export function fundsWindow(settings: InitiativeSettings, year: Year, kind: FundsMovementKind): { from: string; to: string } {
  const repaymentDeadline = initiativeYear(settings, year)?.repaymentDeadline ?? `${year + 1}-12-31`;
  const from = `${year}-01-01`;
  if (kind === 'requisition') return { from, to: repaymentDeadline };
  return { from, to: `${Number(repaymentDeadline.slice(0, 4)) + 1}-12-31` };
}

/** Checks one typed line against the year: a positive Swedish amount, a real date inside the year's window. */
export function checkFundsLine(settings: InitiativeSettings, year: Year, line: FundsLine): FundsLineCheck {
  const problems: FundsLineProblem[] = [];
  const amount = readSwedishAmount(line.amount);
  if (!amount.ok) problems.push({ field: 'amount', code: amount.reason });
  else if (amount.ore <= 0) problems.push({ field: 'amount', code: 'not-positive' });
  const date = line.date.trim();
  if (!isCalendarDate(date)) problems.push({ field: 'date', code: 'not-a-date' });
  else {
    const window = fundsWindow(settings, year, line.kind);
    if (date < window.from || date > window.to) problems.push({ field: 'date', code: 'outside-window', ...window });
  }
  if (problems.length > 0 || !amount.ok) return { problems };
  const entry = initiativeYear(settings, year);
  const deadline = line.kind === 'requisition' ? entry?.requisitionDeadline : entry?.repaymentDeadline;
  const movement: FundsMovement = { kind: line.kind, amount: kronorFromOre(amount.ore), date };
  return { movement, problems, ...(deadline && isAfter(date, deadline) ? { lateAfter: deadline } : {}) };
}
