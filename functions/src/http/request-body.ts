import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { problems } from './problem';

/** The most a JSON request body may hold: far above 50 000 rows of a template, far below what would hurt. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;

function declaredLength(request: HttpRequest): number | undefined {
  const header = request.headers.get('content-length');
  return header && /^\d+$/.test(header) ? Number(header) : undefined;
}

/** Reads the body as bytes, refusing more than `maxBytes` before and after reading. */
export async function readBodyBytes(request: HttpRequest, maxBytes: number): Promise<Buffer> {
  const declared = declaredLength(request);
  const tooLarge = () => problems.payloadTooLarge(`Begäran är större än ${Math.floor(maxBytes / 1024 / 1024)} MB.`);
  if (declared !== undefined && declared > maxBytes) throw tooLarge();
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge();
  return bytes;
}

/** The zod issues of a request body, as RFC 9457's `invalid-params` with a JSON path each. */
function invalidParams(error: z.ZodError): { name: string; reason: string }[] {
  return error.issues.map((issue) => ({ name: issue.path.length ? issue.path.join('.') : '(body)', reason: issue.message }));
}

/** 415 unless the request says it is JSON. */
export function requireJsonContent(request: HttpRequest): void {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    throw problems.unsupportedMediaType(`Skicka JSON med Content-Type: application/json (fick ”${contentType || 'ingen'}”).`);
  }
}

/** JSON from a body's bytes; 400 saying where it breaks when it is malformed. */
export function parseJsonBytes(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw problems.badRequest(`Begärans JSON kunde inte läsas: ${(error as Error).message}.`);
  }
}

/** Parses a JSON body against a schema: 415 for another content type, 413 when too large, 400 when malformed. */
export async function readJsonBody<S extends z.ZodType>(request: HttpRequest, schema: S, maxBytes = MAX_JSON_BYTES): Promise<z.infer<S>> {
  requireJsonContent(request);
  const json = parseJsonBytes(await readBodyBytes(request, maxBytes));
  return parseInput(schema, json, 'Begärans innehåll har fel form.');
}

/** Parses route or query values, or a parsed body, against a schema; 400 saying which field is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, detail: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw problems.badRequest(detail, { 'invalid-params': invalidParams(result.error) });
  return result.data;
}

export function queryObject(request: HttpRequest): Record<string, string> {
  return Object.fromEntries(request.query.entries());
}
