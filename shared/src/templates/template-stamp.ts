import type { Language, Localized } from '../i18n/localized';
import type { Column } from './column-definition';
import { isTemplateKey, type TemplateKey } from './template-modules';
import type { AnyTemplate } from './templates';

/**
 * Which template, and which version of its definition, a sheet holds: the template stamp (issue 12, point 4).
 *
 * The stamp is a sheet-scoped defined name, `Samla_Mall`, whose formula is a text constant such as
 * `="samla:activities:1"`. In the file it is `<definedName name="Samla_Mall" localSheetId="0">"samla:activities:1"
 * </definedName>` in `xl/workbook.xml` (ECMA-376 Part 1, §18.2.5; `localSheetId` is the sheet's 0-based position among
 * `<sheets>`). Office.js reads it with `worksheet.names` (ExcelApi 1.4; `NamedItem.formula`, 1.7), openpyxl with
 * `ws.defined_names`, LibreOffice keeps it as a sheet-local named expression. It travels with the sheet when the sheet
 * is copied, and the user never sees it in a cell. The add-in and the server's template writer write it, the upload
 * reader reads it; all three take the format and the versions from here.
 */
export const STAMP_NAME = 'Samla_Mall';

/** What a sheet is stamped as: one of the templates, or Samla's lists sheet. */
export type StampKind = TemplateKey | 'lists';

export interface Stamp {
  readonly kind: StampKind;
  /** The version of the kind's definition the sheet was laid out by (0: a Samla table made before stamps). */
  readonly version: number;
}

/**
 * One change a version made to a template's layout in a workbook, against the version before it.
 * - `renamed`: the column's header was `from` before (today's column, its key); an old sheet is read by mapping it.
 * - `added`: the column is new; an old sheet lacks it, which is read as empty when the column is optional, and can't
 *   be mapped when it is required.
 * - `reshaped`: the column's meaning or values changed (`what`, in words); an old sheet can't be mapped.
 */
export type LayoutChange =
  | { readonly kind: 'renamed'; readonly column: string; readonly from: string }
  | { readonly kind: 'added'; readonly column: string }
  | { readonly kind: 'reshaped'; readonly column: string; readonly what: Localized };

/** A version of a template's layout and what it changed against the version before. */
export interface LayoutVersion {
  readonly version: number;
  readonly changes: readonly LayoutChange[];
}

/**
 * A template's layout versions: the current one, and every version after 1 with its changes. Version 0 is a Samla
 * table made before stamps existed; it has version 1's layout.
 */
export interface TemplateHistory {
  readonly current: number;
  readonly versions: readonly LayoutVersion[];
}

/**
 * The product's histories. Version 1 is the first stamped layout, and the headers have not changed since the first
 * template (mission.md's tables): no template has an older layout to map yet. Raise `current` and add the version's
 * changes here when the shared definition changes what a workbook holds; the add-in upgrades older sheets in place,
 * and the upload reads them with the changes mapped, or refuses them in words.
 */
export const TEMPLATE_HISTORIES: Readonly<Record<StampKind, TemplateHistory>> = {
  activities: { current: 1, versions: [] },
  expenses: { current: 1, versions: [] },
  lists: { current: 1, versions: [] },
};

/** The current version of each kind's layout (the add-in compares a sheet's stamp with it). */
export const TEMPLATE_VERSIONS: Readonly<Record<StampKind, number>> = {
  activities: TEMPLATE_HISTORIES.activities.current,
  expenses: TEMPLATE_HISTORIES.expenses.current,
  lists: TEMPLATE_HISTORIES.lists.current,
};

const registered = new Map<string, TemplateHistory>();

/**
 * Gives a registered template module (`registerTemplateModule`) its history, for a test that proves an older layout
 * is read with only its history written down (tests/functions/workbooks/template-stamp-uploads.test.ts).
 */
export function registerTemplateHistory(template: string, history: TemplateHistory): void {
  registered.set(template, history);
}

/** Removes the histories `registerTemplateHistory` added (a test's clean-up). */
export function clearRegisteredTemplateHistories(): void {
  registered.clear();
}

/** A kind's history: the product's, a registered one, or else one version with no changes. */
export function templateHistory(kind: string): TemplateHistory {
  return registered.get(kind) ?? (TEMPLATE_HISTORIES as Readonly<Record<string, TemplateHistory>>)[kind] ?? { current: 1, versions: [] };
}

/** The current version of a kind's layout. */
export function currentVersion(kind: string): number {
  return templateHistory(kind).current;
}

/** What a stamp holds as text: `samla:expenses:1`. */
export function stampText(kind: StampKind | (string & {}), version: number = currentVersion(kind)): string {
  return `samla:${kind}:${version}`;
}

/** The formula a stamp name holds, as Office.js writes and reads it: `="samla:expenses:1"`. */
export function stampFormula(kind: StampKind | (string & {}), version: number = currentVersion(kind)): string {
  return `="${stampText(kind, version)}"`;
}

/** The defined name's text in `xl/workbook.xml` (a formula without its `=`): `"samla:expenses:1"`. */
export function stampDefinedNameText(kind: StampKind | (string & {}), version: number = currentVersion(kind)): string {
  return `"${stampText(kind, version)}"`;
}

/** A stamp's shape: Samla's prefix, a kind, and after the second colon the version as written (read by `stampVersion`). */
const STAMP_PATTERN = /^=?\s*"?samla:([a-z][a-z0-9-]*):([^"]*)"?$/i;

