import { z } from 'zod';
import { localizedNumber, pick, type Language, type Localized } from '../i18n/localized';
import { BOARD_CODES, type BoardCode } from '../reference/boards';
import { readDateText } from '../reference/calendar-dates';
import { initiativeYears, type InitiativeSettings } from '../reference/initiative';
import { ROLES } from '../reference/roles';
import { FUNDS_MOVEMENT_KINDS } from '../reports/report-input';
import type { ReportKind } from '../reports/report-model';
import { MAX_CELL_COMMENTS, MAX_ROUND_COMMENT } from '../round/reporting-round';
import { lineSeparatorCharacter, showableText, xmlInvalidCharacter } from '../sheet/cell-characters';
import { hasAtMostDecimals } from '../sheet/number-text';
import { WrittenNumber } from '../sheet/cell-values';
import { TEMPLATE_KEYS, type TemplateKey } from '../templates/template-modules';

/*
 * What Samla's HTTP API accepts, written once as zod schemas (design.md, "HTTP API"): the functions parse every body,
 * route and query with them; the add-in, the demo and the tests take their body types from them (z.input). Schemas
 * that depend on the initiative's years are functions of its settings.
 */

/** The English of every schema message, by its Swedish text (the text zod carries). */
const TRANSLATIONS = new Map<string, Localized>();
/** Messages that quote what the request held: their words given the issue's input (`reportInput: true`), by Swedish text. */
const WORDINGS = new Map<string, (input: unknown) => Localized | undefined>();

/** A schema's error message: zod carries the Swedish text; `requestMessageIn` gives it in the caller's language. */
function said(text: Localized): string {
  TRANSLATIONS.set(text.sv, text);
  return text.sv;
}

/**
 * A schema's error message that can say what it got: `requestIssueIn` words it with `worded(input)` when the parse
 * reported the input, else as `text`. The key stays the fixed text, so no request adds to the translations.
 */
function saidOf(text: Localized, worded: (input: unknown) => Localized | undefined): string {
  WORDINGS.set(text.sv, worded);
  return said(text);
}

/** A request schema's message in a language; a message that is not Samla's own (zod's defaults) as it is. */
export function requestMessageIn(message: string, language: Language): string {
  const text = TRANSLATIONS.get(message);
  return text ? pick(text, language) : message;
}

/** zod's own wording of its default messages, per language (zod's locales, https://zod.dev/error-customization). */
const ZOD_LOCALES = { sv: z.locales.sv(), en: z.locales.en() } as const;

/**
 * A request schema's issue in words of a language: Samla's own message translated, or else zod's default message in
 * zod's locale for that language (parse with `reportInput: true` so that it can name what it got).
 */
export function requestIssueIn(issue: z.core.$ZodIssue, language: Language): string {
  const worded = 'input' in issue ? WORDINGS.get(issue.message)?.(issue.input) : undefined;
  if (worded) return pick(worded, language);
  if (TRANSLATIONS.has(issue.message)) return requestMessageIn(issue.message, language);
  const zods = ZOD_LOCALES[language].localeError?.(issue as unknown as z.core.$ZodRawIssue);
  const text = typeof zods === 'string' ? zods : zods?.message;
  return text ?? issue.message;
}

/** The most rows one submission may hold (per template). */
export const MAX_SUBMISSION_ROWS = 50_000;
/** The limit as each language writes it in a message: 50 000, 50,000. */
const MAX_ROWS_SHOWN = localizedNumber(MAX_SUBMISSION_ROWS);

const boardSchema = z.enum(BOARD_CODES as [BoardCode, ...BoardCode[]], {
  error: said({ sv: 'okänt län; ange länsbokstaven, t.ex. I för Gotland', en: 'unknown county; give the board letter, e.g. I for Gotland' }),
});

/** A template key (`activities`, `expenses`, …) as a route or body names it. */
export const templateKeySchema = z.enum(TEMPLATE_KEYS, {
  error: said({ sv: `okänd mall; ange ${TEMPLATE_KEYS.join(' eller ')}`, en: `unknown template; give ${TEMPLATE_KEYS.join(' or ')}` }),
});

const yearIsNumber = said({ sv: 'året ska vara ett tal', en: 'the year must be a number' });

function yearSchema(settings: InitiativeSettings) {
  const years = initiativeYears(settings);
  return z
    .number({ error: yearIsNumber })
    .int()
    .refine((year) => years.includes(year), {
      error: said({
        sv: `året ska vara ett av satsningens år (${years.join(', ')})`,
        en: `the year must be one of the initiative's years (${years.join(', ')})`,
      }),
    });
}

