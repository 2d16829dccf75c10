import type ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalHost, type LocalHost } from '../../functions/src/dev-host/local-host';
import { startAzurite, type AzuriteTables } from './azurite';

import { devTokenAnswerSchema, parseAnswer, type BoardCode, type DevTokenBody, type Role } from '@samla/shared';

export type { Role };

export interface RunningSamla {
  /** The API's base URL, `http://127.0.0.1:PORT/api`. */
  readonly url: string;
  readonly azurite: AzuriteTables;
  /** A dev token for a role (and board, for staff), from the API's own dev sign-in. */
  token(role: Role, board?: string): Promise<string>;
  /** fetch against the API with JSON in and a bearer token. */
  call(method: string, route: string, options?: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Samla's API as it runs locally: a real Azurite on a free loopback port, the local functions host on another,
 * dev sign-in with a key in a temporary folder. Everything stops with `stop()`.
 */
export async function startSamlaApi(env: Record<string, string> = {}, log: (level: string, line: string) => void = () => undefined): Promise<RunningSamla> {
  const azurite = await startAzurite();
  const keyDir = mkdtempSync(path.join(tmpdir(), 'samla-dev-auth-'));
  let host: LocalHost;
  try {
    host = await startLocalHost({
      host: '127.0.0.1',
      port: 0,
      log,
      env: {
        SAMLA_AUTH: 'dev',
        SAMLA_DEV_AUTH_DIR: keyDir,
        SAMLA_STORAGE_CONNECTION_STRING: azurite.connectionString,
        SAMLA_TABLE_PREFIX: `T${process.pid}${Date.now() % 100000}`,
        ...env,
      },
    });
  } catch (error) {
    await azurite.stop();
    throw error;
  }
  const call: RunningSamla['call'] = (method, route, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: BodyInit | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] ??= 'application/json';
    }
    return fetch(`${host.url}/${route}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  };
  return {
    url: host.url,
    azurite,
    call,
    async token(role, board) {
      const claims: DevTokenBody = { role, ...(board ? { board: board as BoardCode } : {}) };
      const response = await call('POST', 'dev/token', { json: claims });
      if (!response.ok) throw new Error(`dev sign-in failed: ${response.status} ${await response.text()}`);
      return parseAnswer(devTokenAnswerSchema, await response.json(), 'dev token').token;
    },
    async stop() {
      await host.stop();
      await azurite.stop();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** The media type of an .xlsx workbook (ECMA-376), as staff's browsers send it. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Posts a workbook (an ExcelJS workbook, or a file's bytes) to `POST /api/submissions/file?<query>` as `token`, and
 * gives back the status and the JSON answer.
 */
export async function uploadWorkbook(
  api: RunningSamla,
  token: string,
  workbook: ExcelJS.Workbook | Buffer,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  // ExcelJS's declared Buffer predates Node's generic one.
  const bytes = Buffer.isBuffer(workbook) ? workbook : Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  const response = await api.call('POST', `submissions/file?${query}`, {
    token,
    body: new Uint8Array(bytes),
    headers: { 'Content-Type': XLSX_TYPE, ...headers },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
