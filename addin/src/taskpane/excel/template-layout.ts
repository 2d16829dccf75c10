import { TEMPLATE_KEYS, YES_NO, columnLetters, templateDefinition, type Column, type TemplateKey } from '@samla/shared';

/** The hidden sheet that holds the dropdowns' choices, so labels with commas work in every locale. */
export const LISTS_SHEET = 'SamlaListor';

/** One column of a template as it is laid out in a workbook. */
export interface ColumnLayout {
  readonly key: string;
  readonly header: string;
  /** Excel number format for the column's cells; `@` keeps ids and text as text. */
  readonly numberFormat: string;
  /** Width in points (Excel's character units × 7). */
  readonly widthPoints: number;
  /** The dropdown's choices (Swedish labels), for list and yes/no columns. */
  readonly choices?: readonly string[];
  /** Where the choices are on the lists sheet, as an absolute reference: `=SamlaListor!$A$2:$A$8`. */
  readonly choicesSource?: string;
}

function numberFormatOf(column: Column): string {
  if (column.type === 'date' || column.type === 'number') return column.numFmt;
  return column.type === 'id' || column.type === 'text' || column.type === 'url' ? '@' : 'General';
}

function choicesOf(column: Column): string[] | undefined {
  if (column.type === 'list') return column.list.options.map((option) => option.label.sv);
  if (column.type === 'boolean') return [YES_NO.yes.sv, YES_NO.no.sv];
  return undefined;
}

/** Lists on the lists sheet: one column per list column of both templates, in template order. */
function listColumns(): { template: TemplateKey; key: string; choices: string[] }[] {
  return TEMPLATE_KEYS.flatMap((template) =>
    templateDefinition(template).columns.flatMap((column) => {
      const choices = choicesOf(column);
      return choices ? [{ template, key: column.key, choices }] : [];
    }),
  );
}

/** The template's columns as laid out in a workbook, from the shared definition. */
export function templateLayout(template: TemplateKey): ColumnLayout[] {
  const lists = listColumns();
  return templateDefinition(template).columns.map((column) => {
    const listIndex = lists.findIndex((list) => list.template === template && list.key === column.key);
    const list = lists[listIndex];
    const base = { key: column.key, header: column.label.sv, numberFormat: numberFormatOf(column), widthPoints: column.width * 7 };
    if (!list) return base;
    const letters = columnLetters(listIndex + 1);
    return { ...base, choices: list.choices, choicesSource: `=${LISTS_SHEET}!$${letters}$2:$${letters}$${list.choices.length + 1}` };
  });
}

/** The lists sheet's values: a header row naming each list, then its choices; a rectangle. */
export function listsSheetValues(): string[][] {
  const lists = listColumns();
  const height = Math.max(...lists.map((list) => list.choices.length)) + 1;
  return Array.from({ length: height }, (_, row) =>
    lists.map((list) => (row === 0 ? `${list.template}.${list.key}` : (list.choices[row - 1] ?? ''))),
  );
}

/** The header row of a template, in the sheet's language (Swedish: the exact texts other programs rely on). */
export function headerRow(template: TemplateKey): string[] {
  return templateLayout(template).map((column) => column.header);
}