/** A year as text in a URL (path or query), a number in the domain. */
function yearTextSchema(settings: InitiativeSettings) {
  return z.coerce.number({ error: yearIsNumber }).pipe(yearSchema(settings));
}

/** Where a submission goes: board, year and template, from the body or the route. */
export function submissionTargetSchema(settings: InitiativeSettings) {
  return z.object({ board: boardSchema, year: yearSchema(settings), template: templateKeySchema });
}
export type SubmissionTarget = z.infer<ReturnType<typeof submissionTargetSchema>>;

/**
 * A row: an object keyed by column key. Only its shape is checked here (each value is judged at its cell by the
 * shared rules); a custom check, because z.record visits every key and value and took seconds for 50 000 rows.
 */
const rowSchema = z.custom<Readonly<Record<string, unknown>>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  error: said({ sv: 'varje rad ska vara ett objekt med kolumnnycklar', en: 'every row must be an object keyed by column key' }),
});

/** `POST /api/validate` and `POST /api/submissions`: the target and typed rows keyed by column key. */
export function submissionBodySchema(settings: InitiativeSettings) {
  return submissionTargetSchema(settings).extend({
    rows: z
      .array(rowSchema, { error: said({ sv: 'rows ska vara en lista av rader', en: 'rows must be a list of rows' }) })
      .max(MAX_SUBMISSION_ROWS, {
        error: said({ sv: `högst ${MAX_ROWS_SHOWN.sv} rader per inskickning`, en: `at most ${MAX_ROWS_SHOWN.en} rows per submission` }),
      })
      .readonly(),
    /** The board has nothing to report: an empty template is then a submission (design.md, "The reporting round"). */
    nothingToReport: z.boolean({ error: said({ sv: 'nothingToReport ska vara true eller false', en: 'nothingToReport must be true or false' }) }).optional(),
  });
}
/** The body of `POST /api/validate` and a one-template `POST /api/submissions`, as a client writes it. */
export type SubmissionBody = z.input<ReturnType<typeof submissionBodySchema>>;

const sheetRowsSchema = z
  .array(
    z.record(z.string(), z.unknown(), {
      error: said({ sv: 'varje rad ska vara ett objekt med kolumnnycklar', en: 'every row must be an object keyed by column key' }),
    }),
    {
      error: said({ sv: 'ska vara en lista av rader', en: 'must be a list of rows' }),
    },
  )
  .max(MAX_SUBMISSION_ROWS, { error: said({ sv: `högst ${MAX_ROWS_SHOWN.sv} rader per mall`, en: `at most ${MAX_ROWS_SHOWN.en} rows per template` }) })
  .readonly();

/** One schema per template key, from the modules' list. */
function perTemplate<S extends z.ZodType>(schema: S): Record<TemplateKey, S> {
  return Object.fromEntries(TEMPLATE_KEYS.map((key) => [key, schema])) as Record<TemplateKey, S>;
}

/**
 * `POST /api/submissions` with every template: `{ board, year, sheets: { activities, expenses }, nothingToReport? }`,
 * where `nothingToReport` is `true` (for every empty sheet) or per template (`{ expenses: true }`).
 */
export function sheetsBodySchema(settings: InitiativeSettings) {
  const all = `${TEMPLATE_KEYS.slice(0, -1).join(', ')}`;
  return submissionTargetSchema(settings)
    .omit({ template: true })
    .extend({
      sheets: z.object(perTemplate(sheetRowsSchema), {
        error: said({ sv: `sheets ska hålla både ${all} och ${TEMPLATE_KEYS.at(-1)}`, en: `sheets must hold both ${all} and ${TEMPLATE_KEYS.at(-1)}` }),
      }),
      nothingToReport: z.union([z.boolean(), z.object(perTemplate(z.boolean().optional()))]).optional(),
    });
}
/** The server's view of a parsed every-template body. */
export type SheetsBody = z.infer<ReturnType<typeof sheetsBodySchema>>;
/** Every template in one request, as a client writes it. */
export type SheetsBodyInput = z.input<ReturnType<typeof sheetsBodySchema>>;

/** Whether a body is the every-template form (it has `sheets`). */
export function isSheetsBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'sheets' in body;
}

