import { BOARDS } from '../reference/boards';
import type { Year } from '../reference/initiative';
import { FUNDING_SOURCES } from '../templates/list-definitions';
import { BOARD_COLUMN, BOARD_NAME_COLUMN } from './detail-sheets';
import type { BoardYearFigures, NationFacts } from './report-facts';
import { listLabel, SHEET_NAMES } from './report-labels';
import { fromOre, tableSheet, type Criterion, type ReportCell, type ReportColumn, type ReportSheet } from './report-model';
import { amountFormula, countIfs, formula, sumIfs, womenShare } from './summary-sheets';

/** The figures shown for each year, side by side: key, label and kind. */
const PARTS = [
  { key: 'activities', label: 'Aktiviteter', kind: 'count' },
  { key: 'women', label: 'Kvinnor', kind: 'count' },
  { key: 'men', label: 'Män', kind: 'count' },
  { key: 'unspecified', label: 'Ej könsuppdelat', kind: 'count' },
  { key: 'womenShare', label: 'Andel kvinnor', kind: 'share' },
  { key: 'grant', label: 'Kostnader mot anslaget', kind: 'amount' },
] as const;

type Additive = 'activities' | 'women' | 'men' | 'unspecified' | 'grant';

const key = (part: string, year: Year): string => `${part}:${year}`;

function columns(years: readonly Year[]): ReportColumn[] {
  return [
    BOARD_COLUMN,
    BOARD_NAME_COLUMN,
    ...years.flatMap((year) =>
      PARTS.map((part): ReportColumn => ({
        key: key(part.key, year),
        label: `${part.label} ${year}`,
        kind: part.kind,
        width: part.kind === 'amount' ? 16 : 11,
      })),
    ),
  ];
}

/** One board's cells for a year: counts and costs as formulas over the detail sheets, the share over its own cells. */
function yearCells(row: number, year: Year, board: string, figures: BoardYearFigures): ReportCell[] {
  const where: Criterion[] = [
    { column: 'year', equals: year },
    { column: 'board', equals: board },
  ];
  const grantWhere: Criterion[] = [...where, { column: 'funding', equals: listLabel(FUNDING_SOURCES, 'grant') as string }];
  return [
    formula(countIfs(SHEET_NAMES.activities, where), figures.activities),
    formula(sumIfs(SHEET_NAMES.activities, 'participantsWomen', where), figures.women),
    formula(sumIfs(SHEET_NAMES.activities, 'participantsMen', where), figures.men),
    formula(sumIfs(SHEET_NAMES.activities, 'participantsUnspecified', where), figures.unspecified),
    womenShare(row, figures.women, figures.men, { women: key('women', year), men: key('men', year) }),
    amountFormula(sumIfs(SHEET_NAMES.expenses, 'amount', grantWhere), figures.grantOre),
  ];
}

function totalCells(row: number, year: Year, rows: readonly number[], total: BoardYearFigures): ReportCell[] {
  const value = { activities: total.activities, women: total.women, men: total.men, unspecified: total.unspecified, grant: fromOre(total.grantOre) };
  const sum = (part: Additive): ReportCell => formula({ op: 'sumRows', column: key(part, year), rows }, value[part]);
  return [
    sum('activities'),
    sum('women'),
    sum('men'),
    sum('unspecified'),
    womenShare(row, total.women, total.men, { women: key('women', year), men: key('men', year) }),
    sum('grant'),
  ];
}

/**
 * Per län och år: each board's activities, participants by sex, women's share and grant-funded costs, the years side
 * by side so a coordinator reads a board's two years on one line, and a line summing the boards. Every figure is a
 * live formula over the detail sheets; the share is left empty where too few participants have their sex given.
 */
export function boardYearsSheet(years: readonly Year[], facts: NationFacts): ReportSheet {
  const rows: ReportCell[][] = BOARDS.map((board, row) => [
    board.code,
    board.name,
    ...years.flatMap((year) => yearCells(row, year, board.code, facts.boardYear(year, board.code))),
  ]);
  const span = BOARDS.map((_, index) => index);
  const totalRow = rows.length;
  rows.push([
    null,
    'Summa',
    ...years.flatMap((year) => {
      const total = BOARDS.reduce<BoardYearFigures>(
        (sum, board) => {
          const figures = facts.boardYear(year, board.code);
          return {
            activities: sum.activities + figures.activities,
            women: sum.women + figures.women,
            men: sum.men + figures.men,
            unspecified: sum.unspecified + figures.unspecified,
            grantOre: sum.grantOre + figures.grantOre,
          };
        },
        { activities: 0, women: 0, men: 0, unspecified: 0, grantOre: 0 },
      );
      return totalCells(totalRow, year, span, total);
    }),
  ]);
  return tableSheet(SHEET_NAMES.perBoard, columns(years), rows);
}
