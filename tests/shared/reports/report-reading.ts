import { columnIndex, isFormulaCell, type ReportCell, type ReportModel, type ReportSheet } from '@samla/shared';

export function sheetOf(model: ReportModel, name: string): ReportSheet {
  const sheet = model.sheets.find((candidate) => candidate.name === name);
  if (!sheet) throw new Error(`No sheet ${name} in ${model.fileName}`);
  return sheet;
}

/** The value of a cell (a total's stored value) in the first row whose `keyColumn` holds `key`. */
export function valueAt(model: ReportModel, sheetName: string, keyColumn: string, key: unknown, column: string): unknown {
  const sheet = sheetOf(model, sheetName);
  const rows = [...sheet.rows()];
  const row = rows.find((cells) => plain(cells[columnIndex(sheet, keyColumn)]) === key);
  if (!row) throw new Error(`No row with ${keyColumn}=${String(key)} in ${sheetName}`);
  return plain(row[columnIndex(sheet, column)]);
}

export function plain(cell: ReportCell | undefined): unknown {
  if (isFormulaCell(cell as ReportCell)) return (cell as { value: unknown }).value;
  if (typeof cell === 'object' && cell !== null) return cell.value;
  return cell;
}

/** Sums amounts the way a bookkeeper would: in whole öre. */
export function sumOre(amounts: readonly number[]): number {
  return amounts.reduce((total, amount) => total + Math.round(amount * 100), 0) / 100;
}
