import type { HttpResponseInit } from '@azure/functions';
import {
  DEFAULT_LANGUAGE,
  PROBLEM_TYPES,
  problemTitle,
  problemTypeUri,
  type Issue,
  type Language,
  pick,
  type Localized,
  type ProblemKind,
} from '@samla/shared';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The extension members Samla adds to a problem document. */
export interface ProblemExtensions {
  readonly errors?: readonly Issue[];
  readonly [member: string]: unknown;
}

/** A detail in every language Samla speaks: a bare string is refused by the type, so no detail is Swedish-only. */
export type ProblemDetail = Localized;

/** Extension members, or members worded per language (`invalid-params` reasons in the caller's language). */
export type ProblemExtensionsIn = ProblemExtensions | ((language: Language) => ProblemExtensions);

/**
 * A failure to answer with a problem document (RFC 9457). Handlers throw it; the route wrapper turns it into the
 * response. The kind (shared PROBLEM_TYPES) gives the status, the stable `type` and the title in the caller's language;
 * `detail` says what happened here.
 */
export class HttpProblem extends Error {
  readonly status: number;

  constructor(
    readonly kind: ProblemKind,
    readonly detail?: ProblemDetail,
    readonly extensions: ProblemExtensionsIn = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail?.sv ?? PROBLEM_TYPES[kind].title.sv);
    this.name = 'HttpProblem';
    this.status = PROBLEM_TYPES[kind].status;
  }

  /** The Swedish title (the one every log and older client knows). */
  get title(): string {
    return PROBLEM_TYPES[this.kind].title.sv;
  }

  /** The detail in a language. */
  detailIn(language: Language): string | undefined {
    return this.detail === undefined ? undefined : pick(this.detail, language);
  }

  /** The extension members in a language. */
  extensionsIn(language: Language): ProblemExtensions {
    return typeof this.extensions === 'function' ? this.extensions(language) : this.extensions;
  }
}

/** The problem document of a problem, worded in the caller's language. */
export function problemResponse(problem: HttpProblem, instance?: string, language: Language = DEFAULT_LANGUAGE): HttpResponseInit {
  const detail = problem.detailIn(language);
  const body = {
    type: problemTypeUri(problem.kind),
    title: problemTitle(problem.kind, language),
    status: problem.status,
    ...(detail ? { detail } : {}),
    ...(instance ? { instance } : {}),
    ...problem.extensionsIn(language),
  };
  return {
    status: problem.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Language': language, ...problem.headers },
    body: JSON.stringify(body),
  };
}

/** Shorthands for the kinds that need no more than a detail. */
export const problems = {
  badRequest: (detail: ProblemDetail, extensions?: ProblemExtensionsIn) => new HttpProblem('bad-request', detail, extensions),
  unauthorized: (detail: ProblemDetail) => new HttpProblem('sign-in-required', detail, {}, { 'WWW-Authenticate': 'Bearer realm="samla"' }),
  forbidden: (detail: ProblemDetail) => new HttpProblem('forbidden', detail),
  notFound: (detail: ProblemDetail) => new HttpProblem('not-found', detail),
  payloadTooLarge: (detail: ProblemDetail) => new HttpProblem('too-large', detail),
  unsupportedMediaType: (detail: ProblemDetail) => new HttpProblem('unsupported-media-type', detail),
  unprocessable: (detail: ProblemDetail, extensions?: ProblemExtensionsIn) => new HttpProblem('validation-failed', detail, extensions),
  unavailable: (detail: ProblemDetail) => new HttpProblem('service-unavailable', detail, {}, { 'Retry-After': '5' }),
};
