import type { SamlaTables } from './table-clients';
import { statusOf } from './table-errors';

export interface StorageHealth {
  readonly ok: boolean;
  readonly ms: number;
  readonly detail?: string;
}

/** Whether Table Storage answers: one query for a single entity of a partition nobody writes. */
export async function storageHealth(tables: Pick<SamlaTables, 'submissions'>): Promise<StorageHealth> {
  const started = Date.now();
  try {
    await tables.submissions
      .listEntities({ queryOptions: { filter: "PartitionKey eq 'health'" } })
      .byPage({ maxPageSize: 1 })
      .next();
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    const status = statusOf(error);
    const code = (error as { code?: unknown } | null)?.code;
    const why = status !== undefined ? ` (HTTP ${status})` : typeof code === 'string' ? ` (${code})` : '';
    return { ok: false, ms: Date.now() - started, detail: `lagringen svarar inte${why}` };
  }
}
