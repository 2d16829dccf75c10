/** Column letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  let rest = column;
  while (rest > 0) {
    const remainder = (rest - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** 1-based column number for column letters: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let column = 0;
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return column;
}

/** A sheet name as Excel writes it in a reference: quoted when it holds anything but letters, digits and `_`. */
export function quoteSheetName(sheet: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export function cellAddress(sheet: string, row: number, column: number): string {
  return `${quoteSheetName(sheet)}!${columnLetters(column)}${row}`;
}

export interface CellPosition {
  /** 1-based sheet row. */
  readonly row: number;
  /** 1-based sheet column. */
  readonly column: number;
}

/** Splits `A1`, `Kostnader!G14` or `'Mitt blad'!$B$2` into its sheet (if any) and position. */
export function parseCellAddress(address: string): { sheet?: string; position: CellPosition } | undefined {
  const match = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::.*)?$/.exec(address.trim());
  if (!match) return undefined;
  const sheet = match[1]?.replace(/''/g, "'") ?? match[2];
  const position = { row: Number(match[4]), column: columnNumber(match[3] ?? 'A') };
  return sheet === undefined ? { position } : { sheet, position };
}
