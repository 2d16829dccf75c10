import { DEFAULT_LANGUAGE } from '../i18n/localized';
import { readRecords, readSheet, sheetRowReader, type LocatedRow, type ReadOptions, type TemplateSheetLayout, type SheetReading } from '../sheet/sheet-reader';
import type { Column } from '../templates/column-definition';
import { templateModule, type TemplateKey, type TemplateRows } from '../templates/template-modules';
import type { AnyTemplate } from '../templates/templates';
import { IdRegister } from './id-register';
import { referenceRule } from './reference-rules';
import type { Issue, Severity } from './issue';
import type { IssueCode } from './issue-codes';
import { addTallies, issueCounts, IssueList, MAX_ISSUES, tallyHasErrors } from './issue-list';
import { type ReportIssue, type RowRule, type ValidationContext } from './row-rules';

export interface TemplateValidation<T extends string = TemplateKey> {
  readonly template: T;
  readonly layout: TemplateSheetLayout;
  /** Every row read, with the values that could be read. */
  readonly rows: readonly LocatedRow[];
  /** The first issues in sheet order (row by row, left to right): at most `MAX_ISSUES`. */
  readonly issues: readonly Issue[];
  /** How many issues of each code were found, including those left out of `issues`: errors first. */
  readonly issueCounts: readonly { code: IssueCode; severity: Severity; count: number }[];
  /** How many issues were found but left out of `issues` (0 when all are there). */
  readonly omittedIssues: number;
  /** No error was found, kept or omitted. */
  readonly valid: boolean;
}

/** The IDs a reference is checked against, when the context has them. */
export function referencedIdsOf(context: ValidationContext, template: string): Iterable<string> | undefined {
  return context.referencedIds?.[template] ?? (template === 'activities' ? context.activityIds : undefined);
}

/** A template's row rules, and a rule per reference whose referred IDs the context holds. */
function rulesFor(template: string, context: ValidationContext): readonly RowRule[] {
  const module = templateModule(template);
  const links = module.references.flatMap((reference) => {
    const ids = referencedIdsOf(context, reference.template);
    return ids === undefined ? [] : [referenceRule(reference, ids)];
  });
  return [...module.rules, ...links];
}

/** A rule across rows: each row's ID must be new, compared without regard to case (`idKey`); `seen` holds them. */
function uniqueIdRule(template: AnyTemplate, seen: IdRegister): RowRule {
  return (row, _context, report) => {
    const id = row.values[template.idColumn];
    if (typeof id !== 'string') return;
    const first = seen.add(id, row.sheetRow);
    if (first !== undefined) report('duplicate-id', template.idColumn, { value: id, first, row: row.sheetRow });
  };
}

function sheetOrder(layout: TemplateSheetLayout, columnsByKey: ReadonlyMap<string, Column>) {
  return (a: Issue, b: Issue): number => {
    if (a.row !== b.row) return a.row - b.row;
    const columnA = a.column && columnsByKey.has(a.column) ? (layout.columns.get(a.column) ?? 0) : 0;
    const columnB = b.column && columnsByKey.has(b.column) ? (layout.columns.get(b.column) ?? 0) : 0;
    return columnA - columnB;
  };
}

/** A template's judgement without its rows: what a sheet judged one row at a time (`sheetJudge`) gives. */
export type JudgedSheet<T extends string = TemplateKey> = Omit<TemplateValidation<T>, 'rows'> & {
  /** How many rows were read (blank rows not counted). */
  readonly rowCount: number;
};

/** The template's rules over rows read one at a time, and the judgement they make with the reading's issues. */
function ruleJudging<T extends string>(template: T, layout: TemplateSheetLayout, context: ValidationContext) {
  const definition: AnyTemplate = templateModule(template).definition;
  const list = new IssueList(layout.sheet, context.language ?? DEFAULT_LANGUAGE);
  const columnsByKey = new Map<string, Column>(definition.columns.map((column) => [column.key, column]));
  const firstColumn = Math.min(...layout.columns.values(), Number.MAX_SAFE_INTEGER);
  const ids = new IdRegister();
  const rules = [...rulesFor(template, context), uniqueIdRule(definition, ids)];
  // One reporter for every row (the row being judged is `row`): no closure is built per row on this hot path.
  let row: LocatedRow | undefined;
  const report: ReportIssue = (code, key, params = {}) => {
    if (row && !row.unreadable?.includes(key)) list.add(code, row.sheetRow, columnsByKey.get(key) ?? null, layout.columns.get(key) ?? firstColumn, params);
  };
  return {
    list,
    /** The IDs of the rows judged that could be read as text, valid or not: what later templates' references name. */
    ids,
    judge(located: LocatedRow): void {
      row = located;
      for (let index = 0; index < rules.length; index += 1) (rules[index] as RowRule)(located, context, report);
    },
    /** The judgement of the rows judged, with the reading's issues and tally. */
    result(reading: Pick<SheetReading, 'issues' | 'tally'>, rowCount: number): JudgedSheet<T> {
      // Each list holds its first issues in row order, so the first MAX_ISSUES of both in sheet order are among them.
      const issues = [...reading.issues, ...list.issues].sort(sheetOrder(layout, columnsByKey)).slice(0, MAX_ISSUES);
      const tally = addTallies(reading.tally, list.tally);
      const counts = issueCounts(tally);
      const found = counts.reduce((sum, entry) => sum + entry.count, 0);
      return { template, layout, rowCount, issues, issueCounts: counts, omittedIssues: found - issues.length, valid: !tallyHasErrors(tally) };
    },
  };
}

