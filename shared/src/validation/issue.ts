export type Severity = 'error' | 'warning';

/** One finding about a filled-in template, at the place the user can go to. */
export interface Issue {
  readonly severity: Severity;
  /** A stable identifier from `ISSUE_CODES`. */
  readonly code: string;
  /** What is wrong and what would be right, in the user's language, naming the place. */
  readonly message: string;
  /** The sheet's name in the user's workbook. */
  readonly sheet: string;
  /** The row in the user's sheet (the header row for problems with columns). */
  readonly row: number;
  /** The column's key, or null for a problem with the whole sheet. */
  readonly column: string | null;
  /** The A1 address in the user's own sheet layout, e.g. `Kostnader!G14`. */
  readonly cell: string;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

export function countBySeverity(issues: readonly Issue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const issue of issues) if (issue.severity === 'error') errors += 1;
  return { errors, warnings: issues.length - errors };
}
