import {
  LISTS_SHEET,
  TEMPLATE_KEYS,
  columnFormat,
  dropdownList,
  dropdownLists,
  listsSheetValues as listsValues,
  templateDefinition,
  type TemplateKey,
} from '@samla/shared';

export { LISTS_SHEET };

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
  /** Where the choices are on the lists sheet, as an absolute reference: `=Listor!$A$1:$A$7`. */
  readonly choicesSource?: string;
}

/** The lists of both templates: the add-in lays out both in one workbook, so one lists sheet serves both. */
const LISTS = dropdownLists(TEMPLATE_KEYS.map(templateDefinition));

/** The template's columns as laid out in a workbook, from the shared definition and the shared layout. */
export function templateLayout(template: TemplateKey): ColumnLayout[] {
  return templateDefinition(template).columns.map((column) => {
    const base = { key: column.key, header: column.label.sv, numberFormat: columnFormat(column), widthPoints: column.width * 7 };
    const list = dropdownList(column);
    const placed = list ? LISTS.get(list.name) : undefined;
    return placed ? { ...base, choices: placed.choices, choicesSource: `=${placed.range}` } : base;
  });
}

/** The lists sheet's values: a rectangle, one column per list. */
export function listsSheetValues(): string[][] {
  return listsValues(LISTS);
}

/** The header row of a template, in the sheet's language (Swedish: the exact texts other programs rely on). */
export function headerRow(template: TemplateKey): string[] {
  return templateLayout(template).map((column) => column.header);
}
