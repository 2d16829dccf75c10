import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit, type LogLevel } from '@azure/functions';
import { assertWellFormedAddress } from '../http/define-route';
import { HttpProblem, problemResponse } from '../http/problem';
import { languageOf } from '../http/language';
import { ROUTES } from '../routes';
import { resetServices } from '../services';
import { routeMatcher } from './route-matcher';

/** The most the development host reads of one request; Azure's own limit is 100 MB. */
const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

/** The function app's root (where host.json is), from the sources or from the build. */
function functionsRoot(): string {
  for (let folder = __dirname; folder !== path.dirname(folder); folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'host.json'))) return folder;
  }
  return process.cwd();
}

export interface LocalHostOptions {
  readonly host?: string;
  readonly port?: number;
  /** Settings for the functions, as `local.settings.json`'s Values would give them; applied to process.env. */
  readonly env?: Readonly<Record<string, string>>;
  /** Where log lines go; the console by default. */
  readonly log?: (level: LogLevel, line: string) => void;
}

export interface LocalHost {
  /** The API's base URL, e.g. `http://127.0.0.1:7071/api`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The route prefix from host.json, as the Functions host reads it. */
function routePrefix(): string {
  try {
    const hostJson = JSON.parse(readFileSync(path.join(functionsRoot(), 'host.json'), 'utf8')) as { extensions?: { http?: { routePrefix?: string } } };
    return hostJson.extensions?.http?.routePrefix ?? 'api';
  } catch {
    return 'api';
  }
}

function readRequestBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new HttpProblem('too-large', { sv: 'Begäran är större än 100 MB.', en: 'The request is larger than 100 MB.' }));
        incoming.destroy();
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

/** The request's address; a Host header that is no host name does not make it unreadable. */
function requestUrl(incoming: IncomingMessage): URL {
  try {
    return new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
  } catch {
    return new URL(incoming.url ?? '/', 'http://127.0.0.1');
  }
}

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function send(outgoing: ServerResponse, init: HttpResponseInit): Promise<void> {
  const response = new HttpResponse(init);
  const body = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, name) => outgoing.setHeader(name, value));
  outgoing.statusCode = response.status;
  outgoing.setHeader('Content-Length', body.length);
  outgoing.end(body);
}

function consoleLog(level: LogLevel, line: string): void {
  (level === 'error' ? console.error : level === 'warning' ? console.warn : console.log)(line);
}

/**
 * A development host for machines without Azure Functions Core Tools: serves exactly `ROUTES`, the very handlers
 * and route templates that `index.ts` registers with `app.http`, under host.json's route prefix. Never a second
 * implementation: it only turns Node's HTTP into `HttpRequest` and `InvocationContext` and back.
 */
export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  if (options.env) {
    Object.assign(process.env, options.env);
    resetServices();
  }
  const prefix = routePrefix();
  const match = routeMatcher(ROUTES);
  const log = options.log ?? consoleLog;
  const server = createServer((incoming, outgoing) => {
    let language = languageOf(undefined, incoming.headers['accept-language']);
    void (async () => {
      const url = requestUrl(incoming);
      language = languageOf(url.searchParams.get('lang'), incoming.headers['accept-language']);
      // As the Functions host does: an address it can't decode is refused before any route sees it.
      assertWellFormedAddress(url.toString());
      const relative = url.pathname.startsWith(`/${prefix}/`) ? url.pathname.slice(prefix.length + 2) : undefined;
      const found = relative === undefined ? undefined : match(incoming.method ?? 'GET', relative);
      if (found === undefined || found === 'method-not-allowed') {
        const problem = found
          ? new HttpProblem('method-not-allowed', {
              sv: `${incoming.method} stöds inte för ${url.pathname}.`,
              en: `${incoming.method} is not supported for ${url.pathname}.`,
            })
          : new HttpProblem('not-found', { sv: `Det finns ingen funktion på ${url.pathname}.`, en: `There is no function at ${url.pathname}.` });
        await send(outgoing, problemResponse(problem, url.pathname, language));
        return;
      }
      const bytes = await readRequestBody(incoming);
      const request = new HttpRequest({
        method: incoming.method ?? 'GET',
        url: url.toString(),
        headers: headersOf(incoming),
        params: found.params,
        ...(bytes.length > 0 ? { body: { bytes } } : {}),
      });
      const context = new InvocationContext({
        invocationId: randomUUID(),
        functionName: found.route.name,
        logHandler: (level, ...args) => log(level, args.map(String).join(' ')),
      });
      await send(outgoing, await found.route.handler(request, context));
    })().catch(async (error: unknown) => {
      const problem =
        error instanceof HttpProblem
          ? error
          : new HttpProblem('internal-error', { sv: 'Utvecklingsvärden kunde inte besvara anropet.', en: 'The development host could not answer the call.' });
      if (!(error instanceof HttpProblem))
        log('error', JSON.stringify({ event: 'dev-host-error', error: error instanceof Error ? error.message : String(error) }));
      if (!outgoing.headersSent) await send(outgoing, problemResponse(problem, undefined, language)).catch(() => outgoing.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7071, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/${prefix}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
