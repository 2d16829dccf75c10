import type { TableEntity, TransactionAction } from '@azure/data-tables';
/** What every benchmark gives back: its figures, printed as one JSON line. */
export type BenchResult = Record<string, unknown> & { bench: string };

export interface Benchmark {
  readonly name: string;
  run(): Promise<BenchResult>;
}

/** The middle value (the upper one of an even count); 0 for none. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/** Median of the measured runs after one warm-up, in milliseconds. */
export async function medianMs(runs: number, body: () => unknown | Promise<unknown>): Promise<number> {
  await body();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = process.hrtime.bigint();
    await body();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** A deterministic pseudo-random sequence, so every run measures the same data. */
export { seededRandom } from '../tests/support/seeded-random';

/**
 * The benchmarks' storage deadline, in the form of SAMLA_STORAGE_DEADLINE_MS: the longest allowed. Azurite runs in
 * the benchmark's own process on a shared machine, where one call may wait seconds behind a hundred others; the
 * deadline is for storage that never answers, and the benchmarks measure throughput.
 */
export const BENCH_STORAGE_DEADLINE_MS = '60000';

/** Runs `work` on every item with at most `limit` at once (a worker pool); the first failure is thrown. */
export async function inFlight<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The rows as the store wrote them before blocks (row-entities.ts): one entity per row, one property per column,
 * numbers outside Int32 as Edm.Double, in transactions of 100. The benchmarks write and read this layout beside
 * Samla's, so that what blocks gain is a figure of the same run.
 */
export function oneEntityPerRowBatches(partitionKey: string, rows: readonly object[]): TransactionAction[][] {
  const batches: TransactionAction[][] = [];
  rows.forEach((row, index) => {
    const entity: TableEntity<Record<string, unknown>> = { partitionKey, rowKey: String(index).padStart(6, '0') };
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined || value === null) continue;
      entity[key] = typeof value === 'number' && (value | 0) !== value ? { value, type: 'Double' } : value;
    }
    if (index % 100 === 0) batches.push([]);
    batches[batches.length - 1]?.push(['upsert', entity]);
  });
  return batches;
}
