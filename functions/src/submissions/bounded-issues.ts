import { numberIn, type Issue, type Localized, type Severity } from '@samla/shared';

/** The most issues one answer lists; the rest are counted per rule. */
export const MAX_ANSWERED_ISSUES = 1000;

/** How many issues one rule (code) raised. */
export interface IssueCount {
  readonly code: string;
  readonly severity: Severity;
  readonly count: number;
}

/** An answer's issues, bounded whatever the rows: the first ones in sheet order, a count per rule, how many were left out. */
export interface BoundedIssues {
  /** The first `MAX_ANSWERED_ISSUES` issues, in the order given (sheet order). */
  readonly errors: readonly Issue[];
  /** Per code, in the order the codes first occur: every issue counted, also those left out. */
  readonly issueCounts: readonly IssueCount[];
  /** Issues counted but not listed. */
  readonly omittedIssues: number;
}

/** Issues with their counts per rule: shared's `TemplateValidation` is one (it keeps at most `MAX_ISSUES`). */
export interface IssueSource {
  readonly issues: readonly Issue[];
  readonly issueCounts: readonly IssueCount[];
  readonly omittedIssues: number;
}

/** Issues that arrive without counts (the warnings the store step adds) as a source, every one of them counted. */
export function countedIssues(issues: readonly Issue[]): IssueSource {
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const issue of issues) {
    const entry = counts.get(issue.code);
    if (entry) entry.count += 1;
    else counts.set(issue.code, { severity: issue.severity, count: 1 });
  }
  return { issues, issueCounts: [...counts].map(([code, { severity, count }]) => ({ code, severity, count })), omittedIssues: 0 };
}

/** Only a source's warnings, with their counts (a receipt lists warnings; errors would have stopped it). */
export function warningsOf(source: IssueSource): IssueSource {
  const issues = source.issues.filter((issue) => issue.severity === 'warning');
  const issueCounts = source.issueCounts.filter((entry) => entry.severity === 'warning');
  const found = issueCounts.reduce((sum, entry) => sum + entry.count, 0);
  return { issues, issueCounts, omittedIssues: found - issues.length };
}

/**
 * One bounded answer from several sources (a file's two sheets, a validation and the store's warnings): the first
 * `max` issues in the sources' order, every issue counted per rule, and how many were left out. 50 000 bad rows give a
 * short answer that still says how many of each kind there are.
 */
export function boundIssues(sources: readonly IssueSource[], max = MAX_ANSWERED_ISSUES): BoundedIssues {
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const source of sources) {
    for (const { code, severity, count } of source.issueCounts) {
      const entry = counts.get(code);
      if (entry) entry.count += count;
      else counts.set(code, { severity, count });
    }
  }
  const errors = sources.flatMap((source) => source.issues).slice(0, max);
  const issueCounts = [...counts].map(([code, { severity, count }]) => ({ code, severity, count }));
  const found = issueCounts.reduce((sum, entry) => sum + entry.count, 0);
  return { errors, issueCounts, omittedIssues: found - errors.length };
}

/** "3 fel och 2 varningar" / "3 errors and 2 warnings", from the counts (so it is right also when issues were left out). */
export function countsSummary(counts: readonly IssueCount[]): Localized {
  let errors = 0;
  let warnings = 0;
  for (const { severity, count } of counts) {
    if (severity === 'error') errors += count;
    else warnings += count;
  }
  return severitySummary(errors, warnings);
}

/** "3 fel och 2 varningar" / "3 errors and 2 warnings"; counts written with Swedish or English digit grouping. */
export function severitySummary(errors: number, warnings: number): Localized {
  const sv = (count: number) => numberIn(count, 'sv');
  const en = (count: number) => numberIn(count, 'en');
  return {
    sv: `${sv(errors)} fel och ${sv(warnings)} ${warnings === 1 ? 'varning' : 'varningar'}`,
    en: `${en(errors)} ${errors === 1 ? 'error' : 'errors'} and ${en(warnings)} ${warnings === 1 ? 'warning' : 'warnings'}`,
  };
}

/** The sentence that says some issues are only counted, or nothing when all are listed. */
export function omittedSentence(bounded: BoundedIssues): Localized {
  if (bounded.omittedIssues === 0) return { sv: '', en: '' };
  const { length } = bounded.errors;
  const omitted = bounded.omittedIssues;
  return {
    sv: ` De första ${numberIn(length, 'sv')} visas; ytterligare ${numberIn(omitted, 'sv')} räknas per regel i issueCounts.`,
    en: ` The first ${numberIn(length, 'en')} are shown; ${numberIn(omitted, 'en')} more are counted per rule in issueCounts.`,
  };
}
