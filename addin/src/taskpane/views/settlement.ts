import { initiativeYear, isAfter, type FundsMovement, type InitiativeSettings, type Year } from '@samla/shared';
import { oreFromKronor } from './swedish-numbers';

export type RequisitionTiming = 'in-time' | 'late' | 'none';

/** A year's settlement with Kammarkollegiet, every amount in öre (integers), as the financial report computes it. */
export interface Settlement {
  readonly year: Year;
  readonly ceilingOre: number;
  readonly requisitionedOre: number;
  readonly requisitionDeadline: string;
  readonly requisitionTiming: RequisitionTiming;
  readonly grantOre: number;
  /** Requisitioned but not spent on grant-funded costs (never below zero). */
  readonly unusedOre: number;
  readonly repaidOre: number;
  /** Unused and not yet repaid (never below zero), due by `repaymentDeadline`. */
  readonly toRepayOre: number;
  readonly repaymentDeadline: string;
  /** Grant-funded costs above the ceiling. */
  readonly overCeiling: boolean;
}

/**
 * The settlement of one year, the same arithmetic as the financial report's Avräkning sheet (shared
 * financial-report.ts): unused = max(0, requisitioned − grant-funded costs); left to repay = max(0, unused − repaid);
 * requisitioned in time when no requisition is dated after the year's requisition deadline.
 */
export function settlementOf(settings: InitiativeSettings, year: Year, movements: readonly FundsMovement[], grantKronor: number): Settlement {
  const entry = initiativeYear(settings, year);
  const sum = (kind: FundsMovement['kind']) =>
    movements.filter((movement) => movement.kind === kind).reduce((total, movement) => total + oreFromKronor(movement.amount), 0);
  const requisitions = movements.filter((movement) => movement.kind === 'requisition');
  const requisitionDeadline = entry?.requisitionDeadline ?? '';
  const requisitionedOre = sum('requisition');
  const repaidOre = sum('repayment');
  const grantOre = oreFromKronor(grantKronor);
  const ceilingOre = oreFromKronor(entry?.ceiling ?? 0);
  const unusedOre = Math.max(0, requisitionedOre - grantOre);
  return {
    year,
    ceilingOre,
    requisitionedOre,
    requisitionDeadline,
    requisitionTiming: requisitions.length === 0 ? 'none' : requisitions.some((movement) => isAfter(movement.date, requisitionDeadline)) ? 'late' : 'in-time',
    grantOre,
    unusedOre,
    repaidOre,
    toRepayOre: Math.max(0, unusedOre - repaidOre),
    repaymentDeadline: entry?.repaymentDeadline ?? '',
    overCeiling: grantOre > ceilingOre,
  };
}
