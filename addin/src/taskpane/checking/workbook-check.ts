import {
  LUJ_INITIATIVE,
  cellAddress,
  countBySeverity,
  templateDefinition,
  validateSheet,
  type Issue,
  type Language,
  type TemplateKey,
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

function activityIdsOf(validation: TemplateValidation | undefined): string[] | undefined {
  if (!validation) return undefined;
  return validation.rows.flatMap((row) => (typeof row.values.activityId === 'string' ? [row.values.activityId] : []));
}

/** Validates the snapshots with the shared rules; expenses are checked against the activities beside them. */
export function checkSnapshots(snapshots: readonly TableSnapshot[], year: Year, language: Language): WorkbookCheck {
  const ordered = [...snapshots].sort((a, b) => (a.template === b.template ? 0 : a.template === 'activities' ? -1 : 1));
  const templates: TemplateCheck[] = [];
  for (const snapshot of ordered) {
    const activityIds =
      snapshot.template === 'expenses' ? activityIdsOf(templates.find((check) => check.snapshot.template === 'activities')?.validation) : undefined;
    const validation = validateSheet(snapshot.template, snapshot.values, {
      year,
      settings: LUJ_INITIATIVE,
      language,
      sheet: snapshot.sheet,
      origin: snapshot.origin,
      ...(activityIds ? { activityIds } : {}),
    });
    templates.push({ snapshot, validation });
  }
  const issues = templates.flatMap((check) => check.validation.issues);
  return { templates, issues, ...countBySeverity(issues) };
}

/** Reads both templates, validates them and marks the faulty cells: the whole of Kontrollera. */
export async function checkWorkbook(port: WorkbookPort, year: Year, language: Language): Promise<WorkbookCheck> {
  const check = checkSnapshots(await port.readTemplates(), year, language);
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
  const definition = templateDefinition(check.snapshot.template as TemplateKey);
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
