import { BOARD_CODES, initiativeYears, TEMPLATE_KEYS, type BoardCode, type InitiativeSettings } from '@samla/shared';
import { z } from 'zod';

/** The most rows one submission may hold. */
export const MAX_SUBMISSION_ROWS = 50_000;

const boardSchema = z.enum(BOARD_CODES as [BoardCode, ...BoardCode[]], { error: 'okänt län; ange länsbokstaven, t.ex. I för Gotland' });
const templateSchema = z.enum(TEMPLATE_KEYS, { error: `okänd mall; ange ${TEMPLATE_KEYS.join(' eller ')}` });

function yearSchema(settings: InitiativeSettings) {
  const years = initiativeYears(settings);
  return z
    .number({ error: 'året ska vara ett tal' })
    .int()
    .refine((year) => years.includes(year), { error: `året ska vara ett av satsningens år (${years.join(', ')})` });
}

/** Where a submission goes: board, year and template, from the body or the route. */
export function submissionTargetSchema(settings: InitiativeSettings) {
  return z.object({ board: boardSchema, year: yearSchema(settings), template: templateSchema });
}

/**
 * A row: an object keyed by column key. Only its shape is checked here (each value is judged at its cell by the
 * shared rules); a custom check, because z.record visits every key and value and took seconds for 50 000 rows.
 */
const rowSchema = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  error: 'varje rad ska vara ett objekt med kolumnnycklar',
});

/** `POST /api/validate` and `POST /api/submissions`: the target and typed rows keyed by column key. */
export function submissionBodySchema(settings: InitiativeSettings) {
  return submissionTargetSchema(settings).extend({
    rows: z
      .array(rowSchema, { error: 'rows ska vara en lista av rader' })
      .max(MAX_SUBMISSION_ROWS, { error: `högst ${MAX_SUBMISSION_ROWS} rader per inskickning` }),
    /** The board has nothing to report: an empty template is then a submission (design.md, "The reporting round"). */
    nothingToReport: z.boolean({ error: 'nothingToReport ska vara true eller false' }).optional(),
  });
}

/** Query parameters `board` and `year` (text in a URL, numbers in the domain). */
export function boardYearQuerySchema(settings: InitiativeSettings) {
  return z.object({ board: boardSchema, year: z.coerce.number({ error: 'året ska vara ett tal' }).pipe(yearSchema(settings)) });
}

export function yearQuerySchema(settings: InitiativeSettings) {
  return z.object({ year: z.coerce.number({ error: 'året ska vara ett tal' }).pipe(yearSchema(settings)) });
}

export function submissionRouteSchema(settings: InitiativeSettings) {
  return z.object({ board: boardSchema, year: z.coerce.number().pipe(yearSchema(settings)), template: templateSchema });
}

/** `/api/submissions/{board}/{year}/{template}/{version}`. */
export function versionRouteSchema(settings: InitiativeSettings) {
  return submissionRouteSchema(settings).extend({
    version: z.coerce
      .number({ error: 'versionen ska vara ett heltal' })
      .int({ error: 'versionen ska vara ett heltal' })
      .min(1, { error: 'versionen börjar på 1' }),
  });
}

export type SubmissionTarget = z.infer<ReturnType<typeof submissionTargetSchema>>;
