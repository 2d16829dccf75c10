import { createHash } from 'crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TableEntity, TransactionAction } from '@azure/data-tables';
import { CHUNKS_PER_ENTITY, chunkProperties, chunkPropertyNames, payloadBytes, readChunks, splitChunks } from './binary-chunks';
import { templateDefinition, type BoardCode, type TemplateKey, type TemplateRows, type Year } from '@samla/shared';

/** The service's limit for one transaction (entity group): 100 operations, all in one partition. */
export const MAX_BATCH_SIZE = 100;
/** Block keys are zero-padded to this many digits so that the service's key order is the sheet's row order. */
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

/** An upload's id in its rows partition's key: a UUID's 32 hex digits. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * A rows partition of an upload's own, written before the file is judged whole and before a version is reserved
 * (`RowsWriter`): `template|year|board|u<32 hex digits>`. It becomes a version's rows when that version's pointer
 * and audit entry name it (`rowsPartition`); a refused file's is deleted, so a refusal leaves no gap in the versions.
 */
export function uploadRowsPartitionKey(template: TemplateKey, year: Year, board: BoardCode, id: string): string {
  if (!UPLOAD_ID.test(id)) throw new TypeError(`Not an upload id: ${id}`);
  return `${template}|${year}|${board}|u${id}`;
}

/** Whether `partition` is an upload's rows partition of this board, year and template (uploadRowsPartitionKey). */
export function isUploadRowsPartition(partition: string, template: TemplateKey, year: Year, board: BoardCode): boolean {
  const prefix = `${template}|${year}|${board}|u`;
  return partition.startsWith(prefix) && UPLOAD_ID.test(partition.slice(prefix.length));
}

export function rowKey(index: number): string {
  return String(index).padStart(ROW_KEY_DIGITS, '0');
}

/** A stored entity of the rows table: the keys and the block's properties (see RowBlockProperties). */
export type RowEntity = TableEntity<Record<string, string | number | Uint8Array>>;

/**
 * One block of a version's rows: consecutive rows as the gzipped canonical JSON array of those rows (each row's
 * keys in code-point order, undefined and null left out), in binary chunks `rowsZ0`, `rowsZ1`, … (binary-chunks.ts).
 */
export interface RowBlockProperties {
  /** Index (from 0) of the block's first row in the version. */
  readonly firstRow: number;
  readonly rowCount: number;
  /** How many chunks `rowsZ0`… hold the gzipped JSON. */
  readonly rowsChunks: number;
}

const ROWS_CHUNK = 'rowsZ';
/**
 * Characters of a block's JSON before it is gzipped: about 1 000 rows of the templates as filled in, 40–80 KB once
 * gzipped. A block that still does not fit one entity (text that does not compress) is split in two.
 */
export const DEFAULT_BLOCK_CHARS = 400_000;
/** A transaction's payload stays under this (the service's limit is 4 MiB). */
const MAX_TRANSACTION_BYTES = 3 * 1024 * 1024;

export interface RowEntitiesResult {
  /** The version's blocks, in row order (RowKey the block's index, zero-padded). */
  readonly entities: RowEntity[];
  readonly rowCount: number;
  /** SHA-256 of the rows' canonical JSON (the rows array, each row's keys in code-point order), hex. */
  readonly contentHash: string;
}

/** One block of rows packed for storage, not yet tied to a version's partition (RowBlockProperties and its chunks). */
export interface PackedBlock extends RowBlockProperties {
  readonly chunks: readonly Uint8Array[];
}

/** A version's rows packed as they came (`RowPacker`): its blocks, how many rows, and their content hash. */
export interface PackedRows {
  readonly blocks: readonly PackedBlock[];
  readonly rowCount: number;
  /** SHA-256 of the rows' canonical JSON, hex: the same as `rowsContentHash` of the rows. */
  readonly contentHash: string;
  /**
   * Where the blocks were written already, as they were packed (`RowsWriter`, table-submission-store.ts): an upload's
   * rows partition of its own, `template|year|board|u<id>`; `blocks` is then empty. Undefined: the store writes the blocks.
   */
  readonly partition?: string;
}

/**
 * Packs a version's rows one at a time, in order, into gzipped blocks as they fill, and hashes them: a caller that
 * streams an uploaded sheet keeps only the packed blocks (40–80 KB per 1 000 rows), never the rows. `blockChars` is
 * as for rowEntities; `hashOnly` hashes without building blocks (what tells an unchanged submission from a changed
 * one). Throws RangeError beyond MAX_ROWS_PER_SUBMISSION rows, TypeError for a value that is not text, a finite number
 * or yes/no.
 */
export class RowPacker {
  private readonly keys: readonly string[];
  private readonly hash = createHash('sha256');
  private readonly blocks: PackedBlock[] = [];
  private block: string[] = [];
  private blockFirst = 0;
  private blockLength = 0;
  private rows = 0;

