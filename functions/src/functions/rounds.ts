import {
  isRoundLate,
  lineSeparatorCharacter,
  MAX_CELL_COMMENTS,
  MAX_ROUND_COMMENT,
  roundDueDate,
  templateDefinition,
  xmlInvalidCharacter,
  type RoundEvent,
  type RoundRefusal,
  type TemplateKey,
  type Year,
} from '@samla/shared';
import { z } from 'zod';
import type { Caller } from '../auth/caller';
import { authenticate, requireRole } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { HttpProblem } from '../http/problem';
import { parseInput, readJsonBody } from '../http/request-body';
import type { Route } from '../http/route';
import type { Services } from '../services';
import { MAX_CELL_COMMENTS_CHARS, RoundChangedError, type RoundRecord } from '../storage/round-store';
import { sheetName } from '../submissions/round-intake';
import { submissionRouteSchema, yearQuerySchema } from '../submissions/submission-request';

/** A coordinator's body holds at most this many bytes: 200 cell comments of 2 000 characters fit, a 10 MB body is a 413. */
const MAX_DECISION_BYTES = 4 * 1024 * 1024;

const comment = z
  .string({ error: 'kommentaren ska vara text' })
  .trim()
  .min(1, { error: 'skriv en kommentar som säger vad som ska rättas' })
  .max(MAX_ROUND_COMMENT, { error: `kommentaren får vara högst ${MAX_ROUND_COMMENT} tecken` })
  // The same characters a cell may not hold: a comment ends up in workbooks and in other programs' lines too.
  .refine((text) => xmlInvalidCharacter(text) === undefined && lineSeparatorCharacter(text) === undefined, {
    error: 'kommentaren har ett styrtecken, ogiltigt tecken eller rad-/styckeavgränsare (U+2028, U+2029); skriv den med vanlig text och radbrytningar',
  });
const version = z
  .number({ error: 'ange versionen som ett heltal' })
  .int({ error: 'ange versionen som ett heltal' })
  .positive({ error: 'versionen börjar på 1' });

const returnSchema = z.object({
  version,
  comment,
  cells: z
    .array(z.object({ row: z.number({ error: 'raden ska vara ett heltal' }).int({ error: 'raden ska vara ett heltal' }), column: z.string(), comment }), {
      error: 'cells ska vara en lista av { row, column, comment }',
    })
    .max(MAX_CELL_COMMENTS, { error: `högst ${MAX_CELL_COMMENTS} cellkommentarer per retur` })
    .optional(),
});
const acceptSchema = z.object({ version, comment: comment.optional() });
const reopenSchema = z.object({ comment: comment.optional() });

/** The overview's entry of one board's template (roundEntrySchema). */
function entryOf(record: RoundRecord, dueDate: string, today: string) {
  const { status, pointer } = record;
  return {
    board: record.board,
    template: record.template,
    state: status.state,
    late: isRoundLate(status, dueDate, today),
    nothingToReport: status.nothingToReport,
    ...(pointer
      ? {
          version: pointer.version,
          submittedAt: pointer.submittedAt,
          submittedBy: pointer.submittedBy,
          summary: { rows: pointer.rowCount, warnings: pointer.warningCount, figures: pointer.figures },
        }
      : {}),
    ...(status.lastEvent ? { lastEvent: status.lastEvent } : {}),
    cells: status.cells,
  };
}

/**
 * `GET /api/rounds/{year}`: every board × template (staff: their own board) with its state, version, who and when,
 * the stored summary and `late` by the server's clock. One range query over the year's pointers and rounds; no rows.
 */
const round = defineRoute('round', ['GET'], 'rounds/{year}', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  const { year } = parseInput(yearQuerySchema(services.settings), request.params, 'Adressen ska vara /api/rounds/{år}, t.ex. /api/rounds/2013.');
  const records = await services.rounds.year(year);
  const visible = caller.role === 'staff' ? records.filter((record) => record.board === caller.board) : records;
  const dueDate = roundDueDate(services.settings, year);
  const now = services.now().toISOString();
  return json(200, { year, dueDate, now, entries: visible.map((record) => entryOf(record, dueDate, now)) });
});

type Target = { board: RoundRecord['board']; year: Year; template: TemplateKey };

function describeTarget(target: Target): string {
  return `${sheetName(target.template)} för län ${target.board} ${target.year}`;
}

/** The state machine's refusal as a 409 in words. */
function refusalProblem(refusal: RoundRefusal, target: Target): HttpProblem {
  const what = describeTarget(target);
  switch (refusal.code) {
    case 'nothing-submitted':
      return new HttpProblem('nothing-submitted', `${what} har ingen inskickad version att granska.`, { reason: refusal.code });
    case 'not-current-version':
      return new HttpProblem(
        'not-current-version',
        `Version ${refusal.given} av ${what} gäller inte längre; den gällande är version ${refusal.current}. Läs om läget och granska version ${refusal.current}.`,
        { reason: refusal.code, current: refusal.current },
      );
    case 'round-accepted':
      return new HttpProblem('round-accepted', `${what} är redan godkänd (version ${refusal.version}). Öppna den igen först.`, {
        reason: refusal.code,
      });
    case 'not-closed':
      return new HttpProblem('round-not-closed', `${what} är varken godkänd eller returnerad, så det finns inget att öppna igen.`, {
        reason: refusal.code,
      });
  }
}

