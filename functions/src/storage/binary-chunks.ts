/**
 * Bytes kept in Table Storage binary properties (Edm.Binary), used for gzipped text that is larger than one property:
 * a version's rows (row-entities.ts) and a remembered answer (idempotency-store.ts).
 *
 * Limits (Microsoft, "Understanding the Table service data model" and "Scalability and performance targets for Table
 * storage"): a binary property holds at most 64 KiB, an entity at most 1 MiB with at most 252 properties of its own, and
 * an entity group transaction at most 100 entities in a payload under 4 MiB. Azurite counts an entity's size on its
 * base64 text, so 12 chunks of 60 000 bytes (12 × 80 000 characters) are what fits one entity there too.
 */

/** Bytes per binary property: under the 64 KiB limit. */
export const CHUNK_BYTES = 60_000;
/** Chunks one entity holds (720 000 bytes; 960 000 characters of base64 on the wire). */
export const CHUNKS_PER_ENTITY = 12;

/** The bytes in chunks of at most CHUNK_BYTES, in order; no bytes give one empty chunk. Views, not copies. */
export function splitChunks(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length || chunks.length === 0; start += CHUNK_BYTES) chunks.push(bytes.subarray(start, start + CHUNK_BYTES));
  return chunks;
}

/** The chunks as properties `<prefix>0`, `<prefix>1`, … of an entity. */
export function chunkProperties(prefix: string, chunks: readonly Uint8Array[]): Record<string, Uint8Array> {
  const properties: Record<string, Uint8Array> = {};
  chunks.forEach((chunk, index) => {
    properties[`${prefix}${index}`] = chunk;
  });
  return properties;
}

/** The names `<prefix>0` … `<prefix>11`: what a query selects to get every chunk an entity can hold. */
export function chunkPropertyNames(prefix: string): string[] {
  return Array.from({ length: CHUNKS_PER_ENTITY }, (_, index) => `${prefix}${index}`);
}

/**
 * The `count` chunks `<prefix>0` … of a stored entity, as Buffers. Throws when one is missing or not binary, naming
 * `what` (the stored thing is then not whole, and nothing half is handed on).
 */
export function readChunks(entity: object, prefix: string, count: number, what: string): Buffer[] {
  return Array.from({ length: count }, (_, index) => {
    const chunk = (entity as Record<string, unknown>)[`${prefix}${index}`];
    if (!(chunk instanceof Uint8Array)) throw new Error(`${what}: chunk ${index} is missing`);
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  });
}

/** About how many bytes an entity of these chunks takes in a transaction's payload (base64 text, plus its keys). */
export function payloadBytes(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((sum, chunk) => sum + Math.ceil(chunk.byteLength / 3) * 4 + 64, 512);
}
