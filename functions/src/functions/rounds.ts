import {
  acceptBodySchema,
  commentColumn,
  commentColumnChoices,
  isRoundLate,
  numberIn,
  pick,
  reopenBodySchema,
  returnBodySchema,
  submissionRouteSchema,
  yearQuerySchema,
  roundDueDate,
  templateDefinition,
  type CellComment,
  type Localized,
  type RoundEvent,
  type RoundRefusal,
  type TemplateKey,
  type Year,
} from '@samla/shared';
import type { Caller } from '../auth/caller';
import { authenticate, requireRole } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { HttpProblem } from '../http/problem';
import { parseInput, readJsonBody } from '../http/request-body';
import type { Route } from '../http/route';
import type { Services } from '../services';
import { MAX_CELL_COMMENTS_CHARS, RoundChangedError, type RoundRecord } from '../storage/round-store';
import { sheetName } from '../submissions/round-intake';

/** A coordinator's body holds at most this many bytes: 200 cell comments of 2 000 characters fit, a 10 MB body is a 413. */
const MAX_DECISION_BYTES = 4 * 1024 * 1024;

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
  const { year } = parseInput(yearQuerySchema(services.settings), request.params, {
    sv: 'Adressen ska vara /api/rounds/{år}, t.ex. /api/rounds/2013.',
    en: 'The address must be /api/rounds/{year}, e.g. /api/rounds/2013.',
  });
  const records = await services.rounds.year(year);
  const visible = caller.role === 'staff' ? records.filter((record) => record.board === caller.board) : records;
  const dueDate = roundDueDate(services.settings, year);
  const now = services.now().toISOString();
  return json(200, { year, dueDate, now, entries: visible.map((record) => entryOf(record, dueDate, now)) });
});

type Target = { board: RoundRecord['board']; year: Year; template: TemplateKey };

function describeTarget(target: Target): Localized {
  const sheet = sheetName(target.template);
  return { sv: `${sheet} för län ${target.board} ${target.year}`, en: `${sheet} of county ${target.board} ${target.year}` };
}

/** The state machine's refusal as a 409 in words. */
function refusalProblem(refusal: RoundRefusal, target: Target): HttpProblem {
  const what = describeTarget(target);
  switch (refusal.code) {
    case 'nothing-submitted':
      return new HttpProblem(
        'nothing-submitted',
        { sv: `${what.sv} har ingen inskickad version att granska.`, en: `${what.en} has no submitted version to review.` },
        { reason: refusal.code },
      );
    case 'not-current-version':
      return new HttpProblem(
        'not-current-version',
        refusal.given > refusal.current
          ? {
              // A version after the current one has never been current: it does not exist (yet).
              sv: `${what.sv} har ingen version ${refusal.given}; den gällande är version ${refusal.current}. Läs om läget och granska version ${refusal.current}.`,
              en: `${what.en} has no version ${refusal.given}; the current one is version ${refusal.current}. Reload the round and review version ${refusal.current}.`,
            }
          : {
              sv: `Version ${refusal.given} av ${what.sv} gäller inte längre; den gällande är version ${refusal.current}. Läs om läget och granska version ${refusal.current}.`,
              en: `Version ${refusal.given} of ${what.en} is no longer current; the current one is version ${refusal.current}. Reload the round and review version ${refusal.current}.`,
            },
        { reason: refusal.code, current: refusal.current },
      );
    case 'round-accepted':
      return new HttpProblem(
        'round-accepted',
        {
          sv: `${what.sv} är redan godkänd (version ${refusal.version}). Öppna den igen först.`,
          en: `${what.en} is already accepted (version ${refusal.version}). Reopen it first.`,
        },
        { reason: refusal.code },
      );
    case 'not-closed':
      return new HttpProblem(
        'round-not-closed',
        {
          sv: `${what.sv} är varken godkänd eller returnerad, så det finns inget att öppna igen.`,
          en: `${what.en} is neither accepted nor returned, so there is nothing to reopen.`,
        },
        { reason: refusal.code },
      );
  }
}

/** How many comments point outside the template, in words: `1 cellkommentar pekar på en cell som inte finns`. */
function outsideInWords(count: number, what: Localized): Localized {
  return count === 1
    ? { sv: `1 cellkommentar pekar på en cell som inte finns i ${what.sv}.`, en: `1 cell comment points at a cell that does not exist in ${what.en}.` }
    : {
        sv: `${count} cellkommentarer pekar på celler som inte finns i ${what.sv}.`,
        en: `${count} cell comments point at cells that do not exist in ${what.en}.`,
      };
}

/**
 * Cell comments must name a column of the template and a row of the returned version (row 2 is the first data row).
 * A column may be named by its key, its header (Swedish or English) or its letter in the template's layout, in any
 * letter case (`commentColumn`); the comments come back with each column's key, which is what is stored and what the
 * staff pane finds the cell by.
 */
