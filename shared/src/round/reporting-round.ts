import type { InitiativeSettings, Year } from '../reference/initiative';
import { isAfter } from '../reports/submission-timing';

/*
 * The reporting round (design.md, "The reporting round"): per year, board and template one state, moved by events.
 * Pure: the caller passes the time; storage keeps every event with who, when and the comment.
 */

export const ROUND_STATES = ['missing', 'submitted', 'returned', 'accepted'] as const;
/** `missing`: nothing current; `submitted`: a current version awaits review; `returned`: sent back; `accepted`: approved. */
export type RoundState = (typeof ROUND_STATES)[number];

/** The longest comment a coordinator may write, in characters (on the round, or on one cell). */
export const MAX_ROUND_COMMENT = 2_000;
/** The most cell comments one return may carry. */
export const MAX_CELL_COMMENTS = 200;

/** A coordinator's comment on one cell of the returned version: row n of the version's rows is sheet row n + 1. */
export interface CellComment {
  /** The sheet row in the template's own layout (the header is row 1). */
  readonly row: number;
  /** The column's key (a coordinator may name it by letter or header; the return route stores the key, `commentColumn`). */
  readonly column: string;
  readonly comment: string;
}

interface EventCommon {
  /** ISO 8601 instant. */
  readonly at: string;
  /** The name of who did it. */
  readonly by: string;
}

export type RoundEvent =
  | (EventCommon & { readonly kind: 'submitted'; readonly version: number; readonly nothingToReport: boolean })
  | (EventCommon & { readonly kind: 'returned'; readonly version: number; readonly comment: string; readonly cells: readonly CellComment[] })
  | (EventCommon & { readonly kind: 'accepted'; readonly version: number; readonly comment?: string })
  | (EventCommon & { readonly kind: 'reopened'; readonly comment?: string });

export type RoundEventKind = RoundEvent['kind'];

/** Where a board's template stands for a year. */
export interface RoundStatus {
  readonly state: RoundState;
  /** The current version, when there is one. */
  readonly version?: number;
  /** The current version says the board has nothing to report. */
  readonly nothingToReport: boolean;
  /** When the current version became current (ISO 8601 instant). */
  readonly submittedAt?: string;
  /** The last event that moved the round, with its comment. */
  readonly lastEvent?: RoundEvent;
  /** The open return's cell comments, while the round is `returned`. */
  readonly cells: readonly CellComment[];
}

export const MISSING: RoundStatus = { state: 'missing', nothingToReport: false, cells: [] };

/** Why an event can't move the round. */
export type RoundRefusal =
  /** A return or accept of a board that has nothing current. */
  | { readonly code: 'nothing-submitted' }
  /** A return or accept of a version that is not the current one. */
  | { readonly code: 'not-current-version'; readonly current: number; readonly given: number }
  /** A submission or a return while the round is accepted: reopen first. */
  | { readonly code: 'round-accepted'; readonly version: number }
  /** A reopen of a round that is not accepted or returned. */
  | { readonly code: 'not-closed' };

export type RoundOutcome = { readonly ok: true; readonly status: RoundStatus } | { readonly ok: false; readonly refusal: RoundRefusal };

function refuse(refusal: RoundRefusal): RoundOutcome {
  return { ok: false, refusal };
}

function checkCurrent(status: RoundStatus, version: number): RoundRefusal | undefined {
  if (status.version === undefined) return { code: 'nothing-submitted' };
  if (status.version !== version) return { code: 'not-current-version', current: status.version, given: version };
  return undefined;
}

/**
 * The round after one event, or why the event can't happen now:
 * a submission is refused while accepted; a return needs the current version and an open round; an accept needs the
 * current version (accepting twice is harmless); a reopen opens an accepted or returned round as `submitted`.
 */
export function applyRoundEvent(status: RoundStatus, event: RoundEvent): RoundOutcome {
  switch (event.kind) {
    case 'submitted':
      if (status.state === 'accepted' && status.version !== undefined) return refuse({ code: 'round-accepted', version: status.version });
      return {
        ok: true,
        status: { state: 'submitted', version: event.version, nothingToReport: event.nothingToReport, submittedAt: event.at, lastEvent: event, cells: [] },
      };
    case 'returned': {
      const problem = checkCurrent(status, event.version);
      if (problem) return refuse(problem);
      if (status.state === 'accepted') return refuse({ code: 'round-accepted', version: event.version });
      return { ok: true, status: { ...status, state: 'returned', lastEvent: event, cells: event.cells } };
    }
    case 'accepted': {
      const problem = checkCurrent(status, event.version);
      if (problem) return refuse(problem);
      return { ok: true, status: { ...status, state: 'accepted', lastEvent: event, cells: [] } };
    }
    case 'reopened':
      if (status.state !== 'accepted' && status.state !== 'returned') return refuse({ code: 'not-closed' });
      return { ok: true, status: { ...status, state: status.version === undefined ? 'missing' : 'submitted', lastEvent: event, cells: [] } };
  }
}

/** The round's status after every event in order (events that were refused are never stored, so none is skipped). */
export function roundStatusOf(events: readonly RoundEvent[]): RoundStatus {
  let status = MISSING;
  for (const event of events) {
    const outcome = applyRoundEvent(status, event);
    if (outcome.ok) status = outcome.status;
  }
  return status;
}

/**
 * The day a year's data is due: the first report that covers the year (design.md: LUJ's 2013 by the status report,
 * 2014-01-31; 2014 by the final report, 2015-03-01). An ISO date.
 */
export function roundDueDate(settings: InitiativeSettings, year: Year): string {
  return year <= settings.statusReport.year ? settings.statusReport.due : settings.finalReport.due;
}

/**
 * Late: the current version became current after the due day (Swedish calendar days), or nothing is current and the
 * due day has passed by `today` (an ISO instant or date).
 */
export function isRoundLate(status: RoundStatus, dueDate: string, today: string): boolean {
  if (status.submittedAt !== undefined) return isAfter(status.submittedAt, dueDate);
  return isAfter(today, dueDate);
}
