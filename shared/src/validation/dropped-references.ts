import { pick, type Language } from '../i18n/localized';
import type { Year } from '../reference/initiative';
import { cellAddress } from '../sheet/cell-address';
import type { TemplateSheetLayout } from '../sheet/sheet-reader';
import { referringModules, templateModule } from '../templates/template-modules';
import type { Issue } from './issue';
import { issueText } from './issue-codes';
import { normalizeId } from './row-rules';

/** How many referring cells one warning names before it says how many more there are. */
const CELLS_NAMED = 5;

function columnOf(template: string, key: string): number {
  return templateModule(template).definition.columns.findIndex((column) => column.key === key) + 1;
}

/** The current rows of the templates that refer to one being replaced, by template key (`{ expenses: [...] }`). */
export type ReferringRows = Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;

/**
 * Warnings for a new version of a template that leaves out rows the board's current versions of other templates still
 * refer to (a new Aktiviteter without an activity that current Kostnader link to): one per row left out and reference,
 * with the reference's `droppedCode`, at the first referring cell (the row that still links, in the other template as
 * it was submitted: row 2 is the first), naming the ID and every referring cell.
 */
export function droppedReferenceWarnings(
  template: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  referring: ReferringRows,
  layout: TemplateSheetLayout,
  year: Year,
  language: Language,
): Issue[] {
  const { idColumn } = templateModule(template).definition;
  const kept = new Set(rows.flatMap((row) => (typeof row[idColumn] === 'string' ? [normalizeId(row[idColumn])] : [])));
  return referringModules(template).flatMap((module) =>
    module.references
      .filter((reference) => reference.template === template)
      .flatMap((reference) => {
        const linking = new Map<string, { id: string; cells: string[]; row: number }>();
        const linkColumn = columnOf(module.definition.key, reference.column);
        (referring[module.definition.key] ?? []).forEach((row, index) => {
          const value = row[reference.column];
          if (typeof value !== 'string' || kept.has(normalizeId(value))) return;
          const entry = linking.get(normalizeId(value)) ?? { id: value, cells: [], row: index + 2 };
          entry.cells.push(cellAddress(module.definition.sheetName, index + 2, linkColumn));
          linking.set(normalizeId(value), entry);
        });
        const linkLabel = module.definition.columns.find((candidate) => candidate.key === reference.column)?.label;
        return [...linking.values()].map(({ id, cells, row }): Issue => {
          const more = cells.length - CELLS_NAMED;
          const named = cells.slice(0, CELLS_NAMED).join(', ') + (more > 0 ? pick({ sv: ` och ${more} till`, en: ` and ${more} more` }, language) : '');
          const text = issueText(reference.droppedCode, { value: id, year, cells: named }, language);
          return {
            severity: 'warning',
            code: reference.droppedCode,
            message: `${cells[0]}, ${linkLabel?.[language] ?? reference.column}: ${text}`,
            sheet: module.definition.sheetName,
            row,
            column: reference.column,
            cell: cells[0] ?? '',
          };
        });
      }),
  );
}
