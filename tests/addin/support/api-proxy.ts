import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to the next request whose `METHOD path` matches, once:
 * - `drop-request`: the socket is cut before the request reaches the API (the API never sees it);
 * - `drop-answer`: the API answers in full, then the socket is cut before the answer reaches the caller;
 * - `hold`: no answer at all until the test releases it or the proxy stops (a hung server);
 * - `missing`: a 404 problem document, as a server without that route answers.
 */
export type ProxyFault = 'drop-request' | 'drop-answer' | 'hold' | 'missing';

export interface ProxiedRequest {
  /** `METHOD /api/path`, without the query. */
  readonly line: string;
  readonly key?: string;
  /** The JSON body, parsed; undefined for a request without one. */
  readonly body?: unknown;
  /** What the proxy did with it: passed on, or the fault it played. */
  readonly outcome: 'passed' | ProxyFault;
}

export interface ApiProxy {
  /** The proxy's origin, e.g. `http://127.0.0.1:41234`; give it to the pane server instead of the API's. */
  readonly url: string;
  /** The API's origin every passed request goes to; may be switched to another running API. */
  target: string;
  /** Every request, in order. */
  readonly requests: ProxiedRequest[];
  /** Plays `fault` on the next request whose `METHOD path` matches `line`, once. */
  fail(line: RegExp, fault: ProxyFault): void;
  /** Answers every held request from the API, as a server that was slow but not dead would. */
  release(): void;
  stop(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parsedJson(bytes: Buffer, type: string | undefined): unknown {
  if (bytes.length === 0 || !/json/.test(type ?? '')) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The request sent on to the API as it came; resolves with the API's whole answer. */
function forward(target: string, incoming: IncomingMessage, bytes: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(incoming.url ?? '/', target);
    const outgoing = httpRequest(url, { method: incoming.method, headers: { ...incoming.headers, host: url.host } }, (answer) => {
      bodyOf(answer).then((body) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body }), reject);
    });
    outgoing.on('error', reject);
    outgoing.end(bytes);
  });
}

/**
 * A small HTTP proxy in front of the real API (test support): passes every request on unchanged and records it, and
 * on demand cuts a connection, loses an answer, hangs, or plays a missing route, once per `fail` call. The pane's dev
 * server proxies /api to it, so the pane sees what a flaky network between it and the functions would give.
 */
export async function startApiProxy(target: string): Promise<ApiProxy> {
  const faults: { line: RegExp; fault: ProxyFault }[] = [];
  const held: (() => void)[] = [];
  const requests: ProxiedRequest[] = [];

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const line = `${incoming.method} ${new URL(incoming.url ?? '/', 'http://proxy').pathname}`;
    const bytes = await bodyOf(incoming);
    const at = faults.findIndex((candidate) => candidate.line.test(line));
    const fault = at >= 0 ? faults.splice(at, 1)[0]?.fault : undefined;
    const key = incoming.headers['idempotency-key'];
    const body = parsedJson(bytes, incoming.headers['content-type']);
    requests.push({ line, ...(typeof key === 'string' ? { key } : {}), ...(body !== undefined ? { body } : {}), outcome: fault ?? 'passed' });
    if (fault === 'drop-request') {
      incoming.socket.destroy();
      return;
    }
    if (fault === 'missing') {
      outgoing.writeHead(404, { 'Content-Type': 'application/problem+json' });
      outgoing.end(JSON.stringify({ title: `Det finns ingen funktion på ${line.split(' ')[1]}.`, status: 404 }));
      return;
    }
    if (fault === 'hold') await new Promise<void>((resolve) => held.push(resolve));
    if (incoming.socket.destroyed) return;
    const answer = await forward(proxy.target, incoming, bytes);
    if (fault === 'drop-answer') {
      incoming.socket.destroy();
      return;
    }
    outgoing.writeHead(answer.status, answer.headers);
    outgoing.end(answer.body);
  }

  const server: Server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch(() => incoming.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: ApiProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    target,
    requests,
    fail: (line, fault) => void faults.push({ line, fault }),
    release: () => held.splice(0).forEach((resolve) => resolve()),
    stop: () =>
      new Promise<void>((resolve) => {
        held.splice(0).forEach((resolve) => resolve());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
