import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../services';
import { isStorageUnavailable } from '../storage/table-errors';
import { quotable } from './body-decoding';
import { requestLanguage } from './language';
import { HttpProblem, problemResponse, problems } from './problem';
import type { Route } from './route';

export type SamlaHandler = (request: HttpRequest, services: Services, context: InvocationContext) => Promise<HttpResponseInit>;

function failure(error: unknown, context: InvocationContext): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (isStorageUnavailable(error)) {
    context.warn(JSON.stringify({ event: 'storage-unavailable', invocationId: context.invocationId, error: String((error as Error).message ?? error) }));
    return new HttpProblem(
      'storage-unavailable',
      {
        sv: 'Uppgifterna kunde inte läsas eller sparas just nu. Inget har ändrats; försök igen om en stund.',
        en: 'The data could not be read or stored just now. Nothing has changed; try again in a moment.',
      },
      {},
      { 'Retry-After': '5' },
    );
  }
  context.error(
    JSON.stringify({
      event: 'unexpected-error',
      invocationId: context.invocationId,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
  return new HttpProblem('internal-error', {
    sv: `Något gick fel på servern. Ange ärende-id ${context.invocationId} om du kontaktar support.`,
    en: `Something went wrong on the server. Give case id ${context.invocationId} if you contact support.`,
  });
}

/**
 * Refuses an address whose percent-encoding is malformed (`%ZZ`, a lone `%`, or bytes that are not UTF-8 such as
 * `%C3%28`), in the path or the query: RFC 3986 §2.1. The message quotes only the offending ASCII sequence.
 */
export function assertWellFormedAddress(url: string): void {
  const { pathname, search } = new URL(url);
  for (const part of [pathname, search]) {
    const malformed = /%(?![0-9A-Fa-f]{2})[^%]{0,2}/.exec(part)?.[0];
    let undecodable = malformed !== undefined;
    if (!undecodable) {
      try {
        decodeURIComponent(part);
      } catch {
        undecodable = true;
      }
    }
    if (undecodable) {
      const shown = malformed !== undefined ? ` (${quotable(malformed, 3)})` : '';
      throw problems.badRequest(
        {
          sv: `Adressen innehåller en felaktig procentkodning${shown}. Ett % ska följas av två hexadecimala siffror som tillsammans bildar UTF-8; skriv %25 för ett procenttecken.`,
          en: `The address holds a malformed percent-encoding${shown}. A % must be followed by two hexadecimal digits that together make UTF-8; write %25 for a percent sign.`,
        },
        { reason: 'malformed-percent-encoding' },
      );
    }
  }
}

/**
 * One route: the handler gets the app's services, every failure becomes a problem document (never a stack
 * trace), and every request is logged as one structured line with its invocation id.
 */
export function defineRoute(name: string, methods: HttpMethod[], route: string, handler: SamlaHandler): Route {
  return {
    name,
    methods,
    route,
    handler: async (request, context) => {
      const started = Date.now();
      let response: HttpResponseInit;
      try {
        assertWellFormedAddress(request.url);
        response = await handler(request, await getServices(), context);
      } catch (error) {
        response = problemResponse(failure(error, context), new URL(request.url).pathname, requestLanguage(request));
      }
      context.log(
        JSON.stringify({
          event: 'request',
          invocationId: context.invocationId,
          function: name,
          method: request.method,
          status: response.status ?? 200,
          ms: Date.now() - started,
        }),
      );
      return response;
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A file to download: `Content-Type` as given, `Content-Disposition: attachment` with an ASCII file name and its
 * UTF-8 form (RFC 6266 §4.3, RFC 8187) for browsers that read it, and never cached (a report is made per request).
 */
export function download(body: Buffer, fileName: string, contentType: string): HttpResponseInit {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/"/g, '');
  return {
    status: 200,
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'no-store',
    },
    body,
  };
}

/** A workbook to download (xlsx). */
export function workbook(body: Buffer, fileName: string): HttpResponseInit {
  return download(body, fileName, XLSX_CONTENT_TYPE);
}
