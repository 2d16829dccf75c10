import {
  finalReport,
  financialReport,
  initiativeYears,
  statusReport,
  type NationReportInput,
  type ReportKind,
  type ReportModel,
  type Year,
} from '@samla/shared';
import type { FundsStore } from '../storage/funds-store';
import type { SubmissionStore } from '../storage/submission-store';

export const REPORT_KINDS = ['status', 'final', 'financial'] as const satisfies readonly ReportKind[];

export interface ReportSources {
  readonly settings: NationReportInput['settings'];
  readonly store: Pick<SubmissionStore, 'nation'>;
  readonly funds: Pick<FundsStore, 'all'>;
}

/** The years a report covers: the status report one year, the others every year of the initiative. */
export function reportYears(kind: ReportKind, settings: NationReportInput['settings'], year?: Year): Year[] {
  return kind === 'status' ? [year ?? settings.statusReport.year] : initiativeYears(settings);
}

/** Reads the nation's current rows for the years (in parallel) and finance's funds: the report's input. */
export async function loadReportInput(sources: ReportSources, years: readonly Year[], generatedAt: string): Promise<NationReportInput> {
  const [nation, funds] = await Promise.all([Promise.all(years.map((year) => sources.store.nation(year))), sources.funds.all()]);
  return { settings: sources.settings, generatedAt, years: nation, funds: funds.map(({ year, movements }) => ({ year, movements })) };
}

export function reportModel(kind: ReportKind, input: NationReportInput, year?: Year): ReportModel {
  if (kind === 'status') return statusReport(input, year);
  return kind === 'final' ? finalReport(input) : financialReport(input);
}
