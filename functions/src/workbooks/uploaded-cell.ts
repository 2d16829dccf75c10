import ExcelJS from 'exceljs';

/** A cell's value as the shared sheet reader takes it, the same kinds Office.js delivers. */
export type PlainCellValue = string | number | boolean | Date | null;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function richText(value: unknown): string | undefined {
  if (!isObject(value) || !Array.isArray(value.richText)) return undefined;
  return value.richText.map((run: unknown) => (isObject(run) && typeof run.text === 'string' ? run.text : '')).join('');
}

/**
 * Any ExcelJS value to a plain one: formulas give their cached result (never evaluated, never kept as a
 * formula), rich text and hyperlinks their text, errors like `#N/A` their text. Text stays text whatever it
 * begins with: it is data, not a formula.
 */
export function plainValue(value: unknown): PlainCellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value;
  if (!isObject(value)) return null;
  const rich = richText(value);
  if (rich !== undefined) return rich;
  if ('formula' in value || 'sharedFormula' in value) return plainValue(value.result);
  if ('error' in value) return typeof value.error === 'string' ? value.error : null;
  if ('hyperlink' in value || 'text' in value) {
    const text = plainValue(value.text);
    return text === null || text === '' ? plainValue(value.hyperlink) : text;
  }
  return null;
}

/** A cell's plain value; the covered cells of a merged range are empty, as Excel shows them to formulas. */
export function plainCellValue(cell: ExcelJS.Cell): PlainCellValue {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return plainValue(cell.value);
}
