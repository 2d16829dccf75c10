import { randomUUID } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';
import { requestIssueIn, spelledBeyondExact, WrittenNumber, type Language, type Localized } from '@samla/shared';
import { z } from 'zod';
import { decodeContentEncoding, decodeText, quotable } from './body-decoding';
import { problems } from './problem';

/** The most a JSON request body may hold: far above 50 000 rows of a template, far below what would hurt. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;

function declaredLength(request: HttpRequest): number | undefined {
  const header = request.headers.get('content-length');
  return header && /^\d+$/.test(header) ? Number(header) : undefined;
}

/**
 * Reads the body as bytes, refusing more than `maxBytes` before and after reading, and undoes its
 * `Content-Encoding` (gzip, deflate, br) within the same `maxBytes`.
 */
export async function readBodyBytes(request: HttpRequest, maxBytes: number): Promise<Buffer> {
  const declared = declaredLength(request);
  const megabytes = Math.floor(maxBytes / 1024 / 1024);
  const tooLarge = () => problems.payloadTooLarge({ sv: `Begäran är större än ${megabytes} MB.`, en: `The request is larger than ${megabytes} MB.` });
  if (declared !== undefined && declared > maxBytes) throw tooLarge();
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge();
  return decodeContentEncoding(bytes, request.headers.get('content-encoding'), maxBytes);
}

/** The zod issues of a request body, as RFC 9457's `invalid-params` with a JSON path each, in the caller's language. */
function invalidParams(error: z.ZodError, language: Language): { name: string; reason: string }[] {
  return error.issues.map((issue) => ({ name: issue.path.length ? issue.path.join('.') : '(body)', reason: requestIssueIn(issue, language) }));
}

/** 415 unless the request says it is JSON. */
export function requireJsonContent(request: HttpRequest): void {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    const given = contentType ? quotable(contentType, 80) : undefined;
    throw problems.unsupportedMediaType({
      sv: `Skicka JSON med Content-Type: application/json (fick ”${given ?? 'ingen'}”).`,
      en: `Send JSON with Content-Type: application/json (got “${given ?? 'none'}”).`,
    });
  }
}

/** The deepest nesting of arrays and objects a body may have: a submission needs 3 (body, rows, row). */
export const MAX_JSON_DEPTH = 64;

/** How deep arrays and objects nest in JSON text (strings skipped); stops counting once past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return deepest;
}

/** Keys seen in one object: a list while it is short, a Set once it is long (so a huge object stays linear). */
type SeenKeys = string[] | Set<string>;
const SHORT_OBJECT = 16;

/**
 * The first key that occurs twice in one object of valid JSON text, and where its second occurrence starts; undefined
 * when there is none. RFC 8259 §4 says names SHOULD be unique and leaves duplicates to the reader; `JSON.parse` keeps the
 * last value without a word, so a client's program that writes a column twice would have one value silently dropped.
 * Keys are compared after their escapes are read (`"a"` and `"\u0061"` are one key).
 */
export function firstDuplicateKey(text: string): { key: string; at: number } | undefined {
  const stack: (SeenKeys | undefined)[] = []; // undefined: an array
  let expectingKey = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      const start = index;
      let escaped = false;
      for (index++; index < text.length; index++) {
        const inner = text.charCodeAt(index);
        if (inner === 0x5c) {
          escaped = true;
          index++;
        } else if (inner === 0x22) break;
      }
      const keys = expectingKey ? stack[stack.length - 1] : undefined;
      expectingKey = false;
      if (!keys) continue;
      const raw = text.slice(start + 1, index);
      const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
      if (Array.isArray(keys) ? keys.includes(key) : keys.has(key)) return { key, at: start };
      if (Array.isArray(keys)) {
        keys.push(key);
        if (keys.length > SHORT_OBJECT) stack[stack.length - 1] = new Set(keys);
      } else keys.add(key);
    } else if (code === 0x7b) {
      stack.push([]);
      expectingKey = true;
    } else if (code === 0x5b) stack.push(undefined);
    else if (code === 0x7d || code === 0x5d) stack.pop();
    else if (code === 0x2c) expectingKey = stack[stack.length - 1] !== undefined;
  }
  return undefined;
}

/** A character as a message may show it: itself when printable, always its code point (never a raw control character). */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character) ? `”${character}” (${hex})` : hex;
}

/** JSON.parse's complaint, in words that quote no part of the body but the one character it stopped at. */
function jsonProblem(error: Error, text: string): Localized {
  if (/Unexpected end of JSON input/.test(error.message))
    return { sv: 'JSON-texten tar slut för tidigt: något saknas i slutet', en: 'the JSON text ends too early: something is missing at the end' };
  const position = /at position (\d+)/.exec(error.message)?.[1];
  const at = position !== undefined ? Number(position) : undefined;
  const character = at !== undefined ? String.fromCodePoint(text.codePointAt(at) ?? 0) : /Unexpected token '(.)'/su.exec(error.message)?.[1];
  const where = at !== undefined ? { sv: ` vid tecken ${at + 1}`, en: ` at character ${at + 1}` } : { sv: '', en: '' };
  if (character === undefined || at === text.length) return { sv: `texten är inte giltig JSON${where.sv}`, en: `the text is not valid JSON${where.en}` };
  const inString = /control character in string/i.test(error.message)
    ? { sv: ' i en text (styrtecken ska skrivas som \\uXXXX)', en: ' in a text (control characters are written as \\uXXXX)' }
    : { sv: '', en: '' };
  const shown = describeCharacter(character);
  return { sv: `ett oväntat tecken ${shown}${where.sv}${inString.sv}`, en: `an unexpected character ${shown}${where.en}${inString.en}` };
}

