import { BOARDS } from '../reference/boards';
import type { Year } from '../reference/initiative';
import { cellAddress, columnLetters } from '../sheet/cell-address';
import { templateDefinition } from '../templates/templates';
import { BOARD_COLUMN, BOARD_NAME_COLUMN, YEAR_COLUMN } from './detail-sheets';
import { reportedTemplates, type NationFacts } from './report-facts';
import { CHECK_ANSWERS, SHEET_NAMES } from './report-labels';
import { shownValue } from './report-draft';
import {
  isFormulaCell,
  tableSheet,
  type CellKind,
  type CheckedTotal,
  type Expr,
  type FormulaCell,
  type ReportCell,
  type ReportColumn,
  type ReportSheet,
} from './report-model';
import { swedishLocalTime } from './submission-timing';

const CHECK_COLUMNS: readonly ReportColumn[] = [
  { key: 'sheet', label: 'Blad', kind: 'text', width: 22 },
  { key: 'cells', label: 'Celler', kind: 'text', width: 28 },
  { key: 'label', label: 'Rad', kind: 'text', width: 34 },
  { key: 'totals', label: 'Antal summor', kind: 'count', width: 9 },
  { key: 'differing', label: 'Summor som inte stämmer (Samlas värde)', kind: 'text', width: 40 },
  { key: 'agrees', label: 'Stämmer', kind: 'text', width: 10 },
];

/** The header row is the sheet's row 1, so a model's data row `row` is the sheet's row `row + 2`. */
const SHEET_ROW_OFFSET = 2;
/** The most totals one check row compares: keeps its formula far below Excel's 8 192 characters. */
const TOTALS_PER_CHECK = 24;

/** How far a live value may be from Samla's and still agree: half an öre, half a person, a millionth of a share. */
const TOLERANCE: Partial<Record<CellKind, number>> = { amount: 0.005, count: 0.5, share: 0.000001, hours: 0.005 };

/** The longest row label, in characters: a list of boards is cut short, the row's address says the rest. */
const MAX_LABEL = 40;

/** What a row is, for a person: its first plain cells (year, strand, board). */
function rowLabel(cells: readonly ReportCell[]): string {
  const label = cells
    .filter((cell): cell is string | number => typeof cell === 'string' || typeof cell === 'number')
    .slice(0, 3)
    .join(' ');
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** The address of a row's checked cells: one cell, or the span from the first to the last. */
function cellsAddress(sheet: ReportSheet, sheetRow: number, columns: readonly number[]): string {
  const first = cellAddress(sheet.name, sheetRow, (columns[0] as number) + 1);
  const last = columns[columns.length - 1] as number;
  return columns.length === 1 ? first : `${first}:${columnLetters(last + 1)}${sheetRow}`;
}

/**
 * Kontroll: one row per row of totals of the given sheets. Its formula compares each total's live value with the value
 * Samla computed (held in the formula) and names those that differ, with Samla's value; a second formula says whether
 * the row agrees. Finance edits a cost line, and the check names the totals that moved away from what the service
 * reported. One row per line of totals, not per total, so that it prints on a few pages for the whole nation.
 */
export function checkSheet(sheets: readonly ReportSheet[]): { sheet: ReportSheet; allAgree: FormulaCell } {
  const rows: ReportCell[][] = [];
  for (const sheet of sheets) {
    [...sheet.rows()].forEach((cells, row) => {
      const columns = cells.flatMap((cell, column) => (isFormulaCell(cell) ? [column] : []));
      for (let from = 0; from < columns.length; from += TOTALS_PER_CHECK) {
        const part = columns.slice(from, from + TOTALS_PER_CHECK);
        const totals: CheckedTotal[] = part.map((column) => {
          const cell = cells[column] as FormulaCell;
          const kind = cell.kind ?? sheet.columns[column]?.kind ?? 'text';
          const address = `${columnLetters(column + 1)}${row + SHEET_ROW_OFFSET}`;
          const shown = shownValue(cell, kind);
          return {
            at: { op: 'ref', sheet: sheet.name, row, column: sheet.columns[column]?.key as string },
            value: cell.value,
            tolerance: TOLERANCE[kind] ?? 0.005,
            name: `${address} ${sheet.columns[column]?.label ?? ''} (Samla: ${shown === '' ? 'tom' : shown})`,
          };
        });
        const own = rows.length;
        rows.push([
          sheet.name,
          cellsAddress(sheet, row + SHEET_ROW_OFFSET, part),
          rowLabel(cells),
          totals.length,
          { formula: { op: 'differing', totals }, value: '' },
          {
            formula: { op: 'whenEmpty', arg: { op: 'ref', row: own, column: 'differing' }, yes: CHECK_ANSWERS.yes, no: CHECK_ANSWERS.no },
            value: CHECK_ANSWERS.yes,
          },
        ]);
      }
    });
  }
  const disagreeing: Expr = { op: 'countIfs', sheet: SHEET_NAMES.check, where: [{ column: 'agrees', equals: CHECK_ANSWERS.no }] };
  const allAgree: FormulaCell = {
    formula: { op: 'flag', left: disagreeing, right: { op: 'num', value: 0 }, whenGreater: CHECK_ANSWERS.someDiffer, otherwise: CHECK_ANSWERS.allAgree },
    value: CHECK_ANSWERS.allAgree,
    kind: 'text',
  };
  const sheet = tableSheet(SHEET_NAMES.check, CHECK_COLUMNS, rows, {
    filter: true,
    highlights: [{ column: 'agrees', startsWith: CHECK_ANSWERS.no, tone: 'alert' }],
  });
  return { sheet, allAgree };
}

const SOURCE_COLUMNS: readonly ReportColumn[] = [
  YEAR_COLUMN,
  BOARD_COLUMN,
  BOARD_NAME_COLUMN,
  { key: 'template', label: 'Mall', kind: 'text', width: 12 },
  { key: 'version', label: 'Version', kind: 'count', width: 9 },
  { key: 'submittedBy', label: 'Inlämnad av', kind: 'text', width: 24 },
  { key: 'submittedAt', label: 'Inlämnad', kind: 'dateTime', width: 17 },
  { key: 'rows', label: 'Rader', kind: 'count', width: 8 },
  { key: 'contentHash', label: 'Innehållets kontrollsumma (SHA-256)', kind: 'text', width: 66 },
];

/** Every board's current version of each template and year: who submitted it, when, and the hash of its rows. */
export function sourcesSheet(years: readonly Year[], facts: NationFacts): ReportSheet {
  const rows: ReportCell[][] = [];
  for (const year of years) {
    for (const board of BOARDS) {
      for (const template of reportedTemplates()) {
        const version = facts.version(year, board.code, template);
        const name = templateDefinition(template).label.sv;
        if (!version) rows.push([year, board.code, board.name, name, null, CHECK_ANSWERS.notSubmitted, null, null, null]);
        else
          rows.push([
            year,
            board.code,
            board.name,
            name,
            version.version,
            version.submittedBy,
            swedishLocalTime(version.submittedAt),
            version.rowCount,
            version.contentHash ?? '',
          ]);
      }
    }
  }
  return tableSheet(SHEET_NAMES.sources, SOURCE_COLUMNS, rows, {
    filter: true,
    highlights: [{ column: 'submittedBy', startsWith: CHECK_ANSWERS.notSubmitted, tone: 'alert' }],
  });
}
