import type { HttpResponseInit } from '@azure/functions';
import type { Issue } from '@samla/shared';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The extension members Samla adds to a problem document. */
export interface ProblemExtensions {
  readonly errors?: readonly Issue[];
  readonly [member: string]: unknown;
}

/**
 * A failure to answer with a problem document (RFC 9457). Handlers throw it; the route wrapper turns it into
 * the response. `title` is Swedish, short and the same for every occurrence; `detail` says what happened here.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: ProblemExtensions = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

const TYPE_BASE = 'https://samla.lansstyrelsen.se/problem/';

function problemType(status: number): string {
  return `${TYPE_BASE}${status}`;
}

export function problemResponse(problem: HttpProblem, instance?: string): HttpResponseInit {
  const body = {
    type: problemType(problem.status),
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(instance ? { instance } : {}),
    ...problem.extensions,
  };
  return {
    status: problem.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...problem.headers },
    body: JSON.stringify(body),
  };
}

export const problems = {
  badRequest: (detail: string, extensions?: ProblemExtensions) => new HttpProblem(400, 'Felaktig begäran', detail, extensions),
  unauthorized: (detail: string) => new HttpProblem(401, 'Inloggning krävs', detail, {}, { 'WWW-Authenticate': 'Bearer realm="samla"' }),
  forbidden: (detail: string) => new HttpProblem(403, 'Åtkomst nekad', detail),
  notFound: (detail: string) => new HttpProblem(404, 'Hittades inte', detail),
  conflict: (detail: string, extensions?: ProblemExtensions) => new HttpProblem(409, 'Konflikt', detail, extensions),
  payloadTooLarge: (detail: string) => new HttpProblem(413, 'För stor begäran', detail),
  unsupportedMediaType: (detail: string) => new HttpProblem(415, 'Fel innehållstyp', detail),
  unprocessable: (detail: string, extensions?: ProblemExtensions) => new HttpProblem(422, 'Uppgifterna innehåller fel', detail, extensions),
  unavailable: (detail: string) => new HttpProblem(503, 'Tjänsten är inte tillgänglig', detail, {}, { 'Retry-After': '5' }),
};