/** Query parameters `board` and `year` (text in a URL, numbers in the domain). */
export function boardYearQuerySchema(settings: InitiativeSettings) {
  return z.object({ board: boardSchema, year: yearTextSchema(settings) });
}

/** A `year` in a query or a path (`/api/rounds/{year}`). */
export function yearQuerySchema(settings: InitiativeSettings) {
  return z.object({ year: yearTextSchema(settings) });
}

/** `/api/submissions/{board}/{year}/{template}` and the rounds' `/{year}/{board}/{template}`. */
export function submissionRouteSchema(settings: InitiativeSettings) {
  return z.object({ board: boardSchema, year: z.coerce.number().pipe(yearSchema(settings)), template: templateKeySchema });
}

/** `/api/submissions/{board}/{year}/{template}/{version}`. */
export function versionRouteSchema(settings: InitiativeSettings) {
  const wholeNumber = said({ sv: 'versionen ska vara ett heltal', en: 'the version must be a whole number' });
  return submissionRouteSchema(settings).extend({
    version: z.coerce
      .number({ error: wholeNumber })
      .int({ error: wholeNumber })
      .min(1, { error: said({ sv: 'versionen börjar på 1', en: 'versions start at 1' }) }),
  });
}

/** `/api/templates/{template}`. */
export const templateRouteSchema = z.object({ template: templateKeySchema });

/** A coordinator's comment on a version or a cell: plain text and line breaks, at most MAX_ROUND_COMMENT characters. */
const roundCommentSchema = z
  .string({ error: said({ sv: 'kommentaren ska vara text', en: 'the comment must be text' }) })
  .trim()
  .min(1, { error: said({ sv: 'skriv en kommentar som säger vad som ska rättas', en: 'write a comment saying what to correct' }) })
  .max(MAX_ROUND_COMMENT, {
    error: said({
      sv: `kommentaren får vara högst ${localizedNumber(MAX_ROUND_COMMENT).sv} tecken`,
      en: `the comment may be at most ${localizedNumber(MAX_ROUND_COMMENT).en} characters`,
    }),
  })
  // The same characters a cell may not hold: a comment ends up in workbooks and in other programs' lines too.
  .refine((text) => xmlInvalidCharacter(text) === undefined && lineSeparatorCharacter(text) === undefined, {
    error: said({
      sv: 'kommentaren har ett styrtecken, ogiltigt tecken eller rad-/styckeavgränsare (U+2028, U+2029); skriv den med vanlig text och radbrytningar',
      en: 'the comment holds a control character, an invalid character or a line/paragraph separator (U+2028, U+2029); write it as plain text and line breaks',
    }),
  });

const versionNumber = said({ sv: 'ange versionen som ett heltal', en: 'give the version as a whole number' });
const roundVersionSchema = z
  .number({ error: versionNumber })
  .int({ error: versionNumber })
  .positive({ error: said({ sv: 'versionen börjar på 1', en: 'versions start at 1' }) });
const rowNumber = said({ sv: 'raden ska vara ett heltal', en: 'the row must be a whole number' });
/** The route maps a column's letter, header or key to the key (`commentColumn`); here it only has to be text. */
const columnText = said({
  sv: 'kolumnen ska vara text: kolumnens bokstav (D), rubrik (Rubrik) eller nyckel (title)',
  en: "the column must be text: the column's letter (D), header (Rubrik) or key (title)",
});

/** `POST /api/rounds/{year}/{board}/{template}/return`: the version, a comment, and optional comments on cells. */
export const returnBodySchema = z.object({
  version: roundVersionSchema,
  comment: roundCommentSchema,
  cells: z
    .array(z.object({ row: z.number({ error: rowNumber }).int({ error: rowNumber }), column: z.string({ error: columnText }), comment: roundCommentSchema }), {
      error: said({ sv: 'cells ska vara en lista av { row, column, comment }', en: 'cells must be a list of { row, column, comment }' }),
    })
    .max(MAX_CELL_COMMENTS, {
      error: said({ sv: `högst ${MAX_CELL_COMMENTS} cellkommentarer per retur`, en: `at most ${MAX_CELL_COMMENTS} cell comments per return` }),
    })
    .optional(),
});
export type ReturnBody = z.input<typeof returnBodySchema>;

/** `POST /api/rounds/{year}/{board}/{template}/accept`. */
export const acceptBodySchema = z.object({ version: roundVersionSchema, comment: roundCommentSchema.optional() });
export type AcceptBody = z.input<typeof acceptBodySchema>;

