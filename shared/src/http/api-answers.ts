import { z } from 'zod';
import { BOARD_CODES, type BoardCode } from '../reference/boards';
import { ROLES } from '../reference/roles';
import { TEMPLATE_KEYS } from '../templates/template-modules';
import { FUNDS_MOVEMENT_KINDS } from '../reports/report-input';

/*
 * What Samla's HTTP API answers, written once as zod schemas (design.md, "HTTP API"). The functions build these
 * shapes; the add-in, the demo and the tests parse every answer with them instead of trusting it with a cast.
 * Schemas are loose objects: a server that adds a member does not break an older client.
 */

const boardCode = z.enum(BOARD_CODES as [BoardCode, ...BoardCode[]]);
const templateKey = z.enum(TEMPLATE_KEYS);

/** One finding at its cell (shared `Issue`). */
export const issueSchema = z.looseObject({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  sheet: z.string(),
  row: z.number(),
  column: z.string().nullable(),
  cell: z.string(),
});

/** How many issues of one rule a judgement found, including those left out of a bounded answer. */
export const issueCountSchema = z.looseObject({ code: z.string(), severity: z.enum(['error', 'warning']), count: z.number() });

/** An RFC 9457 problem document, as every Samla error comes (`errors` for validation). */
export const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(issueSchema).optional(),
  issueCounts: z.array(issueCountSchema).optional(),
  omittedIssues: z.number().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** `GET /api/me`. */
export const meSchema = z.looseObject({ id: z.string().optional(), name: z.string(), role: z.enum(ROLES), board: boardCode.optional() });
export type Me = z.infer<typeof meSchema>;

/** `POST /api/dev/token`. */
export const devTokenAnswerSchema = z.looseObject({ token: z.string().min(1) });

/** `GET /api/health`. */
export const healthSchema = z.looseObject({
  status: z.enum(['ok', 'degraded']),
  storage: z.looseObject({ ok: z.boolean(), detail: z.string().optional() }).optional(),
  auth: z.string().optional(),
  initiative: z.string().optional(),
});

/** One stored version of a board's template for a year (the audit trail entry). */
export const submissionVersionSchema = z.looseObject({
  board: boardCode,
  year: z.number().int(),
  template: templateKey,
  version: z.number().int().positive(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  rowCount: z.number().int().nonnegative(),
  warningCount: z.number().int().nonnegative(),
  contentHash: z.string().optional(),
});
export type SubmissionVersionAnswer = z.infer<typeof submissionVersionSchema>;

/** `201` of `POST /api/submissions` and `POST /api/submissions/file`: one template's receipt. */
export const submissionReceiptSchema = z.looseObject({
  template: templateKey,
  version: z.number().int().positive(),
  submittedAt: z.string(),
  rows: z.number().int().nonnegative(),
  warnings: z.array(issueSchema),
});
export type SubmissionReceiptAnswer = z.infer<typeof submissionReceiptSchema>;

/** `POST /api/validate`. */
export const validationAnswerSchema = z.looseObject({
  board: boardCode,
  year: z.number().int(),
  template: templateKey,
  valid: z.boolean(),
  rows: z.number().int().nonnegative(),
  issues: z.array(issueSchema),
  issueCounts: z.array(issueCountSchema).optional(),
  omittedIssues: z.number().optional(),
});

/** `GET /api/submissions?year=`. */
export const currentSubmissionsSchema = z.looseObject({
  year: z.number().int(),
  submissions: z.array(submissionVersionSchema),
  boardsWithoutSubmission: z.array(boardCode),
});

/** `GET /api/submissions/{board}/{year}/{template}`. */
export const submissionHistorySchema = z.looseObject({
  board: boardCode,
  year: z.number().int(),
  template: templateKey,
  versions: z.array(submissionVersionSchema),
});

/** A requisition from, or repayment to, Kammarkollegiet: kronor with at most two decimals, an ISO date. */
export const fundsMovementSchema = z.looseObject({ kind: z.enum(FUNDS_MOVEMENT_KINDS), amount: z.number(), date: z.string() });

/** `GET` and `PUT /api/requisitions/{year}`. */
export const yearFundsAnswerSchema = z.looseObject({
  year: z.number().int(),
  movements: z.array(fundsMovementSchema),
  revision: z.number().int().nonnegative(),
});

/**
 * Parses an answer against its schema. A shape the client does not know is the server's fault (or a proxy's), not the
 * user's: it throws `UnexpectedAnswerError` naming where the answer differs.
 */
export function parseAnswer<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const where = result.error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? issue.path.join('.') : '(svaret)'))
    .join(', ');
  throw new UnexpectedAnswerError(what, where);
}