function checkCells(cells: readonly CellComment[], target: Target, record: RoundRecord, returned: number): CellComment[] {
  const template = templateDefinition(target.template);
  const canonical = cells.map((cell) => ({ ...cell, column: commentColumn(template, cell.column)?.key ?? cell.column }));
  if (record.pointer?.version !== returned) return canonical; // the state machine refuses another version, in its own words
  const lastRow = record.pointer.rowCount + 1;
  const sheet = sheetName(target.template);
  const wrong = cells.map((cell, index) => {
    const reasons: { name: string; reason: Localized }[] = [];
    if (!commentColumn(template, cell.column))
      reasons.push({
        name: `cells.${index}.column`,
        reason: {
          sv: `”${cell.column}” är ingen kolumn i ${sheet}; ange kolumnens bokstav, rubrik eller nyckel: ${commentColumnChoices(template, 'sv')}`,
          en: `“${cell.column}” is no column of ${sheet}; give the column's letter, header or key: ${commentColumnChoices(template, 'en')}`,
        },
      });
    if (cell.row < 2 || cell.row > lastRow)
      reasons.push({
        name: `cells.${index}.row`,
        reason:
          lastRow < 2
            ? { sv: `version ${returned} har inga rader att kommentera`, en: `version ${returned} has no rows to comment on` }
            : {
                sv: `rad ${cell.row} finns inte i version ${returned}; raderna är 2–${lastRow} (rad 1 är rubrikraden)`,
                en: `row ${cell.row} does not exist in version ${returned}; the rows are 2–${lastRow} (row 1 is the header row)`,
              },
      });
    return reasons;
  });
  const outside = wrong.filter((reasons) => reasons.length > 0).length;
  if (outside > 0) {
    const reasons = wrong.flat();
    throw new HttpProblem('cell-comment-outside-template', outsideInWords(outside, describeTarget(target)), (language) => ({
      'invalid-params': reasons.map(({ name, reason }) => ({ name, reason: pick(reason, language) })),
    }));
  }
  if (JSON.stringify(canonical).length > MAX_CELL_COMMENTS_CHARS) {
    throw new HttpProblem('comments-too-long', {
      sv: `Cellkommentarerna är för långa tillsammans (högst ${numberIn(MAX_CELL_COMMENTS_CHARS, 'sv')} tecken). Korta dem eller dela upp returen.`,
      en: `The cell comments are too long together (at most ${numberIn(MAX_CELL_COMMENTS_CHARS, 'en')} characters). Shorten them or split the return.`,
    });
  }
  return canonical;
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
      {
        sv: `${describeTarget(target).sv} ändrades samtidigt (en ny inskickning eller en annan samordnare). Inget har sparats; läs om läget och försök igen.`,
        en: `${describeTarget(target).en} changed meanwhile (a new submission or another coordinator). Nothing was stored; reload the round and try again.`,
      },
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

const ADDRESS: Localized = {
  sv: 'Adressen ska vara /api/rounds/{år}/{län}/{activities|expenses}/{return|accept|reopen}, t.ex. /api/rounds/2013/I/activities/accept.',
  en: 'The address must be /api/rounds/{year}/{county}/{activities|expenses}/{return|accept|reopen}, e.g. /api/rounds/2013/I/activities/accept.',
};

async function coordinatorTarget(request: Parameters<Route['handler']>[0], services: Services): Promise<{ caller: Caller; target: Target }> {
  const caller = await authenticate(request, services.authentication);
  requireRole(caller, ['coordinator']);
  return { caller, target: parseInput(submissionRouteSchema(services.settings), request.params, ADDRESS) };
}

/** `POST /api/rounds/{year}/{board}/{template}/return` `{ version, comment, cells? }`: sent back for correction. */
const returnRound = defineRoute('returnRound', ['POST'], 'rounds/{year}/{board}/{template}/return', async (request, services) => {
  const { caller, target } = await coordinatorTarget(request, services);
  const body = await readJsonBody(request, returnBodySchema, MAX_DECISION_BYTES);
  const cells = checkCells(body.cells ?? [], target, await services.rounds.record(target.board, target.year, target.template), body.version);
  const event = { kind: 'returned', version: body.version, comment: body.comment, cells, at: services.now().toISOString(), by: caller.name } as const;
  return json(200, await decide(services, target, event));
});

/** `POST /api/rounds/{year}/{board}/{template}/accept` `{ version, comment? }`: approved; closed to submissions until reopened. */
const acceptRound = defineRoute('acceptRound', ['POST'], 'rounds/{year}/{board}/{template}/accept', async (request, services) => {
  const { caller, target } = await coordinatorTarget(request, services);
  const body = await readJsonBody(request, acceptBodySchema, MAX_DECISION_BYTES);
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
  const body = request.headers.get('content-type') ? await readJsonBody(request, reopenBodySchema, MAX_DECISION_BYTES) : { comment: undefined };
  const event = { kind: 'reopened', ...(body.comment ? { comment: body.comment } : {}), at: services.now().toISOString(), by: caller.name } as const;
  return json(200, await decide(services, target, event));
});

export const roundRoutes: Route[] = [round, returnRound, acceptRound, reopenRound];
