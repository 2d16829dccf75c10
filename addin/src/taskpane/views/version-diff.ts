import { templateDefinition, type TemplateKey } from '@samla/shared';

/** A stored row as the version route answers it: column key → value. */
export type StoredRow = Readonly<Record<string, unknown>>;

export interface ChangedCell {
  readonly column: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ChangedRow {
  readonly id: string;
  readonly cells: readonly ChangedCell[];
}

/** What changed from one version to a later one: rows matched by their id column (Aktivitets-ID, Kostnads-ID). */
export interface VersionDiff {
  readonly added: readonly StoredRow[];
  readonly removed: readonly StoredRow[];
  readonly changed: readonly ChangedRow[];
  readonly unchanged: number;
}

/** The template's id column: the first column of its definition (`activityId`, `expenseId`). */
export function idColumnOf(template: TemplateKey): string {
  return templateDefinition(template).columns[0]?.key ?? 'id';
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (a == null && b == null) || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The rows added, removed and changed between two versions of a template. Rows are matched by the template's id
 * column (unique per board and year by the template's rules); a row without an id is matched by its position.
 * Pure; the order of `added` and `changed` follows `after`, of `removed` follows `before`.
 */
export function diffVersions(template: TemplateKey, before: readonly StoredRow[], after: readonly StoredRow[]): VersionDiff {
  const idColumn = idColumnOf(template);
  const keyOf = (row: StoredRow, index: number) => (typeof row[idColumn] === 'string' && row[idColumn] !== '' ? `id:${row[idColumn]}` : `#${index}`);
  const earlier = new Map(before.map((row, index) => [keyOf(row, index), row]));
  const templateColumns = templateDefinition(template).columns.map((column) => column.key as string);
  const added: StoredRow[] = [];
  const changed: ChangedRow[] = [];
  let unchanged = 0;
  after.forEach((row, index) => {
    const key = keyOf(row, index);
    const old = earlier.get(key);
    if (!old) {
      added.push(row);
      return;
    }
    earlier.delete(key);
    // The template's columns in its order, then any other key either row has (the server's key order is not the sheet's).
    const columns = [...new Set([...templateColumns, ...Object.keys(old), ...Object.keys(row)])];
    const cells = columns.filter((column) => !same(old[column], row[column])).map((column) => ({ column, before: old[column], after: row[column] }));
    if (cells.length === 0) unchanged += 1;
    else changed.push({ id: key.startsWith('id:') ? key.slice(3) : key, cells });
  });
  return { added, removed: [...earlier.values()], changed, unchanged };
}