  constructor(
    template: TemplateKey,
    private readonly blockChars: number = DEFAULT_BLOCK_CHARS,
    private readonly hashOnly = false,
  ) {
    this.keys = sortedColumnKeys(template);
    this.hash.update('[');
  }

  /** How many rows were added. */
  get rowCount(): number {
    return this.rows;
  }

  /** One row (its values by column key), after those added before it. */
  add(row: object): void {
    if (this.rows >= MAX_ROWS_PER_SUBMISSION) throw new RangeError(`A submission holds at most ${MAX_ROWS_PER_SUBMISSION} rows`);
    const values = row as Readonly<Record<string, unknown>>;
    const canonical: Record<string, unknown> = {};
    for (const key of this.keys) {
      const value = values[key];
      if (value === undefined || value === null) continue;
      canonical[key] = checkedValue(value);
    }
    const json = JSON.stringify(canonical);
    this.hash.update(this.rows === 0 ? json : `,${json}`);
    this.rows += 1;
    if (this.hashOnly) return;
    if (this.block.length > 0 && this.blockLength + json.length > this.blockChars) this.close();
    this.block.push(json);
    this.blockLength += json.length + 1;
  }

  /**
   * The blocks closed since the last call (a block closes when the next row would not fit it), for a caller that
   * writes them as they fill (`RowsWriter`) instead of holding them: `finish` then gives only the last block.
   */
  takeBlocks(): PackedBlock[] {
    return this.blocks.splice(0, this.blocks.length);
  }

  /** The packed rows (the blocks not taken yet); the packer is spent. */
  finish(): PackedRows {
    if (this.block.length > 0) this.close();
    this.hash.update(']');
    return { blocks: this.blocks, rowCount: this.rows, contentHash: this.hash.digest('hex') };
  }

  private close(): void {
    for (const block of packBlock(this.blockFirst, this.block)) this.blocks.push(block);
    this.blockFirst += this.block.length;
    this.block = [];
    this.blockLength = 0;
  }
}

/**
 * The entities holding one version's rows, and the content hash, built in one pass over the rows.
 *
 * Rows are packed in blocks rather than one entity per row: a table partition takes up to 2 000 entities per second
 * (Microsoft, "Scalability and performance targets for Table storage"), so a 10 000-row sheet as row entities takes
 * at least 5 s to store and as long again to read; as blocks it is one transaction. The rows keep their values exactly
 * (JSON numbers are IEEE doubles, as Edm.Double was) and their order; rows packed already are taken as they are. `blockChars` (characters of JSON per block,
 * DEFAULT_BLOCK_CHARS) lets a test make many small blocks. The benchmark writes these very entities as its reference.
 * Throws RangeError beyond MAX_ROWS_PER_SUBMISSION rows, TypeError for a value that is not text, a finite number or
 * yes/no.
 */
export function rowEntities<T extends TemplateKey>(
  submission: { readonly board: BoardCode; readonly year: Year; readonly template: T; readonly rows: readonly TemplateRows[T][] | PackedRows },
  version: number,
  blockChars: number = DEFAULT_BLOCK_CHARS,
): RowEntitiesResult {
  const { board, year, template, rows } = submission;
  let packed: PackedRows;
  if (isPackedRows(rows)) packed = rows;
  else {
    if (rows.length > MAX_ROWS_PER_SUBMISSION) throw new RangeError(`A submission holds at most ${MAX_ROWS_PER_SUBMISSION} rows, not ${rows.length}`);
    const packer = new RowPacker(template, blockChars);
    for (const row of rows) packer.add(row);
    packed = packer.finish();
  }
  return { entities: packedEntities(rowsPartitionKey(template, year, board, version), packed), rowCount: packed.rowCount, contentHash: packed.contentHash };
}

/** Whether a submission's rows come packed already (`RowPacker`) rather than as rows. */
export function isPackedRows(rows: readonly object[] | PackedRows): rows is PackedRows {
  return !Array.isArray(rows);
}

/** Packed rows as the entities of one version's partition: RowKey each block's index, zero-padded. */
export function packedEntities(partitionKey: string, packed: PackedRows): RowEntity[] {
  return packed.blocks.map((block, index) => blockEntity(partitionKey, block, index));
}

/** One packed block as the entity at block index `index` (its RowKey, zero-padded) of a rows partition. */
export function blockEntity(partitionKey: string, { chunks, ...properties }: PackedBlock, index: number): RowEntity {
  return { partitionKey, rowKey: rowKey(index), ...properties, ...chunkProperties(ROWS_CHUNK, chunks) };
}

