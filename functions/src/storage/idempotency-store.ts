import { createHash } from 'crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { statusOf } from './table-errors';
import { CHUNKS_PER_ENTITY, chunkProperties, readChunks, splitChunks } from './binary-chunks';

/** The answer a completed request gave, kept so that a replay answers the same without doing the work again. */
export interface RememberedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * What claiming a key found. `claimed`: this request owns the key and must `complete` or `release` it.
 * `in-flight`: another request with the key is running. `completed`: the key's request was answered. The
 * request hash tells a replay (same hash) from a reuse of the key for other content (different hash).
 */
export type IdempotencyClaim =
  | { readonly state: 'claimed' }
  | { readonly state: 'in-flight'; readonly requestHash: string; readonly claimedAt: string }
  | { readonly state: 'completed'; readonly requestHash: string; readonly completedAt: string; readonly response: RememberedResponse };

export interface IdempotencyStore {
  /** Claims the key for the request with this hash: atomic, so of two concurrent requests exactly one gets `claimed`. */
  claim(scope: string, key: string, requestHash: string): Promise<IdempotencyClaim>;
  /** Remembers the answer of the request that claimed the key. */
  complete(scope: string, key: string, response: RememberedResponse): Promise<void>;
  /** Gives up a claim whose request failed without an answer worth keeping, so that a retry can run. */
  release(scope: string, key: string): Promise<void>;
}

export interface TableIdempotencyStoreOptions {
  /** A claim still in flight after this long belongs to a request that died: a new request may take it over. */
  readonly staleAfterMs?: number;
  readonly now?: () => Date;
}

interface KeyEntity {
  state: 'in-flight' | 'completed';
  scope: string;
  key: string;
  requestHash: string;
  claimedAt: string;
  completedAt?: string;
  status?: number;
  headers?: string;
  /** Earlier format: the body as text in parts of at most 30 000 characters. */
  bodyParts?: number;
  /** The body gzipped, in binary chunks of at most CHUNK_BYTES: how many. */
  bodyChunks?: number;
  /** When the chunks did not fit this entity: how many part entities (RowKey `<key>!pN`) hold them. */
  bodyEntities?: number;
  [bodyPart: `body${number}`]: string;
  [bodyChunk: `bodyZ${number}`]: Uint8Array;
}

/** The body's chunks are the properties `bodyZ0`, `bodyZ1`, … (binary-chunks.ts). */
const BODY_CHUNK = 'bodyZ';
const ANSWER = 'Idempotency answer';
/** Beyond this (60 MB gzipped) an answer is not kept; nothing Samla answers comes near it. */
const MAX_CHUNKS = 1000;
const CLAIM_ATTEMPTS = 5;

/** The RowKey of a part entity: `!` never occurs in an escaped key (tableKey escapes it), so no key can collide. */
const partRowKey = (rowKey: string, part: number): string => `${rowKey}!p${part}`;

