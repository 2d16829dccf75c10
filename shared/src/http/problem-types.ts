import { pick, type Language, type Localized } from '../i18n/localized';

interface ProblemTypeDefinition {
  /** The HTTP status the problem is answered with. */
  readonly status: number;
  /** The short, fixed title (RFC 9457 §3.1.4: the same for every occurrence of the type). */
  readonly title: Localized;
}

function define(status: number, sv: string, en: string): ProblemTypeDefinition {
  return { status, title: { sv, en } };
}

/**
 * Every kind of problem Samla answers with, by a stable key: one place, so that a client can tell a locked year from a
 * concurrent submission or an idempotency key in flight (all three are 409s). The problem document's `type` is
 * `problemTypeUri(key)` (RFC 9457 §3.1.1); `title` is the kind's title in the caller's language.
 */
export const PROBLEM_TYPES = {
  'bad-request': define(400, 'Felaktig begäran', 'Bad request'),
  'malformed-json': define(400, 'Begärans JSON kunde inte läsas', 'The request JSON could not be read'),
  'not-utf-8': define(400, 'Begäran är inte UTF-8', 'The request is not UTF-8'),
  'malformed-address': define(400, 'Felaktig adress', 'Malformed address'),
  'invalid-comment': define(400, 'Felaktig kommentar', 'Invalid comment'),
  'sign-in-required': define(401, 'Inloggning krävs', 'Sign-in required'),
  forbidden: define(403, 'Åtkomst nekad', 'Access denied'),
  'not-found': define(404, 'Hittades inte', 'Not found'),
  'method-not-allowed': define(405, 'Metoden stöds inte', 'Method not allowed'),
  'locked-year': define(409, 'Året är låst', 'The year is locked'),
  'not-locked': define(409, 'Året är inte låst', 'The year is not locked'),
  'round-accepted': define(409, 'Inlämningen är godkänd', 'The submission is accepted'),
  'round-changed': define(409, 'Läget ändrades under tiden', 'The round changed meanwhile'),
  'round-not-closed': define(409, 'Inget att öppna', 'Nothing to reopen'),
  'nothing-submitted': define(409, 'Inget är inskickat', 'Nothing is submitted'),
  'not-current-version': define(409, 'Inte den aktuella versionen', 'Not the current version'),
  'concurrent-submission': define(409, 'En annan inskickning sparades samtidigt', 'Another submission was stored at the same time'),
  'idempotency-in-flight': define(409, 'Begäran behandlas redan', 'The request is already being processed'),
  'too-large': define(413, 'För stor begäran', 'Request too large'),
  'unsupported-media-type': define(415, 'Fel innehållstyp', 'Unsupported content type'),
  'validation-failed': define(422, 'Uppgifterna innehåller fel', 'The data contain errors'),
  'empty-template': define(422, 'Mallen är tom', 'The template is empty'),
  'idempotency-key-reused': define(422, 'Idempotency-Key redan använd', 'Idempotency-Key already used'),
  'cell-comment-outside-template': define(422, 'Kommentaren pekar utanför mallen', 'The comment points outside the template'),
  'comments-too-long': define(422, 'För långa kommentarer', 'Comments too long'),
  'upload-refused': define(422, 'Filen kunde inte läsas', 'The file could not be read'),
  'template-version-unsupported': define(422, 'Mallens version kan inte läsas', "The template's version can't be read"),
  'foreign-sheet': define(422, 'Bladet är inte Samlas mall', "The sheet is not Samla's template"),
  'duplicate-template-sheet': define(422, 'Två blad är samma mall', 'Two sheets are the same template'),
  'other-board-or-year': define(422, 'Filen är mallen för ett annat län eller år', 'The file is the template of another county or year'),
  'internal-error': define(500, 'Internt fel', 'Internal error'),
  'storage-unavailable': define(503, 'Lagringen svarar inte', 'Storage does not answer'),
  'not-configured': define(503, 'Tjänsten är inte konfigurerad', 'The service is not configured'),
  'service-unavailable': define(503, 'Tjänsten är inte tillgänglig', 'The service is unavailable'),
} as const satisfies Record<string, ProblemTypeDefinition>;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

const TYPE_BASE = 'https://samla.lansstyrelsen.se/problem/';

/** The problem document's `type` for a kind: a stable URI (it need not resolve; RFC 9457 §3.1.1). */
export function problemTypeUri(kind: ProblemKind): string {
  return `${TYPE_BASE}${kind}`;
}

/** The kind a problem document's `type` names, or undefined for one Samla does not know. */
export function problemKindOf(type: string | undefined): ProblemKind | undefined {
  if (!type?.startsWith(TYPE_BASE)) return undefined;
  const key = type.slice(TYPE_BASE.length);
  return key in PROBLEM_TYPES ? (key as ProblemKind) : undefined;
}

/** A kind's title in a language. */
export function problemTitle(kind: ProblemKind, language: Language): string {
  return pick(PROBLEM_TYPES[kind].title, language);
}