/** The server answered with a shape this client does not know. */
export class UnexpectedAnswerError extends Error {
  constructor(
    readonly what: string,
    readonly where: string,
  ) {
    super(`Oväntat svar från Samla (${what}): fel form vid ${where}.`);
    this.name = 'UnexpectedAnswerError';
  }
}

// ---- The reporting round (design.md, "The reporting round") ----

const roundStateSchema = z.enum(['missing', 'submitted', 'returned', 'accepted']);

/** A coordinator's comment on one cell: `row` is the sheet row in the template's own layout, `column` the key. */
export const cellCommentSchema = z.looseObject({ row: z.number().int().min(2), column: z.string().min(1), comment: z.string() });

/** One change of a round's state, as kept: who, when, the comment. */
export const roundEventSchema = z.looseObject({
  kind: z.enum(['submitted', 'returned', 'accepted', 'reopened']),
  at: z.string(),
  by: z.string(),
  version: z.number().int().positive().optional(),
  comment: z.string().optional(),
  nothingToReport: z.boolean().optional(),
  cells: z.array(cellCommentSchema).optional(),
});

/**
 * The stored per-version summary the overview reads instead of rows: counts, and the template's own figures
 * (activities: participants by sex; expenses: costs by funding, in kronor).
 */
export const versionSummarySchema = z.looseObject({
  rows: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  figures: z.record(z.string(), z.number()),
});

/** One board's template in a year's round. */
export const roundEntrySchema = z.looseObject({
  board: boardCode,
  template: templateKey,
  state: roundStateSchema,
  late: z.boolean(),
  nothingToReport: z.boolean(),
  version: z.number().int().positive().optional(),
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  summary: versionSummarySchema.optional(),
  lastEvent: roundEventSchema.optional(),
  cells: z.array(cellCommentSchema),
});
export type RoundEntry = z.infer<typeof roundEntrySchema>;

/** `GET /api/rounds/{year}`: every board (staff: their own) × template, with the due day. */
export const roundAnswerSchema = z.looseObject({
  year: z.number().int(),
  dueDate: z.string(),
  /** The server's clock when it answered (ISO instant): what `late` was judged by. */
  now: z.string().optional(),
  entries: z.array(roundEntrySchema),
});
export type RoundAnswer = z.infer<typeof roundAnswerSchema>;

/** `GET /api/submissions/{board}/{year}/{template}/{version}`: that version's rows and warnings. */
export const versionAnswerSchema = z.looseObject({
  version: submissionVersionSchema,
  rows: z.array(z.record(z.string(), z.unknown())),
  warnings: z.array(issueSchema),
  /** Warnings found but not kept (only the first 1 000 of a version are). */
  omittedWarnings: z.number().int().nonnegative().optional(),
  nothingToReport: z.boolean().optional(),
  summary: versionSummarySchema.optional(),
  events: z.array(roundEventSchema).optional(),
});

/** `201` of `POST /api/submissions` with `sheets`: both templates stored, or neither; `unchanged` when identical to current. */
export const sheetsReceiptSchema = z.looseObject({
  receipts: z.array(submissionReceiptSchema.extend({ unchanged: z.boolean().optional() })),
});

/** `GET /api/initiative`: the initiative's settings, which every client reads instead of compiling them in. */
export const initiativeAnswerSchema = z.looseObject({
  settings: z.looseObject({ key: z.string(), shortName: z.string(), years: z.array(z.looseObject({ year: z.number().int() })) }),
  dueDates: z.array(z.looseObject({ year: z.number().int(), due: z.string() })),
});
