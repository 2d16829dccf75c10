import { CompactTexts } from '../sheet/compact-texts';
import { withRoom } from '../sheet/typed-arrays';
import { isAscii, normalizeId } from './row-rules';

/**
 * The key two IDs are the same by, in the sense of `normalizeId` (without regard to case, NFKC, dashes): an ASCII
 * form is upper-cased instead of lower-cased, which for ASCII is the same comparison, and which V8 answers without a
 * copy for the usual `A-12` (already upper case). Two IDs have the same key exactly when their `normalizeId` forms
 * are equal.
 */
export function idKey(id: string): string {
  const normal = isAscii(id) ? id : normalizeId(id);
  return isAscii(normal) ? normal.toUpperCase() : normal;
}

/** FNV-1a over the UTF-16 units (32 bits; FNV, IETF draft-eastlake-fnv): the register's slot for a key. */
function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/**
 * The IDs of a sheet's rows, each with the sheet row where it first appears, compared by `idKey`: what the
 * duplicate-ID rule checks each row against and what a later template's references are checked against (mission.md:
 * an expense's activity must exist among the same board's activities). Held compactly, as an upload of tens of
 * thousands of rows must hold every ID it has read: the keys in `CompactTexts`, and an open-addressing table of
 * `Int32Array` slots with each key's hash and first row in typed arrays, about 20 bytes an ID beside its characters
 * instead of about 100 as strings in a `Map` and an array. Iterating gives the keys (not the IDs as written).
 */
export class IdRegister implements Iterable<string> {
  private readonly keys = new CompactTexts();
  private hashes = new Uint32Array(256);
  private rows = new Uint32Array(256);
  /** Index + 1 of the key in each slot; 0 is an empty slot. Never more than half full. */
  private slots = new Int32Array(512);

  /** A register of the given IDs (a stored version's, say), each at row 0. */
  static of(ids: Iterable<string>): IdRegister {
    if (ids instanceof IdRegister) return ids;
    const register = new IdRegister();
    for (const id of ids) register.add(id, 0);
    return register;
  }

  /** How many distinct IDs are held. */
  get size(): number {
    return this.keys.length;
  }

  /**
   * Registers `id` as seen at sheet row `row` (a whole number, 0–4 294 967 295): undefined when it is new, else the
   * row where it was first registered (the ID is then not registered again).
   */
  add(id: string, row: number): number | undefined {
    const key = idKey(id);
    const hash = keyHash(key);
    const slot = this.find(key, hash);
    const found = this.slots[slot] ?? 0;
    if (found !== 0) return this.rows[found - 1];
    const index = this.keys.add(key);
    this.hashes = withRoom(this.hashes, index + 1);
    this.rows = withRoom(this.rows, index + 1);
    this.hashes[index] = hash;
    this.rows[index] = row;
    this.slots[slot] = index + 1;
    if ((index + 1) * 2 > this.slots.length) this.rehash();
    return undefined;
  }

  /** Whether an ID with the same key as `id` is held. */
  has(id: string): boolean {
    const key = idKey(id);
    return (this.slots[this.find(key, keyHash(key))] ?? 0) !== 0;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let index = 0; index < this.keys.length; index += 1) yield this.keys.at(index) ?? '';
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  private find(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0 || (this.hashes[entry - 1] === hash && this.keys.matches(entry - 1, key))) return slot;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let index = 0; index < this.keys.length; index += 1) {
      let slot = (this.hashes[index] ?? 0) & mask;
      while ((slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.slots = slots;
  }
}
