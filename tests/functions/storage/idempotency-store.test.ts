import { randomBytes } from 'node:crypto';
import { contentHash } from '../../../functions/src/storage/canonical-json';
import { TableIdempotencyStore, tableKey, type IdempotencyStore } from '../../../functions/src/storage/idempotency-store';
import type { NewSubmission, SubmissionStore } from '../../../functions/src/storage/submission-store';
import { TableSubmissionStore } from '../../../functions/src/storage/table-submission-store';
import { startAzurite, type AzuriteTables } from '../../support/azurite';
import { activityRows, openFreshTables } from './storage-fixtures';

let azurite: AzuriteTables;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

async function freshStore(options: ConstructorParameters<typeof TableIdempotencyStore>[1] = {}): Promise<TableIdempotencyStore> {
  return new TableIdempotencyStore((await openFreshTables(azurite.connectionString)).idempotency, options);
}

const created = { status: 201, headers: { 'Content-Type': 'application/json', Location: '/api/submissions/I/2013/activities' }, body: '{"version":1}' };

describe('idempotency keys in Table Storage', () => {
  it('lets the first request claim a key, and gives a replay the remembered answer', async () => {
    const store = await freshStore();
    expect(await store.claim('caller-1|submissions', 'key-1', 'hash-a')).toEqual({ state: 'claimed' });
    await store.complete('caller-1|submissions', 'key-1', created);

    const replay = await store.claim('caller-1|submissions', 'key-1', 'hash-a');
    expect(replay).toMatchObject({ state: 'completed', requestHash: 'hash-a', response: created });
  });

  it('tells a reuse of the key for other content by its request hash', async () => {
    const store = await freshStore();
    await store.claim('caller-1|submissions', 'key-1', 'hash-a');
    await store.complete('caller-1|submissions', 'key-1', created);
    expect(await store.claim('caller-1|submissions', 'key-1', 'hash-b')).toMatchObject({ state: 'completed', requestHash: 'hash-a' });
  });

  it('gives exactly one of two concurrent requests with the same key the claim; the other sees it in flight', async () => {
    const store = await freshStore();
    const claims = await Promise.all([store.claim('c|s', 'same', 'h'), store.claim('c|s', 'same', 'h')]);
    expect(claims.map((claim) => claim.state).sort()).toEqual(['claimed', 'in-flight']);
    expect(claims.find((claim) => claim.state === 'in-flight')).toMatchObject({ requestHash: 'h' });
  });

  it('keeps keys of different callers apart', async () => {
    const store = await freshStore();
    await store.claim('anna|submissions', 'k', 'h1');
    await store.complete('anna|submissions', 'k', created);
    expect(await store.claim('bertil|submissions', 'k', 'h2')).toEqual({ state: 'claimed' });
  });

  it('frees a released key for a retry, but never forgets a completed answer', async () => {
    const store = await freshStore();
    await store.claim('c', 'k', 'h');
    await store.release('c', 'k');
    expect(await store.claim('c', 'k', 'h')).toEqual({ state: 'claimed' });
    await store.complete('c', 'k', created);
    await store.release('c', 'k');
    expect(await store.claim('c', 'k', 'h')).toMatchObject({ state: 'completed', response: created });
  });

  it('lets a new request take over a claim whose request died long ago', async () => {
    let now = new Date('2014-01-20T10:00:00Z');
    const store = await freshStore({ staleAfterMs: 60_000, now: () => now });
    await store.claim('c', 'k', 'h');
    expect(await store.claim('c', 'k', 'h')).toMatchObject({ state: 'in-flight' });
    now = new Date('2014-01-20T10:05:00Z');
    expect(await store.claim('c', 'k', 'h')).toEqual({ state: 'claimed' });
  });

  it('remembers a large answer whole, and takes keys with characters tables forbid', async () => {
    const store = await freshStore();
    const body = JSON.stringify({ errors: Array.from({ length: 3000 }, (_, row) => ({ row, message: `Fel på rad ${row} – ogiltigt värde` })) });
    expect(body.length).toBeGreaterThan(100_000);
    const key = 'a/b\\c#d?e%f';
    await store.claim('c|s', key, 'h');
    await store.complete('c|s', key, { status: 422, headers: {}, body });
    expect(await store.claim('c|s', key, 'h')).toMatchObject({ state: 'completed', response: { status: 422, body } });
    expect(await store.claim('c|s', 'a/b\\c#d?e%g', 'h')).toEqual({ state: 'claimed' });
  });

  it.each([
    [
      'compressible, 4 MB',
      () => JSON.stringify({ errors: Array.from({ length: 16_000 }, (_, row) => ({ row, message: `Aktiviteter!B${row + 2}: värdet är fel ${row}` })) }),
    ],
    ['hardly compressible, 3 MB (kept across part entities)', () => randomText(3 * 1024 * 1024)],
    ['empty', () => ''],
  ])('replays an answer of any size exactly: %s', async (_name, makeBody) => {
    const store = await freshStore();
    const body = makeBody();
    await store.claim('c|s', 'big', 'h');
    await store.complete('c|s', 'big', { status: 201, headers: { 'Content-Type': 'application/json' }, body });
    const replay = await store.claim('c|s', 'big', 'h');
    expect(replay.state).toBe('completed');
    if (replay.state !== 'completed') return;
    expect(replay.response.body.length).toBe(body.length);
    expect(replay.response.body === body).toBe(true);
  });

  it('escapes keys one-to-one, without / \\ # ? or control characters', () => {
    const forbidden = (key: string): boolean => [...key].some((c) => '/\\#?'.includes(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
    for (const text of ['a/b', 'a\\b', 'a#b', 'a?b', 'a\u0001b', 'a%2Fb']) expect(forbidden(tableKey(text))).toBe(false);
    expect(forbidden('a\u0001b')).toBe(true);
    expect(tableKey('a/b')).not.toBe(tableKey('a%2Fb'));
  });

  it('stores a replayed submission once: the replay gets the first answer and no second version', async () => {
    const tables = await openFreshTables(azurite.connectionString);
    const keys = new TableIdempotencyStore(tables.idempotency);
    const store = new TableSubmissionStore(tables);
    const submission: NewSubmission<'activities'> = {
      board: 'I',
      year: 2013,
      template: 'activities',
      rows: activityRows(20, 'x'),
      submittedBy: 'anna',
      warningCount: 0,
    };

    const first = await submitOnce(keys, store, 'key-1', submission);
    const replay = await submitOnce(keys, store, 'key-1', submission);
    const reuse = await submitOnce(keys, store, 'key-1', { ...submission, rows: activityRows(5, 'y') });

    expect(replay).toEqual(first);
    expect(reuse).toBe('key reused for other content');
    expect((await store.history('I', 2013, 'activities')).length).toBe(1);
  });
});

/** Text that gzip can hardly shrink: random letters, digits and Swedish letters. */
function randomText(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789 ';
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += alphabet[byte % alphabet.length];
  return text;
}

/** What the HTTP edge does with a key, reduced to the two stores. */
async function submitOnce(keys: IdempotencyStore, store: SubmissionStore, key: string, submission: NewSubmission): Promise<string> {
  const requestHash = contentHash(submission);
  const claim = await keys.claim('anna|submissions', key, requestHash);
  if (claim.state !== 'claimed') return claim.requestHash === requestHash && claim.state === 'completed' ? claim.response.body : 'key reused for other content';
  const body = JSON.stringify(await store.submit(submission));
  await keys.complete('anna|submissions', key, { status: 201, headers: {}, body });
  return body;
}
