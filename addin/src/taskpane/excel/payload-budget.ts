/**
 * Excel on the web refuses a request or a response over 5 MB. Samla keeps every batch under a budget below
 * that, estimating a batch's size as the JSON of the values it sends or receives.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
export const PAYLOAD_BUDGET_BYTES = 4 * 1024 * 1024;
/** What a cell costs on the wire before we know its value: a typical Samla cell is well under this. */
export const ESTIMATED_BYTES_PER_CELL = 24;

/** The JSON size of values, which is what Office.js sends for them. */
export function jsonBytes(values: unknown): number {
  return new TextEncoder().encode(JSON.stringify(values)).length;
}

/** A run of rows, 0-based within the range, `count` long. */
export interface RowChunk {
  readonly first: number;
  readonly count: number;
}

/** Splits `rows` rows of `columns` cells into chunks whose estimated size stays within the budget. */
export function planRowChunks(rows: number, columns: number, budget = PAYLOAD_BUDGET_BYTES, bytesPerCell = ESTIMATED_BYTES_PER_CELL): RowChunk[] {
  const perChunk = Math.max(1, Math.floor(budget / (Math.max(1, columns) * bytesPerCell)));
  const chunks: RowChunk[] = [];
  for (let first = 0; first < rows; first += perChunk) chunks.push({ first, count: Math.min(perChunk, rows - first) });
  return chunks;
}

/** Office.js reports an oversized batch with one of these codes; Samla then halves the chunk and tries again. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded' || code === 'PayloadTooLarge';
}
