import { columnIndex, columnLetters, quoteSheetName, type Criterion, type Expr, type ReportSheet } from '@samla/shared';
import { safeSheetName, xmlSafeText } from './inert-text';

/** Where a sheet's columns and data rows are, so that a total can name its ranges. */
export interface ReportSheetRanges {
  readonly sheet: Pick<ReportSheet, 'name' | 'columns' | 'rowCount'>;
}

/** The header is row 1; data rows follow it. */
export const FIRST_DATA_ROW = 2;

export function dataRow(row: number): number {
  return FIRST_DATA_ROW + row;
}

/** A text constant in a formula: XML-safe as the cells it compares with, quotes doubled. */
export function formulaString(text: string): string {
  return `"${xmlSafeText(text).replace(/"/g, '""')}"`;
}

/** A number constant in a formula, never in exponent notation (`1e-7` is not a formula number everywhere). */
export function formulaNumber(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}

/** A sheet as a formula names it: the name the writer gave the sheet, quoted where needed. */
export function sheetReference(name: string): string {
  return quoteSheetName(safeSheetName(name));
}

/** A criterion's text: wildcards and quotes escaped, so a label matches itself and nothing else. */
function criterionText(criterion: Criterion): string {
  if ('equals' in criterion) {
    if (typeof criterion.equals === 'number') return String(criterion.equals);
    return formulaString(criterion.equals.replace(/[~*?]/g, '~$&'));
  }
  return formulaString(`${criterion.compare}${String(criterion.value)}`);
}

/** Turns a report total into the Excel formula that computes it from the sheets of the same workbook. */
export class FormulaWriter {
  private readonly layouts: ReadonlyMap<string, ReportSheetRanges['sheet']>;

  constructor(sheets: readonly ReportSheetRanges['sheet'][]) {
    this.layouts = new Map(sheets.map((sheet) => [sheet.name, sheet]));
  }

  private layout(name: string): ReportSheetRanges['sheet'] {
    const layout = this.layouts.get(name);
    if (!layout) throw new Error(`A total refers to a sheet that is not in the workbook: ${name}`);
    return layout;
  }

  private letters(sheetName: string, column: string): string {
    return columnLetters(columnIndex(this.layout(sheetName), column) + 1);
  }

  /** A whole data column, absolute: `Kostnader!$I$2:$I$5001` (one empty row when the sheet has none). */
  range(sheetName: string, column: string): string {
    const letters = this.letters(sheetName, column);
    const last = dataRow(Math.max(this.layout(sheetName).rowCount, 1) - 1);
    return `${sheetReference(sheetName)}!$${letters}$${FIRST_DATA_ROW}:$${letters}$${last}`;
  }

  private cell(own: string, sheetName: string | undefined, row: number, column: string): string {
    const target = sheetName ?? own;
    const address = `${this.letters(target, column)}${dataRow(row)}`;
    return sheetName && sheetName !== own ? `${sheetReference(sheetName)}!${address}` : address;
  }

  private criteria(sheetName: string, where: readonly Criterion[]): string {
    return where.map((criterion) => `${this.range(sheetName, criterion.column)},${criterionText(criterion)}`).join(',');
  }

  /** The formula text without its leading `=`, for the cell on sheet `own`. */
  write(own: string, expr: Expr): string {
    switch (expr.op) {
      case 'sumIfs':
        return expr.where.length === 0
          ? `SUM(${this.range(expr.sheet, expr.sum)})`
          : `SUMIFS(${this.range(expr.sheet, expr.sum)},${this.criteria(expr.sheet, expr.where)})`;
      case 'countIfs':
        return `COUNTIFS(${this.criteria(expr.sheet, expr.where)})`;
      case 'ref':
        return this.cell(own, expr.sheet, expr.row, expr.column);
      case 'sumRows':
        return `SUM(${this.rows(own, expr.column, expr.rows)})`;
      case 'add':
        return `(${expr.terms.map((term) => this.write(own, term)).join('+')})`;
      case 'sub':
        return `(${this.write(own, expr.left)}-${this.write(own, expr.right)})`;
      case 'share': {
        const right = this.write(own, expr.right);
        const tooFew = expr.minimum !== undefined && expr.minimum > 0 ? `${right}<${expr.minimum}` : `${right}=0`;
        return `IF(${tooFew},"",${this.write(own, expr.left)}/${right})`;
      }
      case 'max0':
        return `MAX(0,${this.write(own, expr.arg)})`;
      case 'num':
        return String(expr.value);
      case 'flag': {
        const branch = (outcome: string | Expr): string => (typeof outcome === 'string' ? formulaString(outcome) : this.write(own, outcome));
        return `IF(${this.write(own, expr.left)}>${this.write(own, expr.right)},${branch(expr.whenGreater)},${branch(expr.otherwise)})`;
      }
      case 'differing': {
        const parts = expr.totals.map((total) => {
          const at = this.write(own, total.at);
          const agrees =
            typeof total.value === 'number'
              ? `IF(ISNUMBER(${at}),ABS(${at}-${formulaNumber(total.value)})<${formulaNumber(total.tolerance)},FALSE)`
              : `${at}&""=${formulaString(total.value)}`;
          return `IF(${agrees},"",${formulaString(`${total.name}; `)})`;
        });
        return `(""&${parts.join('&')})`;
      }
      case 'whenEmpty':
        return `IF(${this.write(own, expr.arg)}="",${formulaString(expr.yes)},${formulaString(expr.no)})`;
    }
  }

  /** Rows of one column as a range when they follow each other, else as a list. */
  private rows(own: string, column: string, rows: readonly number[]): string {
    if (rows.length === 0) return '0';
    const contiguous = rows.every((row, index) => index === 0 || row === (rows[index - 1] as number) + 1);
    const letters = this.letters(own, column);
    if (contiguous) return `${letters}${dataRow(rows[0] as number)}:${letters}${dataRow(rows[rows.length - 1] as number)}`;
    return rows.map((row) => `${letters}${dataRow(row)}`).join(',');
  }
}
