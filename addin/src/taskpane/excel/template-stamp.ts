import { TEMPLATE_KEYS, type TemplateKey } from '@samla/shared';

/**
 * Which template (and which version of its definition) a sheet holds, and which sheet is Samla's lists sheet.
 *
 * The stamp is a sheet-scoped defined name, `Samla_Mall`, whose formula is a text constant such as
 * `="samla:activities:2"`. Office.js reads it with `worksheet.names` (ExcelApi 1.4; `NamedItem.formula`, 1.7), and
 * every other program finds it in `xl/workbook.xml` as `<definedName name="Samla_Mall" localSheetId="…">` (openpyxl:
 * `ws.defined_names`). It travels with the sheet when the sheet is copied, and the user never sees it in a cell.
 */
export const STAMP_NAME = 'Samla_Mall';

/** What a sheet is stamped as: one of the templates, or Samla's lists sheet. */
export type StampKind = TemplateKey | 'lists';

/**
 * The current version of each template's layout in a workbook (headers, dropdowns, formats). Raise it when the
 * shared definition changes what a workbook holds; a sheet stamped lower, or a Samla table with no stamp at all
 * (templates made before stamps, version 0), is upgraded in place.
 */
export const TEMPLATE_VERSIONS: Readonly<Record<StampKind, number>> = { activities: 1, expenses: 1, lists: 1 };

export interface Stamp {
  readonly kind: StampKind;
  readonly version: number;
}

/** The formula a stamp name holds: `="samla:expenses:1"`. */
export function stampFormula(kind: StampKind, version = TEMPLATE_VERSIONS[kind]): string {
  return `="samla:${kind}:${version}"`;
}

const STAMP_TEXT = /^=?"?samla:([a-z]+):(\d{1,6})"?$/i;

/** Reads a stamp name's formula (as Office.js or a file gives it); undefined when it is not Samla's. */
export function parseStamp(formula: unknown): Stamp | undefined {
  const match = typeof formula === 'string' ? STAMP_TEXT.exec(formula.trim()) : null;
  if (!match) return undefined;
  const kind = (match[1] ?? '').toLowerCase();
  if (kind !== 'lists' && !(TEMPLATE_KEYS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as StampKind, version: Number(match[2]) };
}
