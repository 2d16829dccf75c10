import { inflateRawSync } from 'node:zlib';

/** One file in a zip, as its central directory declares it (sizes may lie: `inflateEntry` checks them). */
export interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

export const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX_COMMENT = 0xffff;
const END_SIZE = 22;
const ENCRYPTED_FLAG = 0x1;
export const STORED = 0;
export const DEFLATED = 8;

export function isEncrypted(entry: ZipEntry): boolean {
  return (entry.flags & ENCRYPTED_FLAG) !== 0;
}

interface DirectoryBounds {
  readonly count: number;
  readonly offset: number;
  readonly size: number;
}

function findEndOfDirectory(body: Buffer): number {
  const last = body.length - END_SIZE;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at -= 1) {
    if (body.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

function zip64Bounds(body: Buffer, end: number): DirectoryBounds | undefined {
  const locator = end - 20;
  if (locator < 0 || body.readUInt32LE(locator) !== ZIP64_LOCATOR) return undefined;
  const record = Number(body.readBigUInt64LE(locator + 8));
  if (record + 56 > body.length || body.readUInt32LE(record) !== ZIP64_END_OF_DIRECTORY) return undefined;
  return {
    count: Number(body.readBigUInt64LE(record + 32)),
    size: Number(body.readBigUInt64LE(record + 40)),
    offset: Number(body.readBigUInt64LE(record + 48)),
  };
}

function directoryBounds(body: Buffer): DirectoryBounds | undefined {
  const end = findEndOfDirectory(body);
  if (end < 0) return undefined;
  const count = body.readUInt16LE(end + 10);
  const size = body.readUInt32LE(end + 12);
  const offset = body.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return zip64Bounds(body, end);
  return { count, size, offset };
}

/** Sizes too large for 32 bits are in the ZIP64 extra field, in this order, only where the field says 0xFFFFFFFF. */
function applyZip64Extra(extra: Buffer, sizes: { uncompressed: number; compressed: number; offset: number }): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      for (const key of ['uncompressed', 'compressed', 'offset'] as const) {
        if (sizes[key] !== 0xffffffff || field + 8 > at + 4 + length) continue;
        sizes[key] = Number(extra.readBigUInt64LE(field));
        field += 8;
      }
      return;
    }
    at += 4 + length;
  }
}

function readEntry(body: Buffer, at: number): { entry: ZipEntry; next: number } | undefined {
  if (at + 46 > body.length || body.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
  const nameLength = body.readUInt16LE(at + 28);
  const extraLength = body.readUInt16LE(at + 30);
  const commentLength = body.readUInt16LE(at + 32);
  const next = at + 46 + nameLength + extraLength + commentLength;
  if (next > body.length) return undefined;
  const sizes = { compressed: body.readUInt32LE(at + 20), uncompressed: body.readUInt32LE(at + 24), offset: body.readUInt32LE(at + 42) };
  applyZip64Extra(body.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), sizes);
  const entry: ZipEntry = {
    name: body.toString('utf8', at + 46, at + 46 + nameLength),
    flags: body.readUInt16LE(at + 8),
    method: body.readUInt16LE(at + 10),
    compressedSize: sizes.compressed,
    uncompressedSize: sizes.uncompressed,
    localHeaderOffset: sizes.offset,
  };
  return { entry, next };
}

/**
 * The entries a zip's central directory declares, read without inflating anything; undefined when the buffer
 * has no readable central directory (not a zip, or cut short).
 */
export function readZipDirectory(body: Buffer): ZipEntry[] | undefined {
  const bounds = directoryBounds(body);
  if (!bounds || bounds.offset + bounds.size > body.length) return undefined;
  const entries: ZipEntry[] = [];
  let at = bounds.offset;
  for (let index = 0; index < bounds.count; index += 1) {
    const read = readEntry(body, at);
    if (!read) return undefined;
    entries.push(read.entry);
    at = read.next;
  }
  return entries;
}

export type Inflation = { readonly ok: true; readonly data: Buffer } | { readonly ok: false; readonly problem: 'damaged' | 'larger-than-declared' };

function entryData(body: Buffer, entry: ZipEntry): Buffer | undefined {
  const at = entry.localHeaderOffset;
  if (at + 30 > body.length || body.readUInt32LE(at) !== LOCAL_HEADER) return undefined;
  const start = at + 30 + body.readUInt16LE(at + 26) + body.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  return end > body.length ? undefined : body.subarray(start, end);
}

/** An entry's content, never more than it declares: an entry that would inflate further is stopped there. */
export function inflateEntry(body: Buffer, entry: ZipEntry): Inflation {
  const data = entryData(body, entry);
  if (!data) return { ok: false, problem: 'damaged' };
  if (entry.method === STORED) return data.length === entry.uncompressedSize ? { ok: true, data } : { ok: false, problem: 'damaged' };
  if (entry.method !== DEFLATED) return { ok: false, problem: 'damaged' };
  try {
    const inflated = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
    if (inflated.length > entry.uncompressedSize) return { ok: false, problem: 'larger-than-declared' };
    return inflated.length === entry.uncompressedSize ? { ok: true, data: inflated } : { ok: false, problem: 'damaged' };
  } catch (error) {
    const tooLarge = error instanceof RangeError || (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    return { ok: false, problem: tooLarge ? 'larger-than-declared' : 'damaged' };
  }
}
