import { createHash } from 'crypto';
import type { TableEntity, TransactionAction } from '@azure/data-tables';
import { templateDefinition, type BoardCode, type TemplateKey, type TemplateRows, type Year } from '@samla/shared';
import type { NewSubmission } from './submission-store';

/** The service's limit for one transaction (entity group): 100 operations, all in one partition. */
export const MAX_BATCH_SIZE = 100;
/** Row keys are zero-padded to this many digits so that the service's key order is the sheet's row order. */
const ROW_KEY_DIGITS = 6;
export const MAX_ROWS_PER_SUBMISSION = 10 ** ROW_KEY_DIGITS - 1;

/**
 * Row writes are upserts: a version's partition belongs to the one attempt that reserved the version, and an
 * upsert can be retried safely after a response lost on the network (a create would then fail on its own rows).
 */
export const ROW_WRITE_ACTION = 'upsert';

export function versionKey(version: number): string {
  return `v${String(version).padStart(6, '0')}`;
}

/** The partition holding one version's rows: `template|year|board|vNNNNNN`. */
export function rowsPartitionKey(template: TemplateKey, year: Year, board: BoardCode, version: number): string {
  return `${template}|${year}|${board}|${versionKey(version)}`;
}

export function rowKey(index: number): string {
  return String(index).padStart(ROW_KEY_DIGITS, '0');
}

/** A row property as Table Storage should store it: numbers outside Int32 are sent as Edm.Double explicitly. */
type RowProperty = string | number | boolean | { value: number; type: 'Double' };
export type RowEntity = TableEntity<Record<string, RowProperty>>;

export interface RowEntitiesResult {
  readonly entities: RowEntity[];
  /** SHA-256 of the rows' canonical JSON (the rows array, each row's keys in code-point order), hex. */
  readonly contentHash: string;
}

/**
 * The entities of one version's rows, one property per column key (undefined and null left out), and the
 * content hash, built in one pass. The benchmark writes these very entities as its raw reference.
 */
export function rowEntities<T extends TemplateKey>(
  submission: Pick<NewSubmission<T>, 'board' | 'year' | 'template' | 'rows'>,
  version: number,
): RowEntitiesResult {
  const { board, year, template, rows } = submission;
  if (rows.length > MAX_ROWS_PER_SUBMISSION) {
    throw new RangeError(`A submission holds at most ${MAX_ROWS_PER_SUBMISSION} rows, not ${rows.length}`);
  }
  const partitionKey = rowsPartitionKey(template, year, board, version);
  const keys = sortedColumnKeys(template);
  const hash = createHash('sha256');
  const entities: RowEntity[] = new Array<RowEntity>(rows.length);
  hash.update('[');
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as Readonly<Record<string, unknown>>;
    const entity: RowEntity = { partitionKey, rowKey: rowKey(index) };
    const canonical: Record<string, unknown> = {};
    for (const key of keys) {
      const value = row[key];
      if (value === undefined || value === null) continue;
      canonical[key] = value;
      entity[key] = toProperty(value);
    }
    entities[index] = entity;
    hash.update(index === 0 ? JSON.stringify(canonical) : `,${JSON.stringify(canonical)}`);
  }
  hash.update(']');
  return { entities, contentHash: hash.digest('hex') };
}

/** The entities in transactions of at most 100, in row order. */
export function rowBatches(entities: readonly RowEntity[]): TransactionAction[][] {
  const batches: TransactionAction[][] = [];
  for (let start = 0; start < entities.length; start += MAX_BATCH_SIZE) {
    batches.push(entities.slice(start, start + MAX_BATCH_SIZE).map((entity): TransactionAction => [ROW_WRITE_ACTION, entity]));
  }
  return batches;
}

/** A stored entity back as the row it came from: the template's column keys that hold a value, nothing else. */
export function entityToRow<T extends TemplateKey>(template: T, entity: Readonly<Record<string, unknown>>): TemplateRows[T] {
  const row: Record<string, unknown> = {};
  for (const key of columnKeys(template)) {
    const value = entity[key];
    if (value !== undefined && value !== null) row[key] = value;
  }
  // The entity was written from a row of this template by rowEntities, so it holds that row's columns.
  return row as unknown as TemplateRows[T];
}

const columnKeyCache = new Map<TemplateKey, { inOrder: readonly string[]; sorted: readonly string[] }>();

/** The template's column keys, in the template's order. */
export function columnKeys(template: TemplateKey): readonly string[] {
  return keysOf(template).inOrder;
}

function sortedColumnKeys(template: TemplateKey): readonly string[] {
  return keysOf(template).sorted;
}

function keysOf(template: TemplateKey): { inOrder: readonly string[]; sorted: readonly string[] } {
  let keys = columnKeyCache.get(template);
  if (!keys) {
    const inOrder = templateDefinition(template).columns.map((column) => column.key as string);
    keys = { inOrder, sorted: [...inOrder].sort() };
    columnKeyCache.set(template, keys);
  }
  return keys;
}

function toProperty(value: unknown): RowProperty {
  if (typeof value === 'number') {
    // The service reads an unannotated JSON number as Int32; anything else must say it is a Double.
    return (value | 0) === value && !Object.is(value, -0) ? value : { value, type: 'Double' };
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  throw new TypeError(`A row value must be text, a number or yes/no, not ${typeof value}`);
}
