import type { SamlaTables } from './table-clients';
import { statusOf, StorageDeadlineError } from './table-errors';

export interface StorageHealth {
  readonly ok: boolean;
  readonly ms: number;
  readonly detail?: string;
}

/** How long health waits for storage: `/api/health` must answer within 5 s always. */
export const HEALTH_DEADLINE_MS = 2500;

/** The promise, or a StorageDeadlineError once `ms` have passed (the work itself is bounded by its own deadline). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageDeadlineError(ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Whether Table Storage answers within HEALTH_DEADLINE_MS: the tables made ready (`ready`), then one query for a
 * single entity of a partition nobody writes.
 */
export async function storageHealth(tables: Pick<SamlaTables, 'submissions'>, ready: () => Promise<void> = async () => undefined): Promise<StorageHealth> {
  const started = Date.now();
  try {
    const probe = async () => {
      await ready();
      await tables.submissions
        .listEntities({ queryOptions: { filter: "PartitionKey eq 'health'" }, abortSignal: AbortSignal.timeout(HEALTH_DEADLINE_MS) })
        .byPage({ maxPageSize: 1 })
        .next();
    };
    await withDeadline(probe(), HEALTH_DEADLINE_MS);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    const status = statusOf(error);
    const code = (error as { code?: unknown } | null)?.code;
    const why =
      error instanceof StorageDeadlineError || (error as { name?: unknown } | null)?.name === 'AbortError'
        ? ` inom ${HEALTH_DEADLINE_MS} ms`
        : status !== undefined
          ? ` (HTTP ${status})`
          : typeof code === 'string'
            ? ` (${code})`
            : '';
    return { ok: false, ms: Date.now() - started, detail: `lagringen svarar inte${why}` };
  }
}
