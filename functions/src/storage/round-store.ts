import { odata, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import {
  applyRoundEvent,
  BOARD_CODES,
  MISSING,
  type BoardCode,
  type CellComment,
  type Issue,
  type RoundEvent,
  type RoundOutcome,
  type RoundState,
  type RoundStatus,
  type TemplateKey,
  type VersionSummary,
  type Year,
  knownTemplateKeys,
} from '@samla/shared';
import { rowsPartitionKey, versionKey } from './row-entities';
import type { SamlaTables } from './table-clients';
import { statusOf } from './table-errors';

/*
 * The reporting round in Table Storage (design.md, "The reporting round"). It lives in the submission's own partition
 * of the Submissions table (`year|template|board`), beside the pointer, so that a submission's pointer move and its
 * `submitted` event are one entity-group transaction:
 *   RowKey `round`    the round's status (state, current version, nothing-to-report, the last event, open cell comments);
 *   RowKey `eNNNNNN`  every event that moved the round, with who, when and the comment, kept forever.
 * A return, accept or reopen is one transaction too: the round entity with If-Match on the ETag it was read with,
 * and the new event. A submit racing a return: one transaction wins, the other fails on the ETag.
 * Each version's warnings (the first 1 000) are kept in the Rows table in a partition of their own beside the
 * version's rows (`template|year|board|vNNNNNN|warnings`), written before the pointer moves.
 */
/** The RowKey of a template's round entity in its submissions partition (the pointer's partition). */
export const ROUND = 'round';
const CURRENT = 'current';
/** A string property holds at most 64 KiB (32 768 UTF-16 units); text longer than this is kept in parts. */
const PART = 30_000;
/** The most parts of one long text: 15 × 30 000 UTF-16 units ≈ 900 kB, under the entity's 1 MiB. */
const MAX_PARTS = 15;
/** The most characters a return's cell comments may take together as stored (JSON): what one entity can hold. */
export const MAX_CELL_COMMENTS_CHARS = PART * MAX_PARTS;
/** The most warnings kept with each version; a count says how many more there were. */
export const MAX_STORED_WARNINGS = 1_000;

/** What a submission brings to the round: stored with the version and its `submitted` event. */
export interface VersionRound {
  readonly nothingToReport: boolean;
  readonly summary: VersionSummary;
  /** Every warning the judgement found; the first MAX_STORED_WARNINGS are kept. */
  readonly warnings: readonly Issue[];
}

/** The version fields a pointer or audit entry carries for the round's overview (the summary's figures as JSON). */
export interface StoredVersionRound {
  nothingToReport: boolean;
  figures: string;
}

/** A version's pointer as the round reads it: the audit fields and the stored summary. */
export interface RoundPointer {
  readonly version: number;
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly rowCount: number;
  readonly warningCount: number;
  readonly contentHash: string;
  readonly nothingToReport: boolean;
  readonly figures: Readonly<Record<string, number>>;
  readonly rowsPartition: string;
}

/** One board's template in a year: its pointer (when something is current) and the round's status. */
export interface RoundRecord {
  readonly board: BoardCode;
  readonly year: Year;
  readonly template: TemplateKey;
  readonly pointer?: RoundPointer;
  readonly status: RoundStatus;
}

/** The round is accepted: no new submission until a coordinator reopens it. The HTTP edge answers 409 in words. */
export class RoundAcceptedError extends Error {
  constructor(
    readonly board: BoardCode,
    readonly year: Year,
    readonly template: TemplateKey,
    readonly status: RoundStatus,
  ) {
    super(`The round ${board}/${year}/${template} is accepted (version ${status.version ?? '?'})`);
    this.name = 'RoundAcceptedError';
  }
}

/** The round moved between reading and writing (a return racing a submission): the HTTP edge answers 409. */
export class RoundChangedError extends Error {
  constructor(
    readonly board: BoardCode,
    readonly year: Year,
    readonly template: TemplateKey,
  ) {
    super(`The round ${board}/${year}/${template} changed while this change was written`);
    this.name = 'RoundChangedError';
  }
}

type Properties = Record<string, unknown>;
/** A round entity as read from the table, with its ETag. */
export type RoundEntity = TableEntityResult<Record<string, unknown>>;
type Entity = RoundEntity;

/** What a pointer move must add to its transaction, and how to take it back. */
export interface RoundMove {
  readonly actions: TransactionAction[];
  /** Restores the round as it was before the move (for a two-template submission that must be undone). */
  undo(newRoundEtag: string | undefined): TransactionAction[];
}

export function submissionsPartition(year: Year, template: TemplateKey, board: BoardCode): string {
  return `${year}|${template}|${board}`;
}

export function warningsPartition(rowsPartition: string): string {
  return `${rowsPartition}|warnings`;
}

function eventKey(index: number): string {
  return `e${String(index).padStart(6, '0')}`;
}

/** Long text as properties `<name>0`, `<name>1`, … with `<name>Parts` saying how many. */
function textParts(name: string, text: string): Properties {
  const count = Math.ceil(text.length / PART);
  if (count > MAX_PARTS) throw new RangeError(`${name} is ${text.length} characters; at most ${MAX_CELL_COMMENTS_CHARS} can be stored`);
  const properties: Properties = { [`${name}Parts`]: count };
  for (let index = 0; index < count; index++) properties[`${name}${index}`] = text.slice(index * PART, (index + 1) * PART);
  return properties;
}

function joinParts(entity: Properties, name: string): string | undefined {
  const count = entity[`${name}Parts`];
  if (typeof count !== 'number' || count === 0) return undefined;
  return Array.from({ length: count }, (_, index) => String(entity[`${name}${index}`] ?? '')).join('');
}

function parseJson<T>(text: string | undefined, fallback: T): T {
  // Written by this module from its own values, so its shape is known.
  return text === undefined ? fallback : (JSON.parse(text) as T);
}

/** An event as stored: its cells (a return's) in parts, the rest as plain properties. */
function eventProperties(event: RoundEvent): Properties {
  const { kind, at, by } = event;
  const properties: Properties = { kind, at, by };
  if ('version' in event) properties.version = event.version;
  if ('comment' in event && event.comment !== undefined) properties.comment = event.comment;
  if (event.kind === 'submitted') properties.nothingToReport = event.nothingToReport;
  if (event.kind === 'returned') Object.assign(properties, textParts('cells', JSON.stringify(event.cells)));
  return properties;
}

function eventOf(entity: Properties): RoundEvent {
  const common = { at: String(entity.at), by: String(entity.by) };
  const comment = typeof entity.comment === 'string' ? entity.comment : undefined;
  const version = Number(entity.version);
  switch (entity.kind) {
    case 'submitted':
      return { ...common, kind: 'submitted', version, nothingToReport: entity.nothingToReport === true };
    case 'returned':
      return { ...common, kind: 'returned', version, comment: comment ?? '', cells: parseJson<CellComment[]>(joinParts(entity, 'cells'), []) };
    case 'accepted':
      return { ...common, kind: 'accepted', version, ...(comment !== undefined ? { comment } : {}) };
    default:
      return { ...common, kind: 'reopened', ...(comment !== undefined ? { comment } : {}) };
  }
}

/** The round entity's properties for a status: the last event without its cells (they are the status's own). */
function roundProperties(year: Year, board: BoardCode, template: TemplateKey, status: RoundStatus, events: number): Properties {
  const lastEvent = status.lastEvent && status.lastEvent.kind === 'returned' ? { ...status.lastEvent, cells: [] } : status.lastEvent;
  return {
    year,
    board,
    template,
    state: status.state,
    nothingToReport: status.nothingToReport,
    events,
    ...(status.version !== undefined ? { version: status.version } : {}),
    ...(status.submittedAt !== undefined ? { submittedAt: status.submittedAt } : {}),
    ...(lastEvent ? { lastEvent: JSON.stringify(lastEvent) } : {}),
    ...textParts('cells', JSON.stringify(status.cells)),
  };
}

function statusOfRound(entity: Properties): RoundStatus {
  const cells = parseJson<CellComment[]>(joinParts(entity, 'cells'), []);
  const stored = parseJson<RoundEvent | undefined>(typeof entity.lastEvent === 'string' ? entity.lastEvent : undefined, undefined);
  const lastEvent = stored?.kind === 'returned' ? { ...stored, cells } : stored;
  return {
    state: entity.state as RoundState,
    nothingToReport: entity.nothingToReport === true,
    cells,
    ...(typeof entity.version === 'number' ? { version: entity.version } : {}),
    ...(typeof entity.submittedAt === 'string' ? { submittedAt: entity.submittedAt } : {}),
    ...(lastEvent ? { lastEvent } : {}),
  };
}

function pointerOf(entity: Properties): RoundPointer {
  return {
    version: Number(entity.version),
    submittedAt: String(entity.submittedAt),
    submittedBy: String(entity.submittedBy),
    rowCount: Number(entity.rowCount),
    warningCount: Number(entity.warningCount),
    contentHash: String(entity.contentHash ?? ''),
    nothingToReport: entity.nothingToReport === true,
    figures: parseJson<Record<string, number>>(typeof entity.figures === 'string' ? entity.figures : undefined, {}),
    rowsPartition: String(entity.rowsPartition),
  };
}

/** A round whose partition predates the round entity: submitted when a version is current, else missing. */
function statusFromPointer(pointer: RoundPointer | undefined): RoundStatus {
  if (!pointer) return MISSING;
  return { state: 'submitted', version: pointer.version, nothingToReport: pointer.nothingToReport, submittedAt: pointer.submittedAt, cells: [] };
}

interface PartitionRead {
  pointer?: Entity;
  round?: Entity;
}

/** The round of every board and template, kept beside the submissions' pointers. */
export class RoundStore {
  constructor(private readonly tables: Pick<SamlaTables, 'rows' | 'submissions'>) {}

  /** The fields a version's pointer and audit entry carry for the overview. */
  versionProperties(round: VersionRound): StoredVersionRound {
    return { nothingToReport: round.nothingToReport, figures: JSON.stringify(round.summary.figures) };
  }

  /** Keeps the version's first MAX_STORED_WARNINGS warnings beside its rows; written before the pointer moves. */
  async writeWarnings(rowsPartition: string, warnings: readonly Issue[]): Promise<void> {
    const kept = warnings.slice(0, MAX_STORED_WARNINGS);
    if (kept.length === 0) return;
    const partitionKey = warningsPartition(rowsPartition);
    const text = JSON.stringify(kept);
    const actions: TransactionAction[] = [];
    for (let index = 0; index * PART < text.length; index++) {
      actions.push(['upsert', { partitionKey, rowKey: String(index).padStart(4, '0'), text: text.slice(index * PART, (index + 1) * PART) }]);
    }
    await this.tables.rows.submitTransaction(actions);
  }

  /** The warnings kept with a version, in the order they were found. */
  async readWarnings(rowsPartition: string): Promise<Issue[]> {
    const parts: string[] = [];
    const entities = this.tables.rows.listEntities<{ text: string }>({ queryOptions: { filter: odata`PartitionKey eq ${warningsPartition(rowsPartition)}` } });
    for await (const entity of entities) parts.push(entity.text);
    return parseJson<Issue[]>(parts.length ? parts.join('') : undefined, []);
  }

  /**
   * What a submission's pointer move adds to its transaction: the round moved to `submitted` (If-Match on the round
   * as read now, or as `known` gives it, read with the pointer) and the event. Throws RoundAcceptedError when the round
   * is accepted.
   */
  async submittedMove(
    target: { board: BoardCode; year: Year; template: TemplateKey },
    event: Extract<RoundEvent, { kind: 'submitted' }>,
    previousPointer: object | undefined,
    known?: { readonly round: RoundEntity | undefined },
  ): Promise<RoundMove> {
    const { board, year, template } = target;
    const partitionKey = submissionsPartition(year, template, board);
    // The round as the caller read it with the pointer (one query of the partition), else read now: either way the
    // move is guarded by its ETag, so a coordinator's decision since then makes the move fail (RoundChangedError).
    const round = known ? known.round : await this.readRound(partitionKey);
    const status = round ? statusOfRound(round) : statusFromPointer(previousPointer ? pointerOf(previousPointer as Properties) : undefined);
    const outcome = applyRoundEvent(status, event);
    if (!outcome.ok) throw new RoundAcceptedError(board, year, template, status);
    const events = Number(round?.events ?? 0) + 1;
    const properties = { partitionKey, rowKey: ROUND, ...roundProperties(year, board, template, outcome.status, events) };
    const eventEntity = { partitionKey, rowKey: eventKey(events), ...eventProperties(event) };
    const actions: TransactionAction[] = [round ? ['update', properties, 'Replace', { etag: round.etag }] : ['create', properties], ['create', eventEntity]];
    // The undo always replaces the round with If-Match on the ETag this move left (a round that did not exist comes back
    // as the status it had): a transaction's deletes can't carry an ETag, so this update guards the whole undo.
    const before = round ? withoutMetadata(round) : roundProperties(year, board, template, status, 0);
    const undo = (newEtag: string | undefined): TransactionAction[] => [
      ['update', { ...before, partitionKey, rowKey: ROUND }, 'Replace', { etag: newEtag ?? '*' }],
      ['delete', { partitionKey, rowKey: eventKey(events) }],
    ];
    return { actions, undo };
  }

  /** The round of one board's template, with its pointer. */
  /** The record of a template's round from its pointer and round entities as read by someone else (one query of the partition). */
  recordOf(board: BoardCode, year: Year, template: TemplateKey, read: { readonly pointer?: RoundEntity; readonly round?: RoundEntity }): RoundRecord {
    return toRecord(board, year, template, read);
  }

  async record(board: BoardCode, year: Year, template: TemplateKey): Promise<RoundRecord> {
    const read = await this.readPartition(submissionsPartition(year, template, board));
    return toRecord(board, year, template, read);
  }

  /** Every board × template of a year, missing ones included, in the boards' order: one range query, no rows. */
  async year(year: Year): Promise<RoundRecord[]> {
    const byPartition = new Map<string, PartitionRead>();
    const entities = this.tables.submissions.listEntities<Properties>({
      queryOptions: {
        filter: odata`PartitionKey ge ${`${year}|`} and PartitionKey lt ${`${year}}`} and (RowKey eq ${CURRENT} or RowKey eq ${ROUND})`,
      },
    });
    for await (const entity of entities) {
      const key = String(entity.partitionKey);
      const read = byPartition.get(key) ?? {};
      if (entity.rowKey === CURRENT) read.pointer = entity;
      else read.round = entity;
      byPartition.set(key, read);
    }
    return knownTemplateKeys().flatMap((template) =>
      BOARD_CODES.map((board) => toRecord(board, year, template, byPartition.get(submissionsPartition(year, template, board)) ?? {})),
    );
  }

  /**
   * A coordinator's return, accept or reopen: judged by the shared state machine against the round as stored, and
   * written with its event in one transaction guarded by the round's ETag. A refusal writes nothing.
   */
  async decide(board: BoardCode, year: Year, template: TemplateKey, event: Exclude<RoundEvent, { kind: 'submitted' }>): Promise<RoundOutcome> {
    const partitionKey = submissionsPartition(year, template, board);
    const read = await this.readPartition(partitionKey);
    const status = read.round ? statusOfRound(read.round) : statusFromPointer(read.pointer ? pointerOf(read.pointer) : undefined);
    const outcome = applyRoundEvent(status, event);
    if (!outcome.ok) return outcome;
    const events = Number(read.round?.events ?? 0) + 1;
    const properties = { partitionKey, rowKey: ROUND, ...roundProperties(year, board, template, outcome.status, events) };
    try {
      await this.tables.submissions.submitTransaction([
        read.round ? ['update', properties, 'Replace', { etag: read.round.etag }] : ['create', properties],
        ['create', { partitionKey, rowKey: eventKey(events), ...eventProperties(event) }],
      ]);
    } catch (error) {
      const code = statusOf(error);
      if (code === 409 || code === 412) throw new RoundChangedError(board, year, template);
      throw error;
    }
    return outcome;
  }

  /** Every event of the round, oldest first. */
  async events(board: BoardCode, year: Year, template: TemplateKey): Promise<RoundEvent[]> {
    const partition = submissionsPartition(year, template, board);
    const events: RoundEvent[] = [];
    const entities = this.tables.submissions.listEntities<Properties>({
      queryOptions: { filter: odata`PartitionKey eq ${partition} and RowKey ge 'e' and RowKey lt 'f'` },
    });
    for await (const entity of entities) events.push(eventOf(entity));
    return events;
  }

  /** The version's audit entry (`vNNNNNN`) as the round reads it, or undefined when that version never became current. */
  async versionEntry(board: BoardCode, year: Year, template: TemplateKey, version: number): Promise<RoundPointer | undefined> {
    try {
      const entity = await this.tables.submissions.getEntity<Properties>(submissionsPartition(year, template, board), versionKey(version));
      // An upload's version names the partition its rows were written to as the file was read (RowsWriter).
      const rowsPartition = typeof entity.rowsPartition === 'string' ? entity.rowsPartition : rowsPartitionKey(template, year, board, version);
      return pointerOf({ ...entity, rowsPartition });
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async readRound(partitionKey: string): Promise<Entity | undefined> {
    try {
      return await this.tables.submissions.getEntity<Properties>(partitionKey, ROUND);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async readPartition(partitionKey: string): Promise<PartitionRead> {
    const read: PartitionRead = {};
    const entities = this.tables.submissions.listEntities<Properties>({
      queryOptions: { filter: odata`PartitionKey eq ${partitionKey} and (RowKey eq ${CURRENT} or RowKey eq ${ROUND})` },
    });
    for await (const entity of entities) {
      if (entity.rowKey === CURRENT) read.pointer = entity;
      else read.round = entity;
    }
    return read;
  }
}

/** An entity as read, without the service's own fields, to be written back as it was. */
export function withoutMetadata(entity: Properties): Properties {
  const { etag: _etag, timestamp: _timestamp, ...properties } = entity;
  return properties;
}

function toRecord(board: BoardCode, year: Year, template: TemplateKey, read: PartitionRead): RoundRecord {
  const pointer = read.pointer ? pointerOf(read.pointer) : undefined;
  const status = read.round ? statusOfRound(read.round) : statusFromPointer(pointer);
  return { board, year, template, status, ...(pointer ? { pointer } : {}) };
}
