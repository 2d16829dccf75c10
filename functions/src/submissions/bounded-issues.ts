import type { Issue, Severity } from '@samla/shared';

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

/**
 * Bounds a list of issues for an answer (a 422 problem document, /validate, a receipt's warnings): 50 000 bad rows
 * give a short answer that still says how many of each kind there are.
 *
 * When shared's `TemplateValidation` carries `issueCounts` and `omittedIssues` itself (and keeps at most 1 000
 * issues), this becomes a reading of those fields.
 */
export function boundIssues(issues: readonly Issue[], max = MAX_ANSWERED_ISSUES): BoundedIssues {
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const issue of issues) {
    const entry = counts.get(issue.code);
    if (entry) entry.count += 1;
    else counts.set(issue.code, { severity: issue.severity, count: 1 });
  }
  return {
    errors: issues.slice(0, max),
    issueCounts: [...counts].map(([code, { severity, count }]) => ({ code, severity, count })),
    omittedIssues: Math.max(0, issues.length - max),
  };
}

/** "3 fel och 2 varningar", from the counts (so it is right also when issues were left out). */
export function countsSummary(counts: readonly IssueCount[]): string {
  let errors = 0;
  let warnings = 0;
  for (const { severity, count } of counts) {
    if (severity === 'error') errors += count;
    else warnings += count;
  }
  return `${errors} fel och ${warnings} varningar`;
}

/** The sentence that says some issues are only counted, or nothing when all are listed. */
export function omittedSentence(bounded: BoundedIssues): string {
  return bounded.omittedIssues > 0 ? ` De första ${bounded.errors.length} visas; ytterligare ${bounded.omittedIssues} räknas per regel i issueCounts.` : '';
}
