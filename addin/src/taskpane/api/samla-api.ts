import {
  devTokenAnswerSchema,
  initiativeAnswerSchema,
  initiativeSettingsSchema,
  meSchema,
  parseAnswer,
  problemSchema,
  reportFileName,
  roundAnswerSchema,
  sheetsReceiptSchema,
  submissionHistorySchema,
  submissionReceiptSchema,
  versionAnswerSchema,
  yearFundsAnswerSchema,
  type AcceptBody,
  type BoardCode,
  type DevTokenBody,
  type FundsBody,
  type FundsMovement,
  type InitiativeSettings,
  type Issue,
  type Language,
  type Me,
  type Problem,
  type ReopenBody,
  type ReportKind,
  type ReturnBody,
  type Role,
  type RoundAnswer,
  type SheetsBodyInput,
  type SubmissionBody,
  type SubmissionReceiptAnswer,
  type SubmissionVersionAnswer,
  type TemplateKey,
  type Year,
} from '@samla/shared';
import type { z } from 'zod';

export type { Me, Problem, Role, RoundAnswer, SubmissionVersionAnswer };

/** An issue as the server words it, at the template's canonical layout (row n of `rows` is sheet row n + 1). */
export type ServerIssue = Issue;

/** One template's rows (`POST /api/submissions`), as the shared request schema has it. */
export type { SubmissionBody };

/** The server's receipt for a stored submission (the shared contract's shape). */
export type StoredSubmission = SubmissionReceiptAnswer;

