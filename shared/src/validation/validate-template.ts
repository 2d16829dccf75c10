import { DEFAULT_LANGUAGE } from '../language';
import { readRecords, readSheet, type LocatedRow, type ReadOptions, type SheetLayout, type SheetReading } from '../sheet/sheet-reader';
import type { Column, TemplateKey } from '../templates/column-definition';
import { TEMPLATES, type AnyTemplate, type TemplateRows } from '../templates/templates';
import { ACTIVITY_RULES } from './activity-rules';
import { activityLinkRule, EXPENSE_RULES } from './expense-rules';
import { hasErrors, type Issue } from './issue';
import { IssueList } from './issue-list';
import { normalizeId, type ReportIssue, type RowRule, type ValidationContext } from './row-rules';

export interface TemplateValidation<T extends TemplateKey = TemplateKey> {
  readonly template: T;
  readonly layout: SheetLayout;
  /** Every row read, with the values that could be read. */
  readonly rows: readonly LocatedRow[];
  /** Every issue, in sheet order: row by row, left to right. */
  readonly issues: readonly Issue[];
  readonly valid: boolean;
}

function rulesFor(template: TemplateKey, context: ValidationContext): readonly RowRule[] {
  if (template === 'activities') return ACTIVITY_RULES;
  return context.activityIds === undefined ? EXPENSE_RULES : [...EXPENSE_RULES, activityLinkRule(context.activityIds)];
}

function checkUniqueIds(
  template: AnyTemplate,
  rows: readonly LocatedRow[],
  report: (row: LocatedRow, params: { value: string; first: number; row: number }) => void,
): void {
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const id = row.values[template.idColumn];
    if (typeof id !== 'string') continue;
    const key = normalizeId(id);
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, row.sheetRow);
    else report(row, { value: id, first, row: row.sheetRow });
  }
}

function sheetOrder(layout: SheetLayout, columnsByKey: ReadonlyMap<string, Column>) {
  return (a: Issue, b: Issue): number => {
    if (a.row !== b.row) return a.row - b.row;
    const columnA = a.column && columnsByKey.has(a.column) ? (layout.columns.get(a.column) ?? 0) : 0;
    const columnB = b.column && columnsByKey.has(b.column) ? (layout.columns.get(b.column) ?? 0) : 0;
    return columnA - columnB;
  };
}

function applyRules<T extends TemplateKey>(template: T, reading: SheetReading, context: ValidationContext): TemplateValidation<T> {
  const definition: AnyTemplate = TEMPLATES[template];
  const { layout } = reading;
  const list = new IssueList(layout.sheet, context.language ?? DEFAULT_LANGUAGE);
  const columnsByKey = new Map<string, Column>(definition.columns.map((column) => [column.key, column]));
  const firstColumn = Math.min(...layout.columns.values(), Number.MAX_SAFE_INTEGER);
  const reportAt = (row: LocatedRow, code: Parameters<IssueList['add']>[0], key: string, params = {}): void => {
    list.add(code, row.sheetRow, columnsByKey.get(key) ?? null, layout.columns.get(key) ?? firstColumn, params);
  };
  const rules = rulesFor(template, context);
  for (const row of reading.rows) {
    const report: ReportIssue = (code, key, params) => {
      if (!row.unreadable?.includes(key)) reportAt(row, code, key, params);
    };
    for (const rule of rules) rule(row, context, report);
  }
  checkUniqueIds(definition, reading.rows, (row, params) => reportAt(row, 'duplicate-id', definition.idColumn, params));
  const issues = [...reading.issues, ...list.issues].sort(sheetOrder(layout, columnsByKey));
  return { template, layout, rows: reading.rows, issues, valid: !hasErrors(issues) };
}

/** Reads and judges a sheet's values (header row first) against a template's definition and rules. */
export function validateSheet<T extends TemplateKey>(
  template: T,
  values: readonly (readonly unknown[])[],
  context: ValidationContext & Omit<ReadOptions, 'language'>,
): TemplateValidation<T> {
  const options: ReadOptions = {
    language: context.language ?? DEFAULT_LANGUAGE,
    ...(context.sheet ? { sheet: context.sheet } : {}),
    ...(context.origin ? { origin: context.origin } : {}),
  };
  return applyRules(template, readSheet(TEMPLATES[template], values, options), context);
}

/** Reads and judges rows given as JSON objects keyed by column key (the API's body). */
export function validateRecords<T extends TemplateKey>(template: T, records: readonly unknown[], context: ValidationContext): TemplateValidation<T> {
  return applyRules(template, readRecords(TEMPLATES[template], records, { language: context.language ?? DEFAULT_LANGUAGE }), context);
}

/** The typed rows of a validation without errors, ready to store; undefined when it has errors. */
export function typedRows<T extends TemplateKey>(validation: TemplateValidation<T>): TemplateRows[T][] | undefined {
  if (!validation.valid) return undefined;
  return validation.rows.map((row) => row.values as unknown as TemplateRows[T]);
}
