/** The typed arrays the compact holders of a large upload grow (CompactTexts, IdRegister, the reader's link holders). */
export type GrowableArray = Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>;

/**
 * `array` with room for at least `length` items: itself when it has it, else a copy of it, of the same kind, at least
 * twice as long (at least 16), zero beyond its end. Doubling keeps the copying to about one per item over a holder's
 * life.
 */
export function withRoom<T extends GrowableArray>(array: T, length: number): T {
  if (length <= array.length) return array;
  const grown = (
    array instanceof Int32Array ? new Int32Array(Math.max(length, array.length * 2, 16)) : new Uint32Array(Math.max(length, array.length * 2, 16))
  ) as T;
  grown.set(array);
  return grown;
}
