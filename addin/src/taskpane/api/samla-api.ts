import {
  devTokenAnswerSchema,
  meSchema,
  parseAnswer,
  problemSchema,
  reportFileName,
  submissionHistorySchema,
  submissionReceiptSchema,
  type BoardCode,
  type Issue,
  type Language,
  type Me,
  type Problem,
  type ReportKind,
  type Role,
  type SubmissionReceiptAnswer,
  type SubmissionVersionAnswer,
  type TemplateKey,
  type TypedValue,
  type Year,
} from '@samla/shared';
import type { z } from 'zod';

export type { Me, Problem, Role };

/** An issue as the server words it, at the template's canonical layout (row n of `rows` is sheet row n + 1). */
export type ServerIssue = Issue;

export interface SubmissionBody {
  readonly board: BoardCode;
  readonly year: Year;
  readonly template: TemplateKey;
  readonly rows: readonly Readonly<Record<string, TypedValue | undefined>>[];
}

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

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = await this.token();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept-Language', this.language());
    let response: Response;
    try {
      response = await this.fetcher(`${this.base}${path}`, { ...init, headers });
    } catch (error) {
      throw new NetworkError(error);
    }
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    return response;
  }

  /** The answer parsed against the shared contract: a shape the pane does not know is an error, never a cast. */
  private async json<S extends z.ZodType>(schema: S, what: string, path: string, init: RequestInit = {}): Promise<z.infer<S>> {
    const response = await this.call(path, init);
    return parseAnswer(schema, await response.json(), what);
  }

  async devToken(role: Role, board?: BoardCode): Promise<string> {
    const body = JSON.stringify(board ? { role, board } : { role });
    const answer = await this.json(devTokenAnswerSchema, 'inloggning', '/dev/token', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    return answer.token;
  }

  me(): Promise<Me> {
    return this.json(meSchema, 'vem du är', '/me');
  }

  submit(body: SubmissionBody, idempotencyKey: string): Promise<StoredSubmission> {
    return this.json(submissionReceiptSchema, 'inskickning', '/submissions', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    });
  }

  async history(board: BoardCode, year: Year, template: TemplateKey): Promise<SubmissionVersionAnswer[]> {
    const answer = await this.json(submissionHistorySchema, 'historik', `/submissions/${encodeURIComponent(board)}/${year}/${template}`);
    return answer.versions;
  }

  async report(kind: ReportKind, year: Year): Promise<ReportFile> {
    const response = await this.call(`/reports/${kind}?year=${year}`);
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
