import { createHash } from 'crypto';
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { statusOf } from './table-errors';

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
  /** The body in parts of at most BODY_PART characters (a string property holds at most 64 KiB). */
  bodyParts?: number;
  [bodyPart: `body${number}`]: string;
}

const BODY_PART = 30_000;
/** An entity holds at most 1 MiB; text is stored as UTF-16. */
const MAX_BODY_PARTS = 14;
const CLAIM_ATTEMPTS = 5;

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
      if (existing.state === 'completed') return completedClaim(existing);
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

  async complete(scope: string, key: string, response: RememberedResponse): Promise<void> {
    const parts = splitBody(response.body);
    if (!parts) {
      // Too large to keep: only a long list of refusals gets this big, and running it again stores nothing.
      await this.release(scope, key);
      return;
    }
    const completed: Partial<KeyEntity> & { partitionKey: string; rowKey: string } = {
      partitionKey: tableKey(scope),
      rowKey: tableKey(key),
      state: 'completed',
      completedAt: this.now().toISOString(),
      status: response.status,
      headers: JSON.stringify(response.headers),
      bodyParts: parts.length,
    };
    parts.forEach((part, index) => {
      completed[`body${index}`] = part;
    });
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

  private isStale(entity: KeyEntity): boolean {
    return this.now().getTime() - Date.parse(entity.claimedAt) > this.staleAfterMs;
  }
}

function completedClaim(entity: KeyEntity): IdempotencyClaim {
  const parts = Array.from({ length: entity.bodyParts ?? 0 }, (_, index) => entity[`body${index}`] ?? '');
  return {
    state: 'completed',
    requestHash: entity.requestHash,
    completedAt: entity.completedAt ?? entity.claimedAt,
    response: {
      status: entity.status ?? 200,
      headers: entity.headers ? (JSON.parse(entity.headers) as Record<string, string>) : {},
      body: parts.join(''),
    },
  };
}

function splitBody(body: string): string[] | undefined {
  const count = Math.max(1, Math.ceil(body.length / BODY_PART));
  if (count > MAX_BODY_PARTS) return undefined;
  return Array.from({ length: count }, (_, index) => body.slice(index * BODY_PART, (index + 1) * BODY_PART));
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
