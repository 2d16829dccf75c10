import type { Language } from '../i18n/localized';
import { columnLetters, columnNumber } from '../sheet/cell-address';
import { columnForHeader } from '../sheet/sheet-reader';
import type { Column } from '../templates/column-definition';
import type { AnyTemplate } from '../templates/templates';

/*
 * Which column a coordinator's cell comment names. A coordinator sees the template as a sheet: the Swedish headers
 * (the English ones in an English pane) and the column letters of the template's own layout, where the columns stand
 * in definition order from A (the template workbook and the add-in lay it out so). Samla stores the column's key.
 */

const LETTERS = /^[A-Za-z]{1,3}$/;

/** The column letters of a template column in the template's own layout: `title` of Aktiviteter → `D`. */
export function templateColumnLetters(template: AnyTemplate, key: string): string | undefined {
  const index = template.columns.findIndex((column) => column.key === key);
  return index < 0 ? undefined : columnLetters(index + 1);
}

/**
 * The column `text` names: its key (`title`), its header in Swedish or English (`Rubrik`, `Title`) or its letter in
 * the template's layout (`D`), in any letter case and with spaces around; undefined when it names none.
 */
export function commentColumn(template: AnyTemplate, text: string): Column | undefined {
  const byHeader = columnForHeader(template, text);
  if (byHeader) return byHeader;
  const letters = text.trim();
  return LETTERS.test(letters) ? template.columns[columnNumber(letters) - 1] : undefined;
}

/**
 * The columns a cell comment may name, in words for a message: each column's letter, header and key, e.g.
 * `A ”Aktivitets-ID” (activityId), B ”Uppdragsdel” (strand), …`; in English the English header beside the sheet's.
 */
export function commentColumnChoices(template: AnyTemplate, language: Language): string {
  return template.columns
    .map((column, index) => {
      const letters = columnLetters(index + 1);
      if (language === 'sv') return `${letters} ”${column.label.sv}” (${column.key})`;
      const headers = column.label.en === column.label.sv ? `“${column.label.sv}”` : `“${column.label.sv}” / “${column.label.en}”`;
      return `${letters} ${headers} (${column.key})`;
    })
    .join(', ');
}
