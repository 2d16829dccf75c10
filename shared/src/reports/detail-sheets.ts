import { BOARDS } from '../reference/boards';
import { ACTIVITIES_TEMPLATE, type ActivityRow } from '../templates/activities-template';
import type { Column } from '../templates/column-definition';
import { NUMBER_FORMATS } from '../templates/formats';
import type { TemplateKey } from '../templates/template-modules';
import { templateDefinition } from '../templates/templates';
import type { RowsOf } from '../validation/validate-template';
import { nationEntries, type ReportBoardRows, type ReportNationYear } from './report-input';
import { NO, SHEET_NAMES, YES } from './report-labels';
import type { CellKind, PlainValue, ReportColumn, ReportSheet } from './report-model';

export const BOARD_COLUMN: ReportColumn = { key: 'board', label: 'Län', kind: 'text', width: 6 };
export const BOARD_NAME_COLUMN: ReportColumn = { key: 'boardName', label: 'Länsstyrelse', kind: 'text', width: 34 };
export const YEAR_COLUMN: ReportColumn = { key: 'year', label: 'År', kind: 'year', width: 7 };

const BOARD_ORDER = new Map<string, number>(BOARDS.map((board, index) => [board.code, index]));

function kindOf(column: Column): CellKind {
  if (column.type === 'date') return 'date';
  if (column.type !== 'number') return 'text';
  if (column.numFmt === NUMBER_FORMATS.amount) return 'amount';
  return column.integer ? 'count' : 'hours';
}

/** A template column as a report column: the template's own label, kind and width. */
export function templateColumn(column: Column): ReportColumn {
  return { key: column.key, label: column.label.sv, kind: kindOf(column), width: column.width };
}

/** How a stored value is shown: list keys as Swedish labels, yes/no as Ja/Nej. */
function presenter(column: Column): (value: unknown) => PlainValue {
  if (column.type === 'list') {
    const labels = new Map<string, string>(column.list.options.map((option) => [option.key, option.label.sv]));
    return (value) => (typeof value === 'string' ? (labels.get(value) ?? value) : undefined);
  }
  if (column.type === 'boolean') return (value) => (value === true ? YES : value === false ? NO : undefined);
  return (value) => value as PlainValue;
}

function byBoard<E extends { readonly version: { readonly board: string } }>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => (BOARD_ORDER.get(a.version.board) ?? 99) - (BOARD_ORDER.get(b.version.board) ?? 99));
}

/** Every row of a template across the years, board by board in the boards' order. */
export function* nationRows<T extends string>(years: readonly ReportNationYear[], template: T): Generator<{ year: number; board: string; row: RowsOf<T> }> {
  for (const nationYear of years) {
    // The entries under a template's key hold that template's rows.
    const entries = nationEntries(nationYear, template) as unknown as readonly {
      version: ReportBoardRows<TemplateKey>['version'];
      rows: readonly RowsOf<T>[];
    }[];
    for (const { version, rows } of byBoard(entries)) {
      for (const row of rows) yield { year: nationYear.year, board: version.board, row };
    }
  }
}

function countRows(years: readonly ReportNationYear[], template: string, keep?: (row: ActivityRow) => boolean): number {
  let count = 0;
  for (const nationYear of years) {
    for (const entry of nationEntries(nationYear, template)) {
      if (!keep) count += entry.rows.length;
      else for (const row of entry.rows as readonly ActivityRow[]) if (keep(row)) count += 1;
    }
  }
  return count;
}

/** A detail sheet: Län, År and then the chosen template columns, one row per submitted row. */
function templateDetailSheet<T extends string>(
  name: string,
  years: readonly ReportNationYear[],
  template: T,
  columns: readonly Column[],
  keep?: (row: RowsOf<T>) => boolean,
): ReportSheet {
  const present = columns.map(presenter);
  const keys = columns.map((column) => column.key);
  return {
    name,
    presentation: { filter: true },
    columns: [BOARD_COLUMN, YEAR_COLUMN, ...columns.map(templateColumn)],
    rowCount: countRows(years, template, keep as ((row: ActivityRow) => boolean) | undefined),
    *rows() {
      for (const { year, board, row } of nationRows(years, template)) {
        if (keep && !keep(row)) continue;
        const record = row as unknown as Record<string, unknown>;
        const cells: PlainValue[] = [board, year];
        for (let index = 0; index < keys.length; index += 1) cells.push((present[index] as (value: unknown) => PlainValue)(record[keys[index] as string]));
        yield cells;
      }
    },
  };
}

/**
 * Any template's detail sheet: Län, År and every column of its definition, one row per submitted row of the years;
 * named after the template's Swedish label unless a name is given.
 */
export function detailSheet(template: string, years: readonly ReportNationYear[], name?: string): ReportSheet {
  const definition = templateDefinition(template);
  return templateDetailSheet(name ?? definition.label.sv, years, template, definition.columns);
}

export function activityColumn(key: string): Column {
  const column = ACTIVITIES_TEMPLATE.columns.find((candidate) => candidate.key === key);
  if (!column) throw new Error(`The activities template has no column ${key}`);
  return column;
}

function activityColumns(keys: readonly string[]): Column[] {
  return keys.map(activityColumn);
}

export function activitiesSheet(years: readonly ReportNationYear[]): ReportSheet {
  return detailSheet('activities', years, SHEET_NAMES.activities);
}

export function expensesSheet(years: readonly ReportNationYear[]): ReportSheet {
  return detailSheet('expenses', years, SHEET_NAMES.expenses);
}

/** Completed activities with what they achieved. */
export function resultsSheet(years: readonly ReportNationYear[]): ReportSheet {
  const columns = activityColumns(['activityId', 'strand', 'activityType', 'title', 'endDate', 'targetGroup', 'result', 'effect']);
  return templateDetailSheet(SHEET_NAMES.results, years, 'activities', columns, (row) => row.status === 'completed');
}

/** The learning examples and where they are published. */
export function learningExamplesSheet(years: readonly ReportNationYear[]): ReportSheet {
  const columns = activityColumns(['activityId', 'strand', 'title', 'status', 'result', 'publishedUrl']);
  return templateDetailSheet(SHEET_NAMES.learningExamples, years, 'activities', columns, (row) => row.learningExample === true);
}
