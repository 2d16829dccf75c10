import { createHash } from 'node:crypto';
import {
  currentSubmissionsSchema,
  devTokenAnswerSchema,
  healthSchema,
  parseAnswer,
  problemSchema,
  roundAnswerSchema,
  submissionReceiptSchema,
  type AcceptBody,
  type BoardCode,
  type DevTokenBody,
  type FundsBody,
  type ReturnBody,
  type RoundAnswer,
  type FundsMovement,
  type SubmissionBody,
  type ReportKind,
  type TemplateKey,
  type Year,
} from '@samla/shared';
import { z } from 'zod';
import type { Role } from '@samla/shared';

/** A failure the demo explains in words and stops on. */
export class DemoError extends Error {}

/** The API's answer to a submission: the receipt (201) or the refusal (422) with its issues, per the shared contract. */
export type SubmissionAnswer =
  | { readonly status: 201; readonly replayed: boolean; readonly body: z.infer<typeof submissionReceiptSchema> }
  | { readonly status: 422; readonly replayed: boolean; readonly body: z.infer<typeof problemSchema> };

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
    let problem: { title?: string; detail?: string };
    try {
      problem = problemSchema.parse(JSON.parse(text));
    } catch {
      problem = { detail: text.slice(0, 200) };
    }
    throw new DemoError(`${what} misslyckades: ${response.status} ${problem.title ?? ''}${problem.detail ? ` – ${problem.detail}` : ''}`);
  }

  /** Checks that the API is up and its storage answers, and that dev sign-in is on. */
  async health(): Promise<void> {
    const response = await this.request('GET', 'health');
    const body = healthSchema.safeParse(await response.json().catch(() => undefined));
    if (!response.ok || !body.success || body.data.status !== 'ok') {
      const detail = body.success ? body.data.storage?.detail : undefined;
      throw new DemoError(`Samlas API på ${this.baseUrl} är inte friskt: ${detail ?? response.status}.`);
    }
  }

  async token(role: Role, board?: BoardCode, name?: string): Promise<string> {
    const claims: DevTokenBody = { role, ...(board ? { board } : {}), ...(name ? { name } : {}) };
    const response = await this.expectOk(await this.request('POST', 'dev/token', { json: claims }), 'Utvecklarinloggningen (SAMLA_AUTH=dev)');
    return parseAnswer(devTokenAnswerSchema, await response.json(), 'utvecklarinloggningen').token;
  }

  /**
   * Submits a board's rows. The Idempotency-Key is the content's own hash, so running the demo again on the
   * same storage replays the first answer instead of storing the same rows twice.
   */
  async submit(token: string, target: Omit<SubmissionBody, 'rows'>, rows: SubmissionBody['rows']): Promise<SubmissionAnswer> {
    const json: SubmissionBody = { ...target, rows };
    const key = `demo-${target.board}-${target.year}-${target.template}-${createHash('sha256').update(JSON.stringify(json)).digest('hex').slice(0, 24)}`;
    const response = await this.request('POST', 'submissions', { token, json, headers: { 'Idempotency-Key': key } });
    if (!response.ok && response.status !== 422) await this.expectOk(response, `Inskickningen för ${target.board} ${target.year} ${target.template}`);
    // 200: identical to the version already current, so nothing was stored again.
    const replayed = response.headers.get('idempotent-replayed') === 'true' || response.status === 200;
    const body: unknown = await response.json();
    return response.ok
      ? { status: 201, replayed, body: parseAnswer(submissionReceiptSchema, body, 'inskickningen') }
      : { status: 422, replayed, body: parseAnswer(problemSchema, body, 'inskickningens fel') };
  }

  async putFunds(token: string, year: Year, movements: readonly FundsMovement[]): Promise<void> {
    await this.expectOk(
      await this.request('PUT', `requisitions/${year}`, { token, json: { movements: [...movements] } satisfies FundsBody }),
      `Rekvisitionerna för ${year}`,
    );
  }

  async submissions(token: string, year: Year): Promise<z.infer<typeof currentSubmissionsSchema>> {
    const response = await this.expectOk(await this.request('GET', `submissions?year=${year}`, { token }), `Listan över inskickningar ${year}`);
    return parseAnswer(currentSubmissionsSchema, await response.json(), `listan över inskickningar ${year}`);
  }

  /** The reporting round of a year, as coordinators see it. */
  async round(token: string, year: Year): Promise<RoundAnswer> {
    const response = await this.expectOk(await this.request('GET', `rounds/${year}`, { token }), `Rundan ${year}`);
    return parseAnswer(roundAnswerSchema, await response.json(), `rundan ${year}`);
  }

  /** A coordinator's return or accept of a board's current version. */
  async decide(
    token: string,
    target: { board: string; year: Year; template: TemplateKey },
    action: 'return' | 'accept',
    body: ReturnBody | AcceptBody,
  ): Promise<void> {
    const route = `rounds/${target.year}/${target.board}/${target.template}/${action}`;
    await this.expectOk(
      await this.request('POST', route, { token, json: body }),
      `${action === 'return' ? 'Returen' : 'Godkännandet'} av ${target.board} ${target.year} ${target.template}`,
    );
  }

  async report(token: string, kind: ReportKind, year?: Year): Promise<Buffer> {
    const response = await this.expectOk(await this.request('GET', `reports/${kind}${year ? `?year=${year}` : ''}`, { token }), `Rapporten ${kind}`);
    return Buffer.from(await response.arrayBuffer());
  }
}
