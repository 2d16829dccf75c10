import { BOARDS } from '../reference/boards';
import type { Year } from '../reference/initiative';
import { cellAddress } from '../sheet/cell-address';
import { templateDefinition } from '../templates/templates';
import { BOARD_COLUMN, BOARD_NAME_COLUMN, YEAR_COLUMN } from './detail-sheets';
import { reportedTemplates, type NationFacts } from './report-facts';
import { CHECK_ANSWERS, SHEET_NAMES } from './report-labels';
import { isFormulaCell, tableSheet, type Expr, type FormulaCell, type ReportCell, type ReportColumn, type ReportSheet } from './report-model';
import { swedishLocalTime } from './submission-timing';

const CHECK_COLUMNS: readonly ReportColumn[] = [
  { key: 'sheet', label: 'Blad', kind: 'text', width: 24 },
  { key: 'cell', label: 'Cell', kind: 'text', width: 30 },
  { key: 'label', label: 'Summa', kind: 'text', width: 36 },
  { key: 'service', label: 'Samlas värde', kind: 'text', width: 18 },
  { key: 'live', label: 'Formelns värde nu', kind: 'text', width: 18 },
  { key: 'agrees', label: 'Stämmer', kind: 'text', width: 10 },
];

/** The header row is the sheet's row 1, so a model's data row `row` is the sheet's row `row + 2`. */
const SHEET_ROW_OFFSET = 2;

/** What a total is, for a person: its row's first plain cells (year, strand, board) and its column's header. */
function totalLabel(sheet: ReportSheet, cells: readonly ReportCell[], column: number): string {
  const rowLabel = cells
    .filter((cell): cell is string | number => typeof cell === 'string' || typeof cell === 'number')
    .slice(0, 3)
    .join(' ');
  return [rowLabel, sheet.columns[column]?.label].filter((part) => part !== undefined && part !== '').join(' – ');
}

/**
 * Kontroll: one row per total of the given sheets, holding the value Samla computed (a plain value), the total's
 * live value (a formula pointing at it) and whether they agree (a formula). Finance edits a cost line, and the
 * check says which totals moved away from what the service reported.
 */
export function checkSheet(sheets: readonly ReportSheet[]): { sheet: ReportSheet; allAgree: FormulaCell } {
  const rows: ReportCell[][] = [];
  for (const sheet of sheets) {
    [...sheet.rows()].forEach((cells, row) =>
      cells.forEach((cell, column) => {
        if (!isFormulaCell(cell)) return;
        const key = sheet.columns[column]?.key as string;
        const kind = cell.kind ?? sheet.columns[column]?.kind ?? 'text';
        const own = rows.length;
        rows.push([
          sheet.name,
          cellAddress(sheet.name, row + SHEET_ROW_OFFSET, column + 1),
          totalLabel(sheet, cells, column),
          { value: cell.value, kind },
          { formula: { op: 'ref', sheet: sheet.name, row, column: key }, value: cell.value, kind },
          {
            formula: { op: 'agree', left: { op: 'ref', row: own, column: 'live' }, right: { op: 'ref', row: own, column: 'service' }, ...CHECK_ANSWERS },
            value: CHECK_ANSWERS.yes,
          },
        ]);
      }),
    );
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
