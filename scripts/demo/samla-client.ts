import { createHash } from 'node:crypto';
import type { FundsMovement, ReportKind, TemplateKey, Year } from '@samla/shared';
import type { Role } from '../../functions/src/auth/caller';

/** A failure the demo explains in words and stops on. */
export class DemoError extends Error {}

/** The API's answer to a submission: the receipt (201) or the refusal (422) with its issues. */
export interface SubmissionAnswer {
  readonly status: number;
  readonly replayed: boolean;
  readonly body: {
    version?: number;
    rows?: number;
    warnings?: unknown[];
    title?: string;
    detail?: string;
    errors?: { cell: string; message: string; severity: string }[];
  };
}

interface Problem {
  title?: string;
  detail?: string;
}

/** Samla's HTTP API as the demo uses it: the dev sign-in, submissions, requisitions and the reports. */
export class SamlaClient {
  constructor(readonly baseUrl: string) {}

  private async request(method: string, route: string, init: { token?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await fetch(`${this.baseUrl}/${route}`, { method, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      throw new DemoError(`Samlas API svarar inte på ${this.baseUrl}${cause}. Starta det först med "npm run start:api", eller ange adressen i SAMLA_API_URL.`);
    }
  }

  private async expectOk(response: Response, what: string): Promise<Response> {
    if (response.ok) return response;
    const text = await response.text();
    let problem: Problem = {};
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      problem = { detail: text.slice(0, 200) };
    }
    throw new DemoError(`${what} misslyckades: ${response.status} ${problem.title ?? ''}${problem.detail ? ` – ${problem.detail}` : ''}`);
  }

  /** Checks that the API is up and its storage answers, and that dev sign-in is on. */
  async health(): Promise<void> {
    const response = await this.request('GET', 'health');
    const body = (await response.json().catch(() => ({}))) as { status?: string; storage?: { detail?: string } };
    if (!response.ok || body.status !== 'ok') throw new DemoError(`Samlas API på ${this.baseUrl} är inte friskt: ${body.storage?.detail ?? response.status}.`);
  }

  async token(role: Role, board?: string, name?: string): Promise<string> {
    const response = await this.expectOk(
      await this.request('POST', 'dev/token', { json: { role, ...(board ? { board } : {}), ...(name ? { name } : {}) } }),
      'Utvecklarinloggningen (SAMLA_AUTH=dev)',
    );
    return ((await response.json()) as { token: string }).token;
  }

  /**
   * Submits a board's rows. The Idempotency-Key is the content's own hash, so running the demo again on the
   * same storage replays the first answer instead of storing the same rows twice.
   */
  async submit(token: string, target: { board: string; year: Year; template: TemplateKey }, rows: readonly unknown[]): Promise<SubmissionAnswer> {
    const json = { ...target, rows };
    const key = `demo-${target.board}-${target.year}-${target.template}-${createHash('sha256').update(JSON.stringify(json)).digest('hex').slice(0, 24)}`;
    const response = await this.request('POST', 'submissions', { token, json, headers: { 'Idempotency-Key': key } });
    if (response.status !== 201 && response.status !== 422)
      await this.expectOk(response, `Inskickningen för ${target.board} ${target.year} ${target.template}`);
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed') === 'true',
      body: (await response.json()) as SubmissionAnswer['body'],
    };
  }

  async putFunds(token: string, year: Year, movements: readonly FundsMovement[]): Promise<void> {
    await this.expectOk(await this.request('PUT', `requisitions/${year}`, { token, json: { movements } }), `Rekvisitionerna för ${year}`);
  }

  async submissions(
    token: string,
    year: Year,
  ): Promise<{ submissions: { board: string; template: TemplateKey; version: number; rowCount: number }[]; boardsWithoutSubmission: string[] }> {
    const response = await this.expectOk(await this.request('GET', `submissions?year=${year}`, { token }), `Listan över inskickningar ${year}`);
    return (await response.json()) as Awaited<ReturnType<SamlaClient['submissions']>>;
  }

  async report(token: string, kind: ReportKind, year?: Year): Promise<Buffer> {
    const response = await this.expectOk(await this.request('GET', `reports/${kind}${year ? `?year=${year}` : ''}`, { token }), `Rapporten ${kind}`);
    return Buffer.from(await response.arrayBuffer());
  }
}