/** The versions Samla writes: whole numbers from 1, without leading zeros (six digits at most). */
const VERSION_PATTERN = /^[1-9]\d{0,5}$/;

/** A stamp's kind and its version text, when the kind is a known template or the lists sheet. */
function stampParts(formula: unknown): { kind: StampKind; version: string } | undefined {
  const match = typeof formula === 'string' ? STAMP_PATTERN.exec(formula.trim()) : null;
  if (!match) return undefined;
  const kind = (match[1] ?? '').toLowerCase();
  if (kind !== 'lists' && !isTemplateKey(kind)) return undefined;
  return { kind: kind as StampKind, version: match[2] ?? '' };
}

/**
 * Reads a stamp name's formula as Office.js, a file (`"samla:activities:1"`, with or without `=`) or a program gives
 * it; undefined when it is not a stamp of a known template or the lists sheet, or names a version Samla never writes
 * (`stampWithUnknownVersion` tells those apart).
 */
export function parseStamp(formula: unknown): Stamp | undefined {
  const parts = stampParts(formula);
  return parts && VERSION_PATTERN.test(parts.version) ? { kind: parts.kind, version: Number(parts.version) } : undefined;
}

/**
 * The kind of a Samla stamp whose version is none Samla writes (`samla:activities:0`, `:-1`, `:1.5`, `:01`, `:x`, more
 * than six digits): a stamp altered by hand or by a program, which is refused in words rather than read as a version
 * it does not name. Undefined for a stamp Samla reads (`parseStamp`) and for anything that is no Samla stamp.
 */
export function stampWithUnknownVersion(formula: unknown): StampKind | undefined {
  const parts = stampParts(formula);
  return parts && !VERSION_PATTERN.test(parts.version) ? parts.kind : undefined;
}

/** The changes from `version` (exclusive) up to the current version, oldest first. */
export function changesSince(kind: string, version: number): LayoutChange[] {
  return templateHistory(kind)
    .versions.filter((step) => step.version > version)
    .sort((a, b) => a.version - b.version)
    .flatMap((step) => step.changes);
}

/**
 * How a sheet stamped `stamp` is read as template `template`:
 * - `current`: as it is (also a version 0 sheet when nothing changed since);
 * - `older`: an older layout whose changes map to today's columns; read it with `layoutOfVersion`;
 * - `unmappable`: an older layout with a change that can't be mapped (`changes`);
 * - `newer`: a version this Samla does not know (made by a newer Samla, or altered by hand);
 * - `other`: the stamp is another template's or the lists sheet's.
 */
export type StampReading =
  | { readonly status: 'current' }
  | { readonly status: 'older'; readonly version: number }
  | { readonly status: 'unmappable'; readonly version: number; readonly changes: readonly LayoutChange[] }
  | { readonly status: 'newer'; readonly version: number; readonly current: number }
  | { readonly status: 'other'; readonly kind: StampKind };

function mappable(change: LayoutChange, template: AnyTemplate): boolean {
  if (change.kind === 'renamed') return true;
  if (change.kind === 'reshaped') return false;
  return template.columns.find((column) => column.key === change.column)?.required === false;
}

/** How a sheet stamped `stamp` is read as `template` (today's definition); see `StampReading`. */
export function readStamp(template: AnyTemplate, stamp: Stamp): StampReading {
  if (stamp.kind !== template.key) return { status: 'other', kind: stamp.kind };
  const { current } = templateHistory(template.key);
  if (stamp.version > current) return { status: 'newer', version: stamp.version, current };
  const changes = changesSince(template.key, stamp.version);
  if (changes.length === 0) return { status: 'current' };
  const blocking = changes.filter((change) => !mappable(change, template));
  return blocking.length > 0 ? { status: 'unmappable', version: stamp.version, changes: blocking } : { status: 'older', version: stamp.version };
}

/**
 * The template as an older version laid it out: today's columns (keys, types, rules) under the headers that version
 * showed, without the columns added since. Reading an old sheet with it maps its headers to today's columns.
 */
export function layoutOfVersion(template: AnyTemplate, version: number): AnyTemplate {
  const changes = changesSince(template.key, version);
  if (changes.length === 0) return template;
  const added = new Set(changes.flatMap((change) => (change.kind === 'added' ? [change.column] : [])));
  const oldHeader = new Map<string, string>();
  // The oldest name wins: a column renamed twice since `version` showed the first `from`.
  for (const change of changes) if (change.kind === 'renamed' && !oldHeader.has(change.column)) oldHeader.set(change.column, change.from);
  const columns = template.columns
    .filter((column) => !added.has(column.key))
    .map((column): Column => {
      const from = oldHeader.get(column.key);
      return from === undefined ? column : { ...column, label: { sv: from, en: from } };
    });
  return { ...template, columns };
}

/** A change in words, for a message: `”Rubrik” hette ”Benämning”`. */
export function describeChange(change: LayoutChange, template: AnyTemplate, language: Language): string {
  const label = template.columns.find((column) => column.key === change.column)?.label[language] ?? change.column;
  if (change.kind === 'renamed') return language === 'sv' ? `”${label}” hette ”${change.from}”` : `"${label}" was called "${change.from}"`;
  if (change.kind === 'added') return language === 'sv' ? `kolumnen ”${label}” är ny` : `the column "${label}" is new`;
  return language === 'sv' ? `”${label}”: ${change.what.sv}` : `"${label}": ${change.what.en}`;
}
