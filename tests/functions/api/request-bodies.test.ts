import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { activity } from '../../shared/fixtures';
import { readStorageSettings } from '../../../functions/src/storage/storage-settings';
import { openTables } from '../../../functions/src/storage/table-clients';
import { TableSubmissionStore } from '../../../functions/src/storage/table-submission-store';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

// 64 MB of spaces, 60 KB packed: made before the API starts (packing blocks this process, which also hosts the API).
const BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });

let api: RunningSamla;
let staffI: string;

beforeAll(async () => {
  api = await startSamlaApi();
  staffI = await api.token('staff', 'I');
});

afterAll(async () => {
  await api?.stop();
});

// Only characters ISO-8859-1 has, so the same title can be sent in every charset tried here.
const TITLE = 'Möte på Gotland om jämställd service: ÅÄÖ åäö é';
const body = () => JSON.stringify({ board: 'I', year: 2013, template: 'activities', rows: [activity({ activityId: 'GOT-A1', title: TITLE })] });

async function send(path: string, bytes: Uint8Array | string, headers: Record<string, string>) {
  const response = await api.call('POST', path, { token: staffI, body: bytes as BodyInit, headers });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, json: JSON.parse(text) as Record<string, unknown> };
}

/** The board's current Aktiviteter as stored: what the API's own storage holds, read beside it. */
async function storedActivities(board: 'I', year: number) {
  const store = new TableSubmissionStore(await openTables(readStorageSettings(process.env)));
  return (await store.current(board, year, 'activities'))?.rows;
}