/** How JSON is read: `writtenNumbers` keeps the spelling of numbers a double can't hold exactly (`WrittenNumber`). */
export interface JsonReading {
  readonly writtenNumbers?: boolean;
}

const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A token with more than 15 significant digits has a run of at least 16 digits and points: text without one has none. */
const LONG_DIGIT_RUN = /[\d.]{16}/;

/** Where the number tokens of JSON text (outside strings) with more than 15 significant digits are: `[start, end)`. */
function longNumberTokens(text: string): [number, number][] {
  const found: [number, number][] = [];
  if (!LONG_DIGIT_RUN.test(text)) return found;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      NUMBER_TOKEN.lastIndex = index;
      const token = NUMBER_TOKEN.exec(text)?.[0] ?? text[index] ?? '';
      if (spelledBeyondExact(token)) found.push([index, index + token.length]);
      index += token.length - 1;
    }
  }
  return found;
}

/**
 * The JSON again, with every long number token a `WrittenNumber` (its value and its spelling): each token is swapped
 * for a string no request can hold (a NUL and a fresh UUID), which the reviver turns back. Only for text already parsed.
 */
function parseWithWrittenNumbers(text: string, tokens: readonly [number, number][]): unknown {
  const prefix = `\u0000${randomUUID()}:`;
  const spelled: string[] = [];
  let marked = '';
  let from = 0;
  for (const [start, end] of tokens) {
    spelled.push(text.slice(start, end));
    marked += `${text.slice(from, start)}"\\u0000${prefix.slice(1)}${spelled.length - 1}"`;
    from = end;
  }
  marked += text.slice(from);
  return JSON.parse(marked, (_key, value: unknown) => {
    if (typeof value !== 'string' || !value.startsWith(prefix)) return value;
    const token = spelled[Number(value.slice(prefix.length))] ?? '';
    return new WrittenNumber(Number(token), token);
  }) as unknown;
}

/**
 * JSON from text; 400 saying where it breaks when it is malformed, and when it nests deeper than MAX_JSON_DEPTH.
 * With `writtenNumbers`, a number spelled with more than 15 significant digits (`9007199254740993`) is a
 * `WrittenNumber`, so that a message can quote it as written rather than as the double it rounds to.
 */
export function parseJsonText(text: string, reading: JsonReading = {}): unknown {
  if (nestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw problems.badRequest(
      {
        sv: `Begärans JSON är nästlad i fler än ${MAX_JSON_DEPTH} nivåer av listor och objekt. En inskickning har formen { board, year, template, rows: [ { kolumn: värde } ] }.`,
        en: `The request JSON nests lists and objects deeper than ${MAX_JSON_DEPTH} levels. A submission has the form { board, year, template, rows: [ { column: value } ] }.`,
      },
      { reason: 'json-too-deep' },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    const why = jsonProblem(error as Error, text);
    throw problems.badRequest(
      {
        sv: `Begärans JSON kunde inte läsas: ${why.sv}. Kontrollera att innehållet är giltig JSON.`,
        en: `The request JSON could not be read: ${why.en}. Check that the content is valid JSON.`,
      },
      { reason: 'malformed-json' },
    );
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) {
    const key = quotable(duplicate.key);
    throw problems.badRequest(
      {
        sv: `Begärans JSON har nyckeln ”${key}” två gånger i samma objekt (andra gången vid tecken ${duplicate.at + 1}). Samla väljer inte mellan två värden: skicka varje nyckel en gång.`,
        en: `The request JSON has the key “${key}” twice in one object (the second time at character ${duplicate.at + 1}). Samla does not choose between two values: send each key once.`,
      },
      { reason: 'duplicate-json-key' },
    );
  }
  const tokens = reading.writtenNumbers ? longNumberTokens(text) : [];
  return tokens.length > 0 ? parseWithWrittenNumbers(text, tokens) : json;
}

/** JSON from a body's bytes, in the charset its Content-Type declares (UTF-8 by default, a BOM ignored). */
export function parseJsonBytes(bytes: Buffer, contentType: string | null = null, reading: JsonReading = {}): unknown {
  return parseJsonText(decodeText(bytes, contentType), reading);
}

/** Parses a JSON body against a schema: 415 for another content type, 413 when too large, 400 when malformed. */
export async function readJsonBody<S extends z.ZodType>(
  request: HttpRequest,
  schema: S,
  maxBytes = MAX_JSON_BYTES,
  reading: JsonReading = {},
): Promise<z.infer<S>> {
  requireJsonContent(request);
  const json = parseJsonBytes(await readBodyBytes(request, maxBytes), request.headers.get('content-type'), reading);
  return parseInput(schema, json, WRONG_SHAPE);
}

/** The detail of a body that parsed as JSON but has the wrong shape (the fields say where). */
export const WRONG_SHAPE: Localized = { sv: 'Begärans innehåll har fel form.', en: 'The request content has the wrong shape.' };

/** Parses route or query values, or a parsed body, against a schema; 400 saying which field is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, detail: Localized): z.infer<S> {
  // reportInput lets zod's default messages name what they got; only the reason's words leave this function.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const { error } = result;
    throw problems.badRequest(detail, (language) => ({ 'invalid-params': invalidParams(error, language) }));
  }
  return result.data;
}

export function queryObject(request: HttpRequest): Record<string, string> {
  return Object.fromEntries(request.query.entries());
}