/** `POST /api/rounds/{year}/{board}/{template}/reopen`. */
export const reopenBodySchema = z.object({ comment: roundCommentSchema.optional() });
export type ReopenBody = z.input<typeof reopenBodySchema>;

/** The most requisitions and repayments one year may list. */
export const MAX_FUNDS_MOVEMENTS = 500;

/** The largest amount one requisition or repayment may hold, in kronor: far above any year's ceiling. */
export const MAX_FUNDS_AMOUNT = 1e10;

/** What a request held, quoted for a message: text as it was written (shortened, control characters named), else its kind. */
function gotText(input: unknown): Localized | undefined {
  if (typeof input !== 'string') return undefined;
  const shown = showableText(input, 40);
  return { sv: `fick texten ”${shown}”`, en: `got the text “${shown}”` };
}

/**
 * An amount in kronor in a request: more than 0, at most `max`, in whole öre (two decimals). Each fault has its own
 * reason: a number that is too large (also one too large for a double, which JSON reads as Infinity) is "at most
 * `max`", never "not a number"; an amount sent as text is quoted.
 */
function kronorSchema(max: number) {
  const limit = localizedNumber(max);
  const tooLarge = said({ sv: `beloppet får vara högst ${limit.sv} kr`, en: `the amount may be at most ${limit.en} kronor` });
  const notPositive = said({ sv: 'beloppet ska vara större än 0', en: 'the amount must be more than 0' });
  const notNumberText = { sv: 'beloppet ska vara ett tal i kronor', en: 'the amount must be a number in kronor' };
  const notNumber = saidOf(notNumberText, (input) => {
    const got = gotText(input);
    if (!got) return undefined;
    return {
      sv: `${notNumberText.sv}, skrivet som ett JSON-tal utan citattecken och med punkt före ören, t.ex. 1400000.5 (${got.sv})`,
      en: `${notNumberText.en}, written as a JSON number without quotes and with a point before the öre, e.g. 1400000.5 (${got.en})`,
    };
  });
  // A number spelled with more digits than a double holds (the API's JSON reader keeps it as a WrittenNumber): never
  // rounded and stored; with at most 12 significant digits under the limit, it has öre beyond two decimals.
  const inexactText = { sv: 'beloppet får ha högst två decimaler', en: 'the amount may have at most two decimals' };
  const inexact = saidOf(
    { sv: `${inexactText.sv} (skrivet med fler siffror än ett tal rymmer)`, en: `${inexactText.en} (written with more digits than a number holds)` },
    (input) => (input instanceof WrittenNumber ? { sv: `${inexactText.sv} (fick ${input.text})`, en: `${inexactText.en} (got ${input.text})` } : undefined),
  );
  const wrongType = (input: unknown): string => {
    if (input instanceof WrittenNumber) return input.value > max ? tooLarge : input.value > 0 ? inexact : notPositive;
    return notNumber;
  };
  return (
    z
      .number({ error: (issue) => (typeof issue.input !== 'number' ? wrongType(issue.input) : issue.input > 0 ? tooLarge : notPositive) })
      .positive({ error: notPositive })
      .max(max, { error: tooLarge })
      // An amount over the limit or not above 0 has that reason only. The öre are counted exactly (hasAtMostDecimals,
      // as the cost rows' amounts are): 1234567890.12 × 100 is not a whole double, yet the amount has two decimals.
      .refine((amount) => amount <= 0 || amount > max || hasAtMostDecimals(amount, 2), {
        error: said({ sv: 'beloppet får ha högst två decimaler', en: 'the amount may have at most two decimals' }),
      })
  );
}

/**
 * A calendar date in a request, as ISO 8601 text `YYYY-MM-DD` (`readDateText`), no later than the year `latestYear`.
 * One reason per date: a date in another form is told the form (with the ISO spelling when the order is certain), a
 * date that does not exist is told why (2014-02-30: February 2014 has 28 days), and only a real date is compared
 * with the latest year.
 */