/** No control character or replacement character in an answer: nothing of the body's bytes is quoted raw. */
function expectClean(text: string): void {
  const raw = [...text].filter((character) => {
    const code = character.codePointAt(0) ?? 0;
    return (code < 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
  });
  expect(raw).toEqual([]);
}

describe('JSON bodies in the encodings real clients send', () => {
  it('ignores a UTF-8 byte order mark (RFC 8259 §8.1), as Windows tools write it', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body(), 'utf8')]);
    const answer = await send('validate', withBom, { 'Content-Type': 'application/json' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ valid: true, rows: 1 });
  });

  it.each([
    ['iso-8859-1', 'application/json; charset=iso-8859-1'],
    ['windows-1252', 'application/json; charset=windows-1252'],
    ['latin1 quoted, upper case', 'application/json; Charset="ISO-8859-1"'],
    ['utf-16le', 'application/json; charset=utf-16le'],
    ['utf-16 with its BOM', 'application/json; charset=utf-16'],
  ])('honours a declared charset: %s', async (_name, contentType) => {
    const charset = /charset="?([^";]+)/i.exec(contentType)?.[1] ?? '';
    const bytes = iconv.encode(body(), charset, { addBOM: charset.toLowerCase() === 'utf-16' });
    const answer = await send('validate', bytes, { 'Content-Type': contentType });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ valid: true });
  });

  it('stores the title exactly when the charset is declared (ISO-8859-1, as PowerShell 5.1 encodes)', async () => {
    const answer = await send('submissions', iconv.encode(body(), 'latin1'), { 'Content-Type': 'application/json; charset=iso-8859-1' });
    expect(answer.status).toBe(201);
    expect((await storedActivities('I', 2013))?.map((row) => row.title)).toEqual([TITLE]);
  });

  it('refuses bytes that are not UTF-8 when no charset is declared, saying so (j02: PowerShell 5.1 without charset)', async () => {
    const answer = await send('submissions', iconv.encode(body(), 'latin1'), { 'Content-Type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(answer.type).toMatch(/application\/problem\+json/);
    expect(answer.json.detail).toMatch(/inte giltig UTF-8/);
    expect(answer.json.reason).toBe('not-utf-8');
    expectClean(answer.text);
    // Nothing was stored for the refused body: no mojibake ever becomes current.
    for (const row of (await storedActivities('I', 2013)) ?? []) expect(row.title).not.toMatch(/\ufffd|Ã/);
  });

  it('refuses a charset it does not know with 415, naming it', async () => {
    const known = await send('validate', body(), { 'Content-Type': 'application/json; charset=x-klingon' });
    expect(known.status).toBe(415);
    expect(known.json.title).toBe('Fel innehållstyp');
    expect(known.json.detail).toMatch(/x-klingon/);
  });

  it.each([
    ['gzip', (bytes: Buffer) => gzipSync(bytes)],
    ['x-gzip', (bytes: Buffer) => gzipSync(bytes)],
    ['deflate', (bytes: Buffer) => deflateSync(bytes)],
    ['deflate (raw, as some clients send it)', (bytes: Buffer) => deflateRawSync(bytes)],
    ['br', (bytes: Buffer) => brotliCompressSync(bytes)],
  ])('decodes Content-Encoding %s (j03)', async (name, compress) => {
    const answer = await send('validate', compress(Buffer.from(body(), 'utf8')), {
      'Content-Type': 'application/json',
      'Content-Encoding': name.split(' ')[0] ?? name,
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ valid: true, rows: 1 });
  });

  it('refuses another Content-Encoding with 415 in words, and a body that is not what its encoding says with 400, never quoting binary', async () => {
    const zstd = await send('validate', gzipSync(body()), { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd' });
    expect(zstd.status).toBe(415);
    expect(zstd.json.detail).toMatch(/zstd.*stöds inte/);
    const lying = await send('validate', Buffer.from([0x1f, 0x8b, 0, 1, 2, 3, 0xff, 0xfe]), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(lying.status).toBe(400);
    expectClean(lying.text);
    // gzip bytes sent without saying so: a 400 that does not quote the binary.
    const unsaid = await send('validate', gzipSync(body()), { 'Content-Type': 'application/json' });
    expect(unsaid.status).toBe(400);
    expectClean(unsaid.text);
  });

  it('caps the unpacked size while unpacking: a small gzip bomb is a 413, not 100 MB in memory', async () => {
    expect(BOMB.length).toBeLessThan(1024 * 1024);
    const answer = await send('validate', BOMB, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(answer.status).toBe(413);
    expect(answer.json.title).toBe('För stor begäran');
  });

  it('answers a 100 000-deep array with a 400, and the service keeps answering', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const json of [
      deep,
      JSON.stringify({ board: 'I', year: 2013, template: 'activities', rows: [{ title: JSON.parse('['.repeat(500) + ']'.repeat(500)) }] }),
    ]) {
      const answer = await send('validate', json, { 'Content-Type': 'application/json' });
      expect(answer.status).toBe(400);
      expect(answer.json.reason).toBe('json-too-deep');
    }
    expect((await api.call('GET', 'health')).status).toBe(200);
  });

  it('refuses a key written twice in one object, naming it, and stores nothing (JSON.parse would keep the last silently)', async () => {
    const row = JSON.stringify(activity({ activityId: 'DUP-1' })).slice(0, -1);
    for (const [json, key] of [
      [`{"board":"I","year":2013,"template":"activities","rows":[${row},"activityId":"DUP-2"}]}`, 'activityId'],
      // The same key with an escape is the same key.
      [`{"board":"I","year":2013,"template":"activities","rows":[${row},"\u0061ctivityId":"DUP-2"}]}`, 'activityId'],
      [`{"board":"I","year":2013,"board":"M","template":"activities","rows":[${row}}]}`, 'board'],
    ] as const) {
      const answer = await send('submissions', json, { 'Content-Type': 'application/json' });
      expect([answer.status, answer.json.reason]).toEqual([400, 'duplicate-json-key']);
      expect(answer.json.detail).toMatch(new RegExp(`nyckeln ”${key}” två gånger i samma objekt \\(andra gången vid tecken \\d+\\)`));
    }
    expect((await storedActivities('I', 2013))?.some((stored) => stored.activityId.startsWith('DUP'))).not.toBe(true);
    // One key in many objects is no duplicate, nor is a key inside a text.
    const many = JSON.stringify({
      board: 'I',
      year: 2013,
      template: 'activities',
      rows: [activity({ activityId: 'U-1', title: '"activityId":"x"' }), activity({ activityId: 'U-2' })],
    });
    expect((await send('validate', many, { 'Content-Type': 'application/json' })).status).toBe(200);
  });

  it('reads an object of 200 000 distinct keys through the duplicate check (a quadratic search would not end)', async () => {
    const keys = Array.from({ length: 200_000 }, (_, index) => `"k${index}":0`).join(',');
    const answer = await send('validate', `{"board":"I","year":2013,"template":"activities","rows":[{${keys}}]}`, { 'Content-Type': 'application/json' });
    // Past the JSON reading: the row is judged (its keys are no columns: each gets an unknown-column warning).
    expect([answer.status, typeof answer.json.valid]).toEqual([200, 'boolean']);
  });

  it('says where malformed JSON breaks without quoting control characters', async () => {
    const answer = await send('validate', '{"board": "I",\u0001 "year": 2013}', { 'Content-Type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(answer.json.detail).toMatch(/U\+0001/);
    expectClean(answer.text);
  });
});

describe('malformed percent-encoding in the address', () => {
  it.each([
    'templates/%ZZ',
    'templates/activities%',
    'templates/%C3%28?board=I&year=2013',
    'templates/activities?board=%ZZ&year=2013',
    'submissions/I/2013/%E0%A4%A',
  ])('answers 400 with a problem document for GET /api/%s', async (path) => {
    const response = await api.call('GET', path, { token: staffI });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { title: string; reason: string };
    expect(problem).toMatchObject({ title: 'Felaktig begäran', reason: 'malformed-percent-encoding' });
  });

  it('still decodes well-formed percent-encoding', async () => {
    const response = await api.call('GET', 'templates/%61ctivities?board=I&year=2013', { token: staffI });
    expect(response.status).toBe(200);
  });
});
