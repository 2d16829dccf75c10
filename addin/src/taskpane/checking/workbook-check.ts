import {
  cellAddress,
  countBySeverity,
  judgeSubmission,
  templateDefinition,
  type InitiativeSettings,
  type Issue,
  type Language,
  type TemplateValidation,
  type Year,
} from '@samla/shared';
import type { ServerIssue, SubmissionBody } from '../api/samla-api';
import { addressInSheet, type CellMark, type TableSnapshot, type WorkbookPort } from '../excel/workbook-port';

export interface TemplateCheck {
  readonly snapshot: TableSnapshot;
  readonly validation: TemplateValidation;
}

/** One run of Kontrollera: both templates as read, and every issue at the user's own cells. */
export interface WorkbookCheck {
  readonly templates: readonly TemplateCheck[];
  readonly issues: readonly Issue[];
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Validates the snapshots together with the shared judgement of a whole submission (`judgeSubmission`): a reference
 * (an expense's activity) is checked against the referred template's sheet beside it, and not checked without one.
 * `settings` is the initiative the pane works with: the server's (`GET /api/initiative`), so that its years, dates and
 * ceilings decide, and the built-in one only where the pane says it falls back to it (`InitiativeView.fromServer`).
 */
export function checkSnapshots(snapshots: readonly TableSnapshot[], year: Year, language: Language, settings: InitiativeSettings): WorkbookCheck {
  const judged = judgeSubmission(snapshots, { year, settings, language });
  const templates: TemplateCheck[] = judged.flatMap((validation) => {
    const snapshot = snapshots.find((candidate) => candidate.template === validation.template);
    // Each validation judged one snapshot's template.
    return snapshot ? [{ snapshot, validation: validation as TemplateValidation }] : [];
  });
  const issues = templates.flatMap((check) => check.validation.issues);
  return { templates, issues, ...countBySeverity(issues) };
}

/** Reads both templates, validates them against the initiative's `settings` and marks the faulty cells: the whole of Kontrollera. */
export async function checkWorkbook(port: WorkbookPort, year: Year, language: Language, settings: InitiativeSettings): Promise<WorkbookCheck> {
  const check = checkSnapshots(await port.readTemplates(), year, language, settings);
  await port.markCells(issueMarks(check.issues));
  return check;
}

export function issueMarks(issues: readonly Issue[]): CellMark[] {
  return issues.map((issue) => ({ sheet: issue.sheet, address: addressInSheet(issue.cell), severity: issue.severity }));
}

/** The body of `POST /api/submissions` for one checked template: exactly the typed rows the validation read. */
export function submissionBody(check: TemplateCheck, board: SubmissionBody['board'], year: Year): SubmissionBody {
  return { board, year, template: check.snapshot.template, rows: check.validation.rows.map((row) => row.values) };
}

/**
 * The server judges the template's canonical layout (row n of the rows sent is sheet row n + 1, columns in
 * definition order). This puts its issues back at the user's own cells, through the rows that were sent.
 */
export function issuesAtUserCells(serverIssues: readonly ServerIssue[], check: TemplateCheck): Issue[] {
  const { layout, rows } = check.validation;
  const definition = templateDefinition(check.snapshot.template);
  const firstColumn = Math.min(...layout.columns.values(), check.snapshot.origin.column);
  return serverIssues.map((issue) => {
    const sheetRow = issue.row <= 1 ? layout.headerRow : (rows[issue.row - 2]?.sheetRow ?? layout.headerRow);
    const column = issue.column ? (layout.columns.get(issue.column) ?? firstColumn) : firstColumn;
    const cell = cellAddress(layout.sheet, sheetRow, column);
    const message = issue.message.startsWith(issue.cell) ? `${cell}${issue.message.slice(issue.cell.length)}` : issue.message;
    return { severity: issue.severity, code: issue.code, message, sheet: layout.sheet || definition.sheetName, row: sheetRow, column: issue.column, cell };
  });
}

/** Issues grouped by sheet, in the order they came. */
export function issuesBySheet(issues: readonly Issue[]): [string, Issue[]][] {
  const groups = new Map<string, Issue[]>();
  for (const issue of issues) {
    const group = groups.get(issue.sheet) ?? [];
    group.push(issue);
    groups.set(issue.sheet, group);
  }
  return [...groups];
}
