import yauzl from 'yauzl';

/** One file in a zip, as its central directory declares it (sizes may lie: `ZipPackage.read` holds them to it). */
export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Zip-level encryption (the "encrypted" flag): its content can't be read without a password. */
  readonly encrypted: boolean;
}

/** An opened zip: its declared entries, and each entry's content on demand. */
export interface ZipPackage {
  readonly entries: readonly ZipEntry[];
  /**
   * The entry's content, unpacked by yauzl, which stops an entry that inflates past its declared size and refuses
   * one that falls short; undefined when the entry is missing, damaged or lying. Part names are case-insensitive
   * (ECMA-376 Part 2, §6.2.2.3).
   */
  read(name: string): Promise<Buffer | undefined>;
  /**
   * The entry's content as it is unpacked, chunk by chunk, never held whole (held to its declared size as `read` is:
   * the stream errors where it would go past it or falls short); undefined when the entry is missing or encrypted.
   * Each call unpacks the entry again from the start.
   */
  stream(name: string): Promise<AsyncIterable<Buffer> | undefined>;
}

export const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function fromBuffer(body: Buffer): Promise<yauzl.ZipFile | undefined> {
  return new Promise((resolve) => {
    // validateEntrySizes: an entry whose stream yields more (or fewer) bytes than declared errors out at that point.
    yauzl.fromBuffer(body, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true }, (error, zip) => resolve(error ? undefined : zip));
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[] | undefined> {
  return new Promise((resolve) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => resolve(undefined));
    zip.readEntry();
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return resolve(undefined);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => resolve(undefined));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<AsyncIterable<Buffer> | undefined> {
  return new Promise((resolve) => {
    zip.openReadStream(entry, (error, stream) => resolve(error ? undefined : (stream as AsyncIterable<Buffer>)));
  });
}

/**
 * Opens a zip held in memory with yauzl, reading only its central directory; nothing is unpacked until asked.
 * Undefined when the buffer is no readable zip (not a zip, cut short, unsafe entry names).
 */
export async function openZip(body: Buffer): Promise<ZipPackage | undefined> {
  const zip = await fromBuffer(body);
  if (!zip) return undefined;
  const raw = await listEntries(zip);
  if (!raw) return undefined;
  const byName = new Map(raw.map((entry) => [entry.fileName.toLowerCase(), entry]));
  const entries = raw.map((entry) => ({
    name: entry.fileName,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    encrypted: entry.isEncrypted(),
  }));
  const entryOf = (name: string) => {
    const entry = byName.get(name.replace(/^\//, '').toLowerCase());
    return !entry || entry.isEncrypted() ? undefined : entry;
  };
  return {
    entries,
    stream: async (name) => {
      const entry = entryOf(name);
      return entry ? openStream(zip, entry) : undefined;
    },
    read: async (name) => {
      const entry = entryOf(name);
      if (!entry) return undefined;
      try {
        return await readEntry(zip, entry);
      } catch {
        return undefined;
      }
    },
  };
}