function applyRules<T extends string>(template: T, reading: SheetReading, context: ValidationContext): TemplateValidation<T> {
  const judging = ruleJudging(template, reading.layout, context);
  for (const row of reading.rows) judging.judge(row);
  const { rowCount: _rowCount, ...judged } = judging.result(reading, reading.rows.length);
  return { ...judged, rows: reading.rows };
}

/**
 * A template's sheet judged one row at a time, for a caller that streams a large sheet and must not hold its rows
 * (an uploaded file): the same reading and rules as `validateSheet`, in the same sheet order, with the same bounded
 * issues. Give the rows in ascending order; each row's typed values are handed back as it is judged.
 */
export interface SheetJudge<T extends string> {
  readonly layout: TemplateSheetLayout;
  /**
   * Reads and judges the row at `index` of the sheet's values (1 is the row below the header): its typed row, or
   * undefined for a blank row. A row's issues may be found by a rule across rows later (a duplicate ID names both).
   */
  row(index: number, cells: readonly unknown[]): LocatedRow | undefined;
  /** Whether an error has been found so far: rows after it are still judged, but nothing of the sheet will be stored. */
  readonly failed: boolean;
  /**
   * The IDs of the rows read so far that could be read as text, valid or not: what later templates' references name
   * (give it as the context's `referencedIds` of this template).
   */
  readonly ids: IdRegister;
  /** The judgement of every row given. */
  finish(): JudgedSheet<T>;
}

/** Starts judging a sheet whose header row is `header` (row 0 of its values): see `SheetJudge`. */
export function sheetJudge<T extends string>(
  template: T,
  header: readonly unknown[] | undefined,
  context: ValidationContext & Omit<ReadOptions, 'language'>,
): SheetJudge<T> {
  const reader = sheetRowReader(templateModule(template).definition, header, readOptions(context));
  const judging = ruleJudging(template, reader.layout, context);
  let rowCount = 0;
  return {
    layout: reader.layout,
    ids: judging.ids,
    get failed() {
      return reader.issues.hasErrors || judging.list.hasErrors;
    },
    row(index, cells) {
      const located = reader.read(index, cells);
      if (!located) return undefined;
      rowCount += 1;
      judging.judge(located);
      return located;
    },
    finish: () => judging.result({ issues: reader.issues.issues, tally: reader.issues.tally }, rowCount),
  };
}

function readOptions(context: ValidationContext & Omit<ReadOptions, 'language'>): ReadOptions {
  return {
    language: context.language ?? DEFAULT_LANGUAGE,
    ...(context.sheet ? { sheet: context.sheet } : {}),
    ...(context.origin ? { origin: context.origin } : {}),
  };
}

/** Reads and judges a sheet's values (header row first) against a template's definition and rules. */
export function validateSheet<T extends string>(
  template: T,
  values: readonly (readonly unknown[])[],
  context: ValidationContext & Omit<ReadOptions, 'language'>,
): TemplateValidation<T> {
  return applyRules(template, readSheet(templateModule(template).definition, values, readOptions(context)), context);
}

/** Reads and judges rows given as JSON objects keyed by column key (the API's body). */
export function validateRecords<T extends string>(template: T, records: readonly unknown[], context: ValidationContext): TemplateValidation<T> {
  return applyRules(template, readRecords(templateModule(template).definition, records, { language: context.language ?? DEFAULT_LANGUAGE }), context);
}

/** The typed rows of a validation without errors, ready to store; undefined when it has errors. */
export function typedRows<T extends string>(validation: TemplateValidation<T>): RowsOf<T>[] | undefined {
  if (!validation.valid) return undefined;
  return validation.rows.map((row) => row.values as unknown as RowsOf<T>);
}

/** A template's row type: the product's typed row, or plain values for a template known only at run time. */
export type RowsOf<T extends string> = T extends TemplateKey ? TemplateRows[T] : Record<string, unknown>;