function isoDateSchema(latestYear: number) {
  const formText = { sv: 'skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2014-08-01', en: 'write the date as YYYY-MM-DD, e.g. 2014-08-01' };
  const otherForm = saidOf(formText, (input) => {
    const got = gotText(input);
    if (!got) return undefined;
    const reading = readDateText(String(input));
    const written = reading.kind === 'other-form' ? reading.suggestion : undefined;
    return written
      ? { sv: `skriv datumet som ÅÅÅÅ-MM-DD: ${written} (${got.sv})`, en: `write the date as YYYY-MM-DD: ${written} (${got.en})` }
      : { sv: `${formText.sv} (${got.sv})`, en: `${formText.en} (${got.en})` };
  });
  const impossible = saidOf({ sv: 'datumet finns inte i kalendern', en: 'the date does not exist in the calendar' }, (input) => {
    const reading = typeof input === 'string' ? readDateText(input) : undefined;
    return reading?.kind === 'impossible' ? reading.reason : undefined;
  });
  const tooLate = { sv: `datumet ligger för långt fram (senast ${latestYear}-12-31)`, en: `the date is too far ahead (${latestYear}-12-31 at the latest)` };
  const late = saidOf(tooLate, (input) =>
    typeof input === 'string'
      ? { sv: `”${input}” ${tooLate.sv.slice('datumet '.length)}`, en: `“${input}” ${tooLate.en.slice('the date '.length)}` }
      : undefined,
  );
  return z.string({ error: otherForm }).superRefine((text, context) => {
    const reading = readDateText(text);
    const message =
      reading.kind === 'other-form' ? otherForm : reading.kind === 'impossible' ? impossible : Number(reading.iso.slice(0, 4)) > latestYear ? late : undefined;
    if (message) context.addIssue({ code: 'custom', message, input: text });
  });
}

/** `PUT /api/requisitions/{year}`: the year's requisitions and repayments (kronor, ISO dates), the whole list. */
export function fundsBodySchema(settings: InitiativeSettings) {
  const last = Math.max(...initiativeYears(settings)) + 2;
  return z.object({
    movements: z
      .array(
        z.object({
          kind: z.enum(FUNDS_MOVEMENT_KINDS, {
            error: said({
              sv: 'kind ska vara requisition (rekvisition) eller repayment (återbetalning)',
              en: 'kind must be requisition or repayment',
            }),
          }),
          amount: kronorSchema(MAX_FUNDS_AMOUNT),
          date: isoDateSchema(last),
        }),
      )
      .max(MAX_FUNDS_MOVEMENTS, { error: said({ sv: `högst ${MAX_FUNDS_MOVEMENTS} rader per år`, en: `at most ${MAX_FUNDS_MOVEMENTS} lines per year` }) }),
  });
}
export type FundsBody = z.input<ReturnType<typeof fundsBodySchema>>;

/** `PUT /api/locks/{year}` and `DELETE`: an optional note. */
export const lockBodySchema = z.object({
  note: z
    .string()
    .trim()
    .max(500, { error: said({ sv: 'anteckningen får vara högst 500 tecken', en: 'the note may be at most 500 characters' }) })
    .optional(),
});
export type LockBody = z.input<typeof lockBodySchema>;

/** `POST /api/dev/token`: the claims of a development sign-in (SAMLA_AUTH=dev only). */
export const devTokenBodySchema = z
  .object({
    role: z.enum(ROLES, { error: said({ sv: 'rollen ska vara staff, coordinator eller finance', en: 'the role must be staff, coordinator or finance' }) }),
    board: z.enum(BOARD_CODES as [BoardCode, ...BoardCode[]], { error: said({ sv: 'okänt län', en: 'unknown county' }) }).optional(),
    name: z.string().min(1).max(100).optional(),
  })
  .refine((claims) => claims.role !== 'staff' || claims.board !== undefined, {
    error: said({ sv: 'en handläggare behöver ett län', en: 'a staff member needs a county' }),
    path: ['board'],
  });
export type DevTokenBody = z.input<typeof devTokenBodySchema>;

/** `/api/reports/{kind}`: which consolidated workbook. */
export const reportRouteSchema = z.object({
  kind: z.enum(['status', 'final', 'financial'] as const satisfies readonly ReportKind[], {
    error: said({ sv: 'okänd rapport; ange status, final eller financial', en: 'unknown report; give status, final or financial' }),
  }),
});

/** `GET /api/reports/{kind}?format=`: the workbook, or the draft report in Word. */
export const reportFormatQuerySchema = z.object({
  format: z
    .enum(['xlsx', 'docx'], {
      error: said({
        sv: 'format ska vara xlsx (arbetsboken) eller docx (utkast till rapporten)',
        en: 'format must be xlsx (the workbook) or docx (draft of the report)',
      }),
    })
    .default('xlsx'),
});