/** Cell comments must name a column of the template and a row of the returned version (row 2 is the first data row). */
function checkCells(cells: readonly { row: number; column: string }[], target: Target, record: RoundRecord, returned: number): void {
  if (record.pointer?.version !== returned) return; // the state machine refuses another version, in its own words
  const columns = templateDefinition(target.template).columns.map((column) => column.key as string);
  const lastRow = record.pointer.rowCount + 1;
  const wrong = cells.flatMap((cell, index) => {
    const reasons: { name: string; reason: string }[] = [];
    if (!columns.includes(cell.column))
      reasons.push({
        name: `cells.${index}.column`,
        reason: `”${cell.column}” är ingen kolumn i ${sheetName(target.template)}; ange en av ${columns.join(', ')}`,
      });
    if (cell.row < 2 || cell.row > lastRow)
      reasons.push({
        name: `cells.${index}.row`,
        reason:
          lastRow < 2
            ? `version ${returned} har inga rader att kommentera`
            : `rad ${cell.row} finns inte i version ${returned}; raderna är 2–${lastRow} (rad 1 är rubrikraden)`,
      });
    return reasons;
  });
  if (wrong.length > 0) {
    throw new HttpProblem('cell-comment-outside-template', `${wrong.length} cellkommentarer pekar på celler som inte finns i ${describeTarget(target)}.`, {
      'invalid-params': wrong,
    });
  }
  if (JSON.stringify(cells).length > MAX_CELL_COMMENTS_CHARS) {
    throw new HttpProblem(
      'comments-too-long',
      `Cellkommentarerna är för långa tillsammans (högst ${MAX_CELL_COMMENTS_CHARS} tecken). Korta dem eller dela upp returen.`,
    );
  }
}

/** A coordinator's decision on one board's template: parsed, authorised, judged by the state machine, written whole. */
async function decide(services: Services, target: Target, event: Exclude<RoundEvent, { kind: 'submitted' }>): Promise<ReturnType<typeof entryOf>> {
  let outcome: Awaited<ReturnType<Services['rounds']['decide']>>;
  try {
    outcome = await services.rounds.decide(target.board, target.year, target.template, event);
  } catch (error) {
    if (!(error instanceof RoundChangedError)) throw error;
    throw new HttpProblem(
      'round-changed',
      `${describeTarget(target)} ändrades samtidigt (en ny inskickning eller en annan samordnare). Inget har sparats; läs om läget och försök igen.`,
      {
        reason: 'round-changed',
      },
    );
  }
  if (!outcome.ok) throw refusalProblem(outcome.refusal, target);
  const record = await services.rounds.record(target.board, target.year, target.template);
  const dueDate = roundDueDate(services.settings, target.year);
  return entryOf(record, dueDate, services.now().toISOString());
}

const ADDRESS = 'Adressen ska vara /api/rounds/{år}/{län}/{activities|expenses}/{return|accept|reopen}, t.ex. /api/rounds/2013/I/activities/accept.';

async function coordinatorTarget(request: Parameters<Route['handler']>[0], services: Services): Promise<{ caller: Caller; target: Target }> {
  const caller = await authenticate(request, services.authentication);
  requireRole(caller, ['coordinator']);
  return { caller, target: parseInput(submissionRouteSchema(services.settings), request.params, ADDRESS) };
}

/** `POST /api/rounds/{year}/{board}/{template}/return` `{ version, comment, cells? }`: sent back for correction. */
const returnRound = defineRoute('returnRound', ['POST'], 'rounds/{year}/{board}/{template}/return', async (request, services) => {
  const { caller, target } = await coordinatorTarget(request, services);
  const body = await readJsonBody(request, returnSchema, MAX_DECISION_BYTES);
  const cells = body.cells ?? [];
  checkCells(cells, target, await services.rounds.record(target.board, target.year, target.template), body.version);
  const event = { kind: 'returned', version: body.version, comment: body.comment, cells, at: services.now().toISOString(), by: caller.name } as const;
  return json(200, await decide(services, target, event));
});

/** `POST /api/rounds/{year}/{board}/{template}/accept` `{ version, comment? }`: approved; closed to submissions until reopened. */
const acceptRound = defineRoute('acceptRound', ['POST'], 'rounds/{year}/{board}/{template}/accept', async (request, services) => {
  const { caller, target } = await coordinatorTarget(request, services);
  const body = await readJsonBody(request, acceptSchema, MAX_DECISION_BYTES);
  const event = {
    kind: 'accepted',
    version: body.version,
    ...(body.comment ? { comment: body.comment } : {}),
    at: services.now().toISOString(),
    by: caller.name,
  } as const;
  return json(200, await decide(services, target, event));
});

/** `POST /api/rounds/{year}/{board}/{template}/reopen` `{ comment? }` (or no body): open again for submissions. */
const reopenRound = defineRoute('reopenRound', ['POST'], 'rounds/{year}/{board}/{template}/reopen', async (request, services) => {
  const { caller, target } = await coordinatorTarget(request, services);
  const body = request.headers.get('content-type') ? await readJsonBody(request, reopenSchema, MAX_DECISION_BYTES) : { comment: undefined };
  const event = { kind: 'reopened', ...(body.comment ? { comment: body.comment } : {}), at: services.now().toISOString(), by: caller.name } as const;
  return json(200, await decide(services, target, event));
});

export const roundRoutes: Route[] = [round, returnRound, acceptRound, reopenRound];
