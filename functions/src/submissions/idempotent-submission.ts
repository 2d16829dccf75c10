import { createHash } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Caller } from '../auth/caller';
import { HttpProblem, problemResponse, problems } from '../http/problem';
import { requestLanguage } from '../http/language';
import { declaredCharset } from '../http/body-decoding';
import { MAX_JSON_BYTES, parseJsonBytes, readBodyBytes, requireJsonContent } from '../http/request-body';
import type { Services } from '../services';

/** A request body, read once: its bytes, and its JSON on demand. */
export interface RequestBody {
  readonly bytes: Buffer;
  json(): unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

function bodyOf(bytes: Buffer, contentType: string | null): RequestBody {
  // Rows' numbers keep their spelling when a double can't hold it, so that messages quote what was sent.
  return { bytes, json: () => parseJsonBytes(bytes, contentType, { writtenNumbers: true }) };
}

function responseHeaders(response: HttpResponseInit): Record<string, string> {
  const headers = response.headers;
  if (!headers || Array.isArray(headers) || headers instanceof Headers) return {};
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}

/** What a completed request answered, kept so that a replay answers the same. */
function remembered(response: HttpResponseInit): { status: number; headers: Record<string, string>; body: string } {
  return { status: response.status ?? 200, headers: responseHeaders(response), body: typeof response.body === 'string' ? response.body : '' };
}

/**
 * Runs a submission at most once per `Idempotency-Key` and caller: a replay of the same request gets the first
 * answer and stores nothing; the same key with other content is refused (422); a replay while the first is still
 * running gets 409. Without the header the request simply runs.
 */
export async function withIdempotency(
  request: HttpRequest,
  services: Services,
  caller: Caller,
  scope: string,
  run: (body: RequestBody) => Promise<HttpResponseInit>,
  options: { json?: boolean; maxBytes?: number; requestTag?: string } = {},
): Promise<HttpResponseInit> {
  if (options.json !== false) requireJsonContent(request);
  const bytes = await readBodyBytes(request, options.maxBytes ?? MAX_JSON_BYTES);
  const contentType = request.headers.get('content-type');
  const key = request.headers.get('idempotency-key');
  if (key === null) return run(bodyOf(bytes, contentType));
  if (!KEY_PATTERN.test(key))
    throw problems.badRequest({ sv: 'Idempotency-Key ska vara 1–200 synliga ASCII-tecken.', en: 'Idempotency-Key must be 1–200 visible ASCII characters.' });
  const requestHash = createHash('sha256')
    .update(options.requestTag ?? '')
    .update('\n')
    .update(declaredCharset(contentType) ?? 'utf-8')
    .update('\n')
    .update(bytes)
    .digest('hex');
  const claimScope = `${caller.id}|${scope}`;
  const claim = await services.idempotency.claim(claimScope, key, requestHash);
  if (claim.state === 'completed' || claim.state === 'in-flight') {
    if (claim.requestHash !== requestHash) {
      throw new HttpProblem('idempotency-key-reused', {
        sv: 'Idempotency-Key har redan använts för en annan begäran. Använd en ny nyckel för nytt innehåll.',
        en: 'The Idempotency-Key was already used for another request. Use a new key for new content.',
      });
    }
    if (claim.state === 'in-flight')
      throw new HttpProblem('idempotency-in-flight', {
        sv: 'En begäran med samma Idempotency-Key behandlas fortfarande. Försök igen om en stund.',
        en: 'A request with the same Idempotency-Key is still being processed. Try again in a moment.',
      });
    return { status: claim.response.status, headers: { ...claim.response.headers, 'Idempotent-Replayed': 'true' }, body: claim.response.body };
  }
  let response: HttpResponseInit;
  try {
    response = await run(bodyOf(bytes, contentType));
  } catch (error) {
    // A refusal of the content is the answer to remember; a failure of the world is not: release for a retry.
    if (error instanceof HttpProblem && error.status < 500 && error.status !== 409) {
      const answer = problemResponse(error, new URL(request.url).pathname, requestLanguage(request));
      await services.idempotency.complete(claimScope, key, remembered(answer));
      return answer;
    }
    // Not awaited: when storage stalls, the answer (a 503) must not wait for a second storage call to time out.
    void services.idempotency.release(claimScope, key).catch(() => undefined);
    throw error;
  }
  await services.idempotency.complete(claimScope, key, remembered(response));
  return response;
}