/** Idempotency keys in their own table: PartitionKey the caller's scope, RowKey the key, both escaped. */
export class TableIdempotencyStore implements IdempotencyStore {
  private readonly staleAfterMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly table: TableClient,
    options: TableIdempotencyStoreOptions = {},
  ) {
    this.staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
    this.now = options.now ?? (() => new Date());
  }

  async claim(scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const address = { partitionKey: tableKey(scope), rowKey: tableKey(key) };
    const claim: KeyEntity & typeof address = { ...address, state: 'in-flight', scope, key, requestHash, claimedAt: this.now().toISOString() };
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      try {
        // The insert is the lock: the service lets exactly one request create the entity.
        await this.table.createEntity(claim);
        return { state: 'claimed' };
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
      }
      const existing = await this.read(scope, key);
      if (!existing) continue; // released in between: try to claim again
      if (existing.state === 'completed') return this.completedClaim(existing, address.partitionKey, address.rowKey);
      if (!this.isStale(existing)) return { state: 'in-flight', requestHash: existing.requestHash, claimedAt: existing.claimedAt };
      try {
        await this.table.updateEntity(claim, 'Replace', { etag: existing.etag });
        return { state: 'claimed' };
      } catch (error) {
        const status = statusOf(error);
        if (status !== 412 && status !== 404) throw error;
      }
    }
    throw new Error(`Could not claim idempotency key after ${CLAIM_ATTEMPTS} attempts`);
  }

  /**
   * Remembers the answer, whatever its size: the body gzipped and split into binary chunks of 60 000 bytes, in the
   * key's entity when they fit (up to 12), else in part entities written before the key is marked completed, so
   * that a completed key always has its whole answer and a replay is byte for byte the first answer.
   */
  async complete(scope: string, key: string, response: RememberedResponse): Promise<void> {
    const zipped = gzipSync(Buffer.from(response.body, 'utf8'));
    const chunks = splitChunks(zipped);
    if (chunks.length > MAX_CHUNKS) {
      // Too large to keep: running it again is the only honest replay.
      await this.release(scope, key);
      return;
    }
    const partitionKey = tableKey(scope);
    const rowKey = tableKey(key);
    const completed: Partial<KeyEntity> & { partitionKey: string; rowKey: string } = {
      partitionKey,
      rowKey,
      state: 'completed',
      completedAt: this.now().toISOString(),
      status: response.status,
      headers: JSON.stringify(response.headers),
      bodyChunks: chunks.length,
    };
    if (chunks.length <= CHUNKS_PER_ENTITY) Object.assign(completed, chunkProperties(BODY_CHUNK, chunks));
    else {
      const parts = Math.ceil(chunks.length / CHUNKS_PER_ENTITY);
      completed.bodyEntities = parts;
      await Promise.all(
        Array.from({ length: parts }, (_, part) => {
          const entity = {
            partitionKey,
            rowKey: partRowKey(rowKey, part),
            ...chunkProperties(BODY_CHUNK, chunks.slice(part * CHUNKS_PER_ENTITY, (part + 1) * CHUNKS_PER_ENTITY)),
          };
          return this.table.upsertEntity(entity, 'Replace');
        }),
      );
    }
    try {
      // Merge keeps the claim's request hash; the claim must still exist (etag '*').
      await this.table.updateEntity(completed, 'Merge', { etag: '*' });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  async release(scope: string, key: string): Promise<void> {
    const existing = await this.read(scope, key);
    // A completed key is the record of an answer given: it is never released.
    if (!existing || existing.state !== 'in-flight') return;
    try {
      await this.table.deleteEntity(tableKey(scope), tableKey(key), { etag: existing.etag });
    } catch (error) {
      const status = statusOf(error);
      if (status !== 404 && status !== 412) throw error;
    }
  }

  private async read(scope: string, key: string): Promise<TableEntityResult<KeyEntity> | undefined> {
    try {
      return await this.table.getEntity<KeyEntity>(tableKey(scope), tableKey(key));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** The remembered answer of a completed key, from its own chunks, its part entities, or text parts (earlier format). */
  private async completedClaim(entity: KeyEntity, partitionKey: string, rowKey: string): Promise<IdempotencyClaim> {
    let body: string;
    if (entity.bodyChunks === undefined) {
      body = Array.from({ length: entity.bodyParts ?? 0 }, (_, index) => entity[`body${index}`] ?? '').join('');
    } else {
      const chunks: Buffer[] = [];
      if (entity.bodyEntities === undefined) chunks.push(...readChunks(entity, BODY_CHUNK, entity.bodyChunks, ANSWER));
      else {
        const parts = await Promise.all(
          Array.from({ length: entity.bodyEntities }, (_, part) => this.table.getEntity<Record<string, unknown>>(partitionKey, partRowKey(rowKey, part))),
        );
        parts.forEach((part, index) => {
          const inPart = Math.min(CHUNKS_PER_ENTITY, (entity.bodyChunks ?? 0) - index * CHUNKS_PER_ENTITY);
          chunks.push(...readChunks(part, BODY_CHUNK, inPart, ANSWER));
        });
      }
      body = gunzipSync(Buffer.concat(chunks)).toString('utf8');
    }
    return {
      state: 'completed',
      requestHash: entity.requestHash,
      completedAt: entity.completedAt ?? entity.claimedAt,
      response: {
        status: entity.status ?? 200,
        headers: entity.headers ? (JSON.parse(entity.headers) as Record<string, string>) : {},
        body,
      },
    };
  }

  private isStale(entity: KeyEntity): boolean {
    return this.now().getTime() - Date.parse(entity.claimedAt) > this.staleAfterMs;
  }
}

/**
 * A caller's scope or key as a table key: `/ \ # ?` and control characters are not allowed there, so every
 * character outside a safe set is percent-escaped (one-to-one); a very long one becomes its SHA-256.
 */
export function tableKey(text: string): string {
  const escaped = escapeKey(text);
  return escaped !== undefined && escaped.length <= 512 ? escaped : `sha256-${createHash('sha256').update(text).digest('hex')}`;
}

function escapeKey(text: string): string | undefined {
  try {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return undefined; // a lone surrogate: not text encodeURIComponent takes, so it goes by its hash
  }
}