/**
 * The content hash rowEntities gives the rows (SHA-256 of their canonical JSON, hex), without building blocks: what
 * tells an unchanged submission from a changed one. Throws TypeError as rowEntities does.
 */
export function rowsContentHash(template: TemplateKey, rows: readonly object[]): string {
  const packer = new RowPacker(template, DEFAULT_BLOCK_CHARS, true);
  for (const row of rows) packer.add(row);
  return packer.finish().contentHash;
}

/** One block packed, or, when its gzipped JSON does not fit an entity, its halves (and so on). */
function packBlock(firstRow: number, rowsJson: readonly string[]): PackedBlock[] {
  const zipped = gzipSync(`[${rowsJson.join(',')}]`, { level: 1 });
  const chunks = splitChunks(zipped);
  if (chunks.length > CHUNKS_PER_ENTITY) {
    if (rowsJson.length === 1) throw new RangeError(`Row ${firstRow + 1} is too large to store (${zipped.length} bytes gzipped)`);
    const half = Math.ceil(rowsJson.length / 2);
    return [...packBlock(firstRow, rowsJson.slice(0, half)), ...packBlock(firstRow + half, rowsJson.slice(half))];
  }
  return [{ firstRow, rowCount: rowsJson.length, rowsChunks: chunks.length, chunks }];
}

/** The entities in transactions of at most 100 and under 3 MiB of payload each, in row order. */
export function rowBatches(entities: readonly RowEntity[]): TransactionAction[][] {
  const batches: TransactionAction[][] = [];
  let batch: TransactionAction[] = [];
  let bytes = 0;
  for (const entity of entities) {
    const size = payloadBytes(Object.values(entity).filter((value): value is Uint8Array => value instanceof Uint8Array));
    if (batch.length === MAX_BATCH_SIZE || (batch.length > 0 && bytes + size > MAX_TRANSACTION_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push([ROW_WRITE_ACTION, entity]);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** What a query of a rows partition selects: a block's properties, and the columns of a row stored the earlier way. */
export function rowPropertyNames(template: TemplateKey): string[] {
  return [...columnKeys(template), 'firstRow', 'rowCount', 'rowsChunks', ...chunkPropertyNames(ROWS_CHUNK)];
}

/**
 * The rows a stored entity holds, appended to `rows` in order: a block's rows (their keys in code-point order), or
 * (as versions stored before blocks were) the one row of an entity with a property per column, which gets the
 * template's column keys that hold a value, in the template's order, nothing else. Throws when a block is not whole or not where the rows so far end
 * (a block missing or added), so a caller never hands on half a version.
 */
export function appendEntityRows<T extends TemplateKey>(template: T, entity: Readonly<Record<string, unknown>>, rows: TemplateRows[T][]): void {
  const chunkCount = entity.rowsChunks;
  if (typeof chunkCount !== 'number') {
    rows.push(entityToRow(template, entity));
    return;
  }
  const where = `Rows block ${String(entity.partitionKey)}/${String(entity.rowKey)}`;
  if (entity.firstRow !== rows.length) throw new Error(`${where} starts at row ${String(entity.firstRow)}, but ${rows.length} rows come before it`);
  const parsed: unknown = JSON.parse(gunzipSync(Buffer.concat(readChunks(entity, ROWS_CHUNK, chunkCount, where))).toString('utf8'));
  if (!Array.isArray(parsed) || parsed.length !== entity.rowCount) throw new Error(`${where} does not hold the ${String(entity.rowCount)} rows it says`);
  // rowEntities wrote each row from the template's columns, keys in code-point order: the parsed rows are handed on
  // as they are (no copy per row; whoever shows the columns in order takes the template's order, as version-diff does).
  for (const row of parsed as TemplateRows[T][]) rows.push(row);
}

/** A row stored as an entity of its own (before blocks) as the template's column keys that hold a value. */
function entityToRow<T extends TemplateKey>(template: T, stored: Readonly<Record<string, unknown>>): TemplateRows[T] {
  const row: Record<string, unknown> = {};
  for (const key of columnKeys(template)) {
    const value = stored[key];
    if (value !== undefined && value !== null) row[key] = value;
  }
  // The entity was written from a row of this template, so it holds that row's columns.
  return row as unknown as TemplateRows[T];
}

const columnKeyCache = new Map<TemplateKey, { inOrder: readonly string[]; sorted: readonly string[] }>();

/** The template's column keys, in the template's order. */
function columnKeys(template: TemplateKey): readonly string[] {
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

function checkedValue(value: unknown): string | number | boolean {
  if (typeof value === 'number') {
    // JSON has no NaN or Infinity: such a value would come back as null. Validation never lets one through.
    if (!Number.isFinite(value)) throw new TypeError(`A row number must be finite, not ${value}`);
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  throw new TypeError(`A row value must be text, a number or yes/no, not ${typeof value}`);
}
