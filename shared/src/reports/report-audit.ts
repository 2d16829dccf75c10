import { isoDateFromSerial, serialFromIsoDate } from '../sheet/cell-values';
import { columnIndex, isFormulaCell, type Criterion, type Expr, type ReportCell, type ReportModel, type ReportSheet } from './report-model';

export interface AuditMismatch {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly stored: number | string;
  readonly evaluated: number | string;
}

type Value = number | string;

/** A value as a formula sees it: dates as serials, empty as empty text. */
function formulaValue(sheet: ReportSheet, column: number, cell: ReportCell): Value | undefined {
  const raw = isFormulaCell(cell) ? cell.value : typeof cell === 'object' && cell !== null ? cell.value : cell;
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  const kind = sheet.columns[column]?.kind;
  if (typeof raw === 'string' && (kind === 'date' || kind === 'dateTime') && isoDateFromSerial(serialFromIsoDate(raw.slice(0, 10))) !== undefined)
    return serialFromIsoDate(raw.slice(0, 10));
  return raw;
}

function matches(value: Value | undefined, criterion: Criterion): boolean {
  if ('equals' in criterion)
    return typeof criterion.equals === 'number'
      ? value === criterion.equals
      : typeof value === 'string' && value.toLowerCase() === criterion.equals.toLowerCase();
  if (criterion.compare === '<>') return value !== criterion.value;
  if (typeof value !== 'number' || typeof criterion.value !== 'number') return false;
  return criterion.compare === '>' ? value > criterion.value : value <= criterion.value;
}

/**
 * Evaluates every total of a report the way a spreadsheet would, over the report's own rows, and lists where
 * that differs from the value the core stored. A second, independent computation for tests and audits; it
 * reads every detail row for every total, so it is meant for test-sized nations.
 */
export function auditReport(model: ReportModel): AuditMismatch[] {
  const sheets = new Map(model.sheets.map((sheet) => [sheet.name, { sheet, rows: [...sheet.rows()] }]));
  const cellAt = (sheetName: string, row: number, column: string): Value | undefined => {
    const entry = sheets.get(sheetName);
    if (!entry) throw new Error(`No sheet ${sheetName}`);
    const index = columnIndex(entry.sheet, column);
    const cell = entry.rows[row]?.[index];
    return cell === undefined ? undefined : formulaValue(entry.sheet, index, cell);
  };
  const rowsWhere = (sheetName: string, where: readonly Criterion[]) => {
    const entry = sheets.get(sheetName);
    if (!entry) throw new Error(`No sheet ${sheetName}`);
    const indexes = where.map((criterion) => columnIndex(entry.sheet, criterion.column));
    return entry.rows
      .map((_, row) => row)
      .filter((row) => where.every((criterion, at) => matches(cellAt(sheetName, row, entry.sheet.columns[indexes[at] as number]?.key as string), criterion)));
  };
  const number = (value: Value | undefined): number => (typeof value === 'number' ? value : 0);
  const evaluate = (own: string, expr: Expr): Value => {
    switch (expr.op) {
      case 'sumIfs': {
        const ore = rowsWhere(expr.sheet, expr.where).reduce((total, row) => total + Math.round(number(cellAt(expr.sheet, row, expr.sum)) * 100), 0);
        return ore / 100;
      }
      case 'countIfs':
        return rowsWhere(expr.sheet, expr.where).length;
      case 'ref':
        return cellAt(expr.sheet ?? own, expr.row, expr.column) ?? 0;
      case 'sumRows':
        return Math.round(expr.rows.reduce((total, row) => total + number(cellAt(own, row, expr.column)) * 100, 0)) / 100;
      case 'add':
        return Math.round(expr.terms.reduce<number>((total, term) => total + number(evaluate(own, term)) * 100, 0)) / 100;
      case 'sub':
        return Math.round((number(evaluate(own, expr.left)) - number(evaluate(own, expr.right))) * 100) / 100;
      case 'share': {
        const right = number(evaluate(own, expr.right));
        const tooFew = expr.minimum !== undefined && expr.minimum > 0 ? right < expr.minimum : right === 0;
        return tooFew ? '' : number(evaluate(own, expr.left)) / right;
      }
      case 'max0':
        return Math.max(0, number(evaluate(own, expr.arg)));
      case 'num':
        return expr.value;
      case 'flag': {
        const branch = number(evaluate(own, expr.left)) > number(evaluate(own, expr.right)) ? expr.whenGreater : expr.otherwise;
        return typeof branch === 'string' ? branch : evaluate(own, branch);
      }
      case 'differing':
        return expr.totals
          .filter((total) => {
            const live = evaluate(own, total.at);
            if (typeof total.value !== 'number') return String(live) !== total.value;
            return typeof live !== 'number' || Math.abs(live - total.value) >= total.tolerance;
          })
          .map((total) => `${total.name}; `)
          .join('');
      case 'whenEmpty':
        return evaluate(own, expr.arg) === '' ? expr.yes : expr.no;
    }
  };
  const mismatches: AuditMismatch[] = [];
  for (const { sheet, rows } of sheets.values()) {
    rows.forEach((cells, row) =>
      cells.forEach((cell, column) => {
        if (!isFormulaCell(cell)) return;
        const evaluated = evaluate(sheet.name, cell.formula);
        const same = typeof evaluated === 'number' && typeof cell.value === 'number' ? Math.abs(evaluated - cell.value) < 1e-9 : evaluated === cell.value;
        if (!same) mismatches.push({ sheet: sheet.name, row, column: sheet.columns[column]?.key ?? String(column), stored: cell.value, evaluated });
      }),
    );
  }
  return mismatches;
}