/** The server answered with an error; `problem` says what, in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.title);
    this.name = 'ApiError';
  }
}

/** The server did not answer within the request's time limit (`ms`, milliseconds). */
export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`No answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** The user cancelled the request (the pane's Avbryt button). */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

/** A report as the server sends it: the workbook and the file name it gave it. */
export interface ReportFile {
  readonly bytes: ArrayBuffer;
  readonly fileName: string;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** How long the pane waits for an answer before it says so, in milliseconds: ordinary calls, and workbook downloads. */
export const REQUEST_TIMEOUT_MS = 30_000;
export const REPORT_TIMEOUT_MS = 180_000;

/** Per-call options: a cancel signal (the pane's Avbryt button) and the time limit in milliseconds. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** Both templates in one request (`POST /api/submissions` with `sheets`): stored both, or neither. */
export type SheetsBody = SheetsBodyInput;

/** The initiative as the server holds it: its settings, and the day each year's data is due. */
export interface InitiativeAnswer {
  readonly settings: InitiativeSettings;
  readonly dueDates: readonly { readonly year: Year; readonly due: string }[];
}

export type VersionAnswer = z.infer<typeof versionAnswerSchema>;
export type SheetsReceipt = z.infer<typeof sheetsReceiptSchema>;
export type YearFundsAnswer = z.infer<typeof yearFundsAnswerSchema>;

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON (a proxy's error page, say): fall through to the status line.
  }
  return { title: `${response.status} ${response.statusText}`.trim(), ...(text && text.length < 300 ? { detail: text } : {}) };
}

/** Samla's HTTP API as the pane uses it. Every failure is an `ApiError` or a `NetworkError`. */
export class SamlaApi {
  constructor(
    private readonly base: string,
    /** Called before every request: a sign-in that renews its token silently answers here. */
    private readonly token: () => string | undefined | Promise<string | undefined>,
    private readonly language: () => Language,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {}

  /**
   * One request with a time limit and an optional cancel signal. A hung server becomes a `TimeoutError`, a press
   * on Avbryt a `CancelledError`; the body is read inside the same limit by the callers below.
   */
  private async call(path: string, init: RequestInit = {}, options: CallOptions = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = await this.token();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept-Language', this.language());
    const ms = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(ms);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetcher(`${this.base}${path}`, { ...init, headers, signal });
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError();
      if (timeout.aborted) throw new TimeoutError(ms);
      throw new NetworkError(error);
    }
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    return response;
  }

  /** The answer parsed against the shared contract: a shape the pane does not know is an error, never a cast. */
  private async json<S extends z.ZodType>(schema: S, what: string, path: string, init: RequestInit = {}, options: CallOptions = {}): Promise<z.infer<S>> {
    const response = await this.call(path, init, options);
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError();
      throw new NetworkError(error);
    }
    return parseAnswer(schema, body, what);
  }

  private send<S extends z.ZodType>(schema: S, what: string, method: string, path: string, body: unknown, options: CallOptions = {}, idempotencyKey?: string) {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    return this.json(schema, what, path, { method, body: JSON.stringify(body), headers }, options);
  }

  async devToken(role: Role, board?: BoardCode): Promise<string> {
    const claims: DevTokenBody = board ? { role, board } : { role };
    const body = JSON.stringify(claims);
    const answer = await this.json(devTokenAnswerSchema, 'inloggning', '/dev/token', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    return answer.token;
  }

  me(options?: CallOptions): Promise<Me> {
    return this.json(meSchema, 'vem du är', '/me', {}, options);
  }

  /** `GET /api/initiative`: the settings checked in full by the shared settings schema. */
  async initiative(options?: CallOptions): Promise<InitiativeAnswer> {
    const answer = await this.json(initiativeAnswerSchema, 'initiativet', '/initiative', {}, options);
    return { settings: parseAnswer(initiativeSettingsSchema, answer.settings, 'initiativets inställningar'), dueDates: answer.dueDates };
  }

  submit(body: SubmissionBody, idempotencyKey: string, options?: CallOptions): Promise<StoredSubmission> {
    return this.send(submissionReceiptSchema, 'inskickning', 'POST', '/submissions', body, options, idempotencyKey);
  }

  /** Both templates as one step; the same `idempotencyKey` on a retry replays the first answer instead of storing twice. */
  submitSheets(body: SheetsBody, idempotencyKey: string, options?: CallOptions): Promise<SheetsReceipt> {
    return this.send(sheetsReceiptSchema, 'inskickning', 'POST', '/submissions', body, options, idempotencyKey);
  }

  async history(board: BoardCode, year: Year, template: TemplateKey, options?: CallOptions): Promise<SubmissionVersionAnswer[]> {
    const answer = await this.json(submissionHistorySchema, 'historik', `/submissions/${encodeURIComponent(board)}/${year}/${template}`, {}, options);
    return answer.versions;
  }

  /** One stored version: its rows (keys as in the template definition), its warnings and the round's events. */
  version(board: BoardCode, year: Year, template: TemplateKey, version: number, options?: CallOptions): Promise<VersionAnswer> {
    return this.json(versionAnswerSchema, 'versionen', `/submissions/${encodeURIComponent(board)}/${year}/${template}/${version}`, {}, options);
  }

  /** `GET /api/rounds/{year}`: the round per board and template (staff: their own board). */
  round(year: Year, options?: CallOptions): Promise<RoundAnswer> {
    return this.json(roundAnswerSchema, 'inrapporteringen', `/rounds/${year}`, {}, options);
  }

  /** A coordinator returns the current version for correction, with a comment and optional comments on cells. */
  returnVersion(year: Year, board: BoardCode, template: TemplateKey, body: ReturnBody, options?: CallOptions) {
    return this.roundAction(year, board, template, 'return', body, options);
  }

  acceptVersion(year: Year, board: BoardCode, template: TemplateKey, version: number, options?: CallOptions) {
    const body: AcceptBody = { version };
    return this.roundAction(year, board, template, 'accept', body, options);
  }

  reopen(year: Year, board: BoardCode, template: TemplateKey, comment: string | undefined, options?: CallOptions) {
    const body: ReopenBody = comment ? { comment } : {};
    return this.roundAction(year, board, template, 'reopen', body, options);
  }

  private async roundAction(
    year: Year,
    board: BoardCode,
    template: TemplateKey,
    action: 'return' | 'accept' | 'reopen',
    body: ReturnBody | AcceptBody | ReopenBody,
    options?: CallOptions,
  ) {
    await this.call(
      `/rounds/${year}/${encodeURIComponent(board)}/${template}/${action}`,
      { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
      options,
    );
  }

  /** `GET /api/requisitions/{year}`: finance's requisitions and repayments for the year. */
  funds(year: Year, options?: CallOptions): Promise<YearFundsAnswer> {
    return this.json(yearFundsAnswerSchema, 'rekvisitioner', `/requisitions/${year}`, {}, options);
  }

  /** `PUT /api/requisitions/{year}`: the year's whole list replaces the stored one (every revision is kept). */
  saveFunds(year: Year, movements: readonly FundsMovement[], options?: CallOptions): Promise<YearFundsAnswer> {
    const body: FundsBody = { movements: [...movements] };
    return this.send(yearFundsAnswerSchema, 'rekvisitioner', 'PUT', `/requisitions/${year}`, body, options);
  }

  /** A consolidated workbook, or with `format: 'docx'` (status and final) the draft report to the ministry in Word. */
  async report(kind: ReportKind, year: Year, options: CallOptions & { readonly format?: 'xlsx' | 'docx' } = {}): Promise<ReportFile> {
    const { format, ...callOptions } = options;
    const query = format === 'docx' ? `?year=${year}&format=docx` : `?year=${year}`;
    const response = await this.call(`/reports/${kind}${query}`, {}, { timeoutMs: REPORT_TIMEOUT_MS, ...callOptions });
    // A cross-origin API shows Content-Disposition only if it exposes it; Excel ignores the name anyway.
    const fileName = attachmentFileName(response.headers.get('Content-Disposition')) ?? reportFileName(kind, [year]);
    return { bytes: await response.arrayBuffer(), fileName };
  }
}

/** The file name of a `Content-Disposition: attachment` header: its UTF-8 `filename*` if given, else `filename`. */
export function attachmentFileName(header: string | null): string | undefined {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '')?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed escape: the plain filename below says the same in ASCII.
    }
  }
  return /filename="([^"]*)"/i.exec(header ?? '')?.[1] || undefined;
}

/** A file's bytes as base64, as `Excel.createWorkbook` wants them. */
export function base64FromBytes(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let index = 0; index < view.length; index += 0x8000) binary += String.fromCharCode(...view.subarray(index, index + 0x8000));
  return btoa(binary);
}
