import {
  finalReport,
  financialReport,
  initiativeYears,
  statusReport,
  type NationReportInput,
  type ReportKind,
  type ReportRound,
  type ReportModel,
  type Year,
} from '@samla/shared';
import type { FundsStore } from '../storage/funds-store';
import type { RoundRecord, RoundStore } from '../storage/round-store';
import type { SubmissionStore } from '../storage/submission-store';

export const REPORT_KINDS = ['status', 'final', 'financial'] as const satisfies readonly ReportKind[];

export interface ReportSources {
  readonly settings: NationReportInput['settings'];
  readonly store: Pick<SubmissionStore, 'nation'>;
  readonly funds: Pick<FundsStore, 'all'>;
  readonly rounds: Pick<RoundStore, 'year'>;
}

/** The years a report covers: the status report one year, the others every year of the initiative. */
export function reportYears(kind: ReportKind, settings: NationReportInput['settings'], year?: Year): Year[] {
  return kind === 'status' ? [year ?? settings.statusReport.year] : initiativeYears(settings);
}

/** A board's round as a report reads it: the state and the version it is about. */
function reportRound({ board, year, template, status }: RoundRecord): ReportRound {
  return {
    board,
    year,
    template,
    state: status.state,
    nothingToReport: status.nothingToReport,
    ...(status.version !== undefined ? { version: status.version } : {}),
  };
}

/**
 * Reads the report's input, every read in parallel: the nation's current rows for the years, finance's funds, and
 * each year's reporting round (one range query per year, no rows).
 */
export async function loadReportInput(sources: ReportSources, years: readonly Year[], generatedAt: string): Promise<NationReportInput> {
  const [nation, funds, rounds] = await Promise.all([
    Promise.all(years.map((year) => sources.store.nation(year))),
    sources.funds.all(),
    Promise.all(years.map((year) => sources.rounds.year(year))),
  ]);
  return {
    settings: sources.settings,
    generatedAt,
    years: nation,
    funds: funds.map(({ year, movements }) => ({ year, movements })),
    rounds: rounds.flat().map(reportRound),
  };
}

export function reportModel(kind: ReportKind, input: NationReportInput, year?: Year): ReportModel {
  if (kind === 'status') return statusReport(input, year);
  return kind === 'final' ? finalReport(input) : financialReport(input);
}
