import { odata, type TableEntityResult, type TableTransactionResponse, type TransactionAction } from '@azure/data-tables';
import {
  BOARD_CODES,
  TEMPLATE_KEYS,
  isBoardCode,
  isTemplateKey,
  knownTemplateKeys,
  templateModules,
  type BoardCode,
  type TemplateKey,
  type TemplateRows,
  type Year,
} from '@samla/shared';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_BLOCK_CHARS,
  MAX_BATCH_SIZE,
  ROW_WRITE_ACTION,
  appendEntityRows,
  blockEntity,
  isPackedRows,
  isUploadRowsPartition,
  rowBatches,
  rowEntities,
  rowPropertyNames,
  rowsPartitionKey,
  uploadRowsPartitionKey,
  versionKey,
  type PackedBlock,
  type PackedRows,
} from './row-entities';
import {
  ConcurrentSubmissionError,
  YearLockedError,
  type BoardRows,
  type NationYear,
  type NewSubmission,
  type SubmissionStore,
  type SubmissionVersion,
} from './submission-store';
import {
  ROUND,
  RoundChangedError,
  warningsPartition,
  withoutMetadata,
  type RoundEntity,
  type RoundMove,
  type RoundRecord,
  type RoundStore,
  type StoredVersionRound,
} from './round-store';
import type { SamlaTables } from './table-clients';
import { statusOf } from './table-errors';

/** Row transactions of one submission in flight at once, unless the options say otherwise (benchmarks use it too). */
export const DEFAULT_BATCHES_IN_FLIGHT = 8;

export interface TableSubmissionStoreOptions {
  /** Row transactions of one submission in flight at once (DEFAULT_BATCHES_IN_FLIGHT). */
  readonly maxBatchesInFlight?: number;
  /** Characters of rows' JSON per stored block (row-entities.ts, DEFAULT_BLOCK_CHARS): a test makes many small blocks. */
  readonly rowBlockChars?: number;
  /** The clock, when a submission brings no `submittedAt`. */
  readonly now?: () => Date;
  /** Called after each row transaction is stored: lets a test take storage away part-way. */
  readonly afterBatch?: (batchesWritten: number, batchCount: number) => void | Promise<void>;
  /** The reporting round, moved in the pointer's own transaction (round-store.ts); without it no round is kept. */
  readonly round?: RoundStore;
}

// ---- The reporting round's part (round-store.ts): a submission staged, then made current, and undone if need be ----

/** A submission whose rows are written and whose pointer has not moved yet. */
export interface StagedSubmission {
  readonly partition: string;
  readonly previous?: PointerEntity;
  /** The year gate as read at the start: the pointer moves only while it is unchanged (see setYearGate). */
  readonly gate?: GateEntity;
  /**
   * The round entity as read at the start with the pointer (undefined inside: the template has none yet), when the
   * store keeps rounds: the move is guarded by its ETag, so a decision in between makes the submission fail in words.
   */
  readonly round?: { readonly entity: RoundEntity | undefined };
  readonly stored: VersionProperties;
}

/**
 * What a submission reads of its partition before anything is written (`readStart`): the pointer, the version counter,
 * the year gate and, when rounds are kept, the round with its record. Given to `stage`, it is not read again.
 */
export interface SubmissionStart {
  readonly partition: string;
  readonly pointer?: PointerEntity;
  readonly counter?: TableEntityResult<{ lastVersion: number }>;
  readonly gate?: GateEntity;
  /** The round entity (undefined inside: the template has none yet), when the store keeps rounds. */
  readonly round?: { readonly entity: RoundEntity | undefined };
  /** The round's record from the same read (round-store.ts), when the store keeps rounds. */
  readonly record?: RoundRecord;
}

/** A submission made current, with what it takes to undo it while nothing else has moved the pointer. */
export interface CommittedSubmission {
  readonly staged: StagedSubmission;
  readonly version: SubmissionVersion;
  readonly pointerEtag?: string;
  readonly roundEtag?: string;
  readonly roundMove?: RoundMove;
}

/*
 * Layout.
 * Rows table: PartitionKey `template|year|board|vNNNNNN`, RowKey the zero-padded block index; each block holds
 *   consecutive rows as gzipped JSON (row-entities.ts). Versions stored before blocks have one entity per row, one
 *   property per column, and are read as they are.
 * Submissions table, PartitionKey `year|template|board` (year first, so one range query finds a year):
 *   RowKey `counter`  the last version number handed out (reserved before any row is written);
 *   RowKey `current`  the pointer: the version readers follow, with its audit fields;
 *   RowKey `vNNNNNN`  the audit entry of each version that became current, kept forever;
 *   RowKey `gate`     whether the year is locked; the pointer moves only with the gate's ETag read at the start,
 *                     so a lock (which rewrites every gate of the year first) stops submissions still running.
 * The pointer and the new audit entry are written in one transaction, so a version is in the history exactly
 * when it became current. A version whose attempt failed leaves a gap in the numbers and an orphan rows
 * partition that nothing reads.
 */
const COUNTER = 'counter';
const CURRENT = 'current';
const GATE = 'gate';
const RESERVE_ATTEMPTS = 50;

interface VersionAudit {
  year: number;
  board: string;
  template: string;
  version: number;
  submittedAt: string;
  submittedBy: string;
  rowCount: number;
  warningCount: number;
  contentHash: string;
  /** Where the rows are when not in the version's own partition (`vNNNNNN`): an upload's, written as it was read. */
  rowsPartition?: string;
}

type VersionProperties = VersionAudit & Partial<StoredVersionRound>;

export type PointerEntity = TableEntityResult<VersionProperties & { rowsPartition: string }>;
type GateEntity = TableEntityResult<{ locked: boolean }>;

/** The Table Storage implementation of SubmissionStore (see design.md, "Storage"). */
export class TableSubmissionStore implements SubmissionStore {
  private readonly maxBatchesInFlight: number;
  private readonly rowBlockChars: number;
  private readonly now: () => Date;
  private readonly afterBatch: TableSubmissionStoreOptions['afterBatch'];
  private readonly round: RoundStore | undefined;

  constructor(
    private readonly tables: Pick<SamlaTables, 'rows' | 'submissions'>,
    options: TableSubmissionStoreOptions = {},
  ) {
    this.maxBatchesInFlight = Math.max(1, options.maxBatchesInFlight ?? DEFAULT_BATCHES_IN_FLIGHT);
    this.rowBlockChars = Math.max(1, options.rowBlockChars ?? DEFAULT_BLOCK_CHARS);
    this.now = options.now ?? (() => new Date());
    this.afterBatch = options.afterBatch;
    this.round = options.round;
  }

  async submit<T extends TemplateKey>(submission: NewSubmission<T>, start?: SubmissionStart): Promise<SubmissionVersion> {
    return (await this.commit(await this.stage(submission, start))).version;
  }

  /**
   * Reads what a submission of the template starts from, in one query of its partition (see SubmissionStart): the
   * round-intake judges the round by it, and `stage` moves from it.
   */
  async readStart(board: BoardCode, year: Year, template: TemplateKey): Promise<SubmissionStart> {
    assertKeys(board, year, template);
    const partition = submissionsPartitionKey(year, template, board);
    const { pointer, counter, gate, round } = await this.readPointerAndCounter(partition);
    // The round's record reads the pointer entity's own properties (its summary and round fields), as `record` does.
    return {
      partition,
      ...(pointer ? { pointer } : {}),
      ...(counter ? { counter } : {}),
      ...(gate ? { gate } : {}),
      ...(this.round
        ? { round: { entity: round }, record: this.round.recordOf(board, year, template, { pointer: pointer as RoundEntity | undefined, round }) }
        : {}),
    };
  }

  /**
   * Writes a submission's rows (and, with a round, its warnings) as a new version, without making it current. `start`:
   * the partition as the caller read it just before (`readStart`), else read now.
   */
  async stage<T extends TemplateKey>(submission: NewSubmission<T>, start?: SubmissionStart): Promise<StagedSubmission> {
    const { board, year, template } = submission;
    assertKeys(board, year, template);
    const partition = submissionsPartitionKey(year, template, board);
    if (start && start.partition !== partition) throw new Error(`A start read for ${start.partition} can't stage a submission to ${partition}`);
    // The pointer and the gate are read first: whoever moves or closes them after this read makes this submission lose.
    const { pointer, counter, gate, round } = start ? { ...start, round: start.round?.entity } : await this.readPointerAndCounter(partition);
    if (gate?.locked) throw new YearLockedError(year);
    const written = writtenRows(submission);
    const version = await this.reserveVersion(partition, counter);
    let rowsPartition = rowsPartitionKey(template, year, board, version);
    let rowCount: number;
    let contentHash: string;
    if (written) ({ partition: rowsPartition, rowCount, contentHash } = written);
    else {
      const built = rowEntities(submission, version, this.rowBlockChars);
      await this.writeBatches(rowBatches(built.entities));
      ({ rowCount, contentHash } = built);
    }

    const stored: VersionProperties = {
      year,
      board,
      template,
      version,
      // When the version becomes current: every row is written, the pointer moves next.
      submittedAt: submission.submittedAt ?? this.now().toISOString(),
      submittedBy: submission.submittedBy,
      rowCount,
      warningCount: submission.warningCount,
      contentHash,
      ...(written ? { rowsPartition } : {}),
      ...(this.round && submission.round ? this.round.versionProperties(submission.round) : {}),
    };
    if (this.round && submission.round) await this.round.writeWarnings(rowsPartition, submission.round.warnings);
    return { partition, ...(pointer ? { previous: pointer } : {}), ...(gate ? { gate } : {}), ...(this.round ? { round: { entity: round } } : {}), stored };
  }

  /** Makes a staged version current (see movePointer). */
  async commit(staged: StagedSubmission): Promise<CommittedSubmission> {
    const { response, roundMove } = await this.movePointer(staged.partition, staged.previous, staged.gate, staged.stored, staged.round);
    const etagOf = (rowKey: string) => response?.subResponses.find((entry) => entry.rowKey === rowKey)?.etag;
    return { staged, version: toVersion(staged.stored), pointerEtag: etagOf(CURRENT), roundEtag: etagOf('round'), ...(roundMove ? { roundMove } : {}) };
  }

  /**
   * Undoes a commit while nothing else has moved the pointer since (If-Match on the ETag the commit left): the previous
   * pointer back, the audit entry and the round's event gone, one transaction. False when someone else moved it first.
   */
  async revert(committed: CommittedSubmission): Promise<boolean> {
    const { partition, previous, stored } = committed.staged;
    const etag = committed.pointerEtag ?? '*';
    let restore: TransactionAction;
    if (previous)
      restore = [
        'update',
        { ...withoutMetadata(previous as unknown as Record<string, unknown>), partitionKey: partition, rowKey: CURRENT },
        'Replace',
        { etag },
      ];
    // Deletes in a transaction take no ETag: the round's guarded update in the same transaction (undo) stands guard.
    else restore = ['delete', { partitionKey: partition, rowKey: CURRENT }];
    try {
      await this.tables.submissions.submitTransaction([
        restore,
        ['delete', { partitionKey: partition, rowKey: versionKey(stored.version) }],
        ...(committed.roundMove?.undo(committed.roundEtag) ?? []),
      ]);
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return false;
      throw error;
    }
  }

  /**
   * Opens a rows partition of an upload's own (`template|year|board|u<id>`) to write a sheet's packed blocks into as
   * they fill, before the file is judged whole: `finish` gives the rows to `stage` as a submission's (no version is
   * reserved until then), `discard` deletes them when the file is refused. See RowsWriter.
   */
  openRows(board: BoardCode, year: Year, template: TemplateKey): Promise<RowsWriter> {
    assertKeys(board, year, template);
    const partition = uploadRowsPartitionKey(template, year, board, randomUUID().replace(/-/g, ''));
    return Promise.resolve(new TableRowsWriter(partition, this.tables, this.maxBatchesInFlight, this.afterBatch));
  }

  /** Deletes an upload's rows and, once it was staged, the warnings kept beside them (`<partition>|warnings`). */
  async discardRows(partition: string): Promise<void> {
    await Promise.all([deleteRowsPartition(this.tables, partition), deleteRowsPartition(this.tables, warningsPartition(partition))]);
  }

  async setYearGate(year: Year, locked: boolean): Promise<void> {
    assertKeys(BOARD_CODES[0], year, TEMPLATE_KEYS[0]);
    const partitions = knownTemplateKeys().flatMap((template) => BOARD_CODES.map((board) => submissionsPartitionKey(year, template, board)));
    // An unconditional replace: every gate gets a new ETag, so a submission that read the old one can't move its pointer.
    await Promise.all(partitions.map((partitionKey) => this.tables.submissions.upsertEntity({ partitionKey, rowKey: GATE, locked }, 'Replace')));
  }

  async current<T extends TemplateKey>(board: BoardCode, year: Year, template: T): Promise<BoardRows<T> | undefined> {
    assertKeys(board, year, template);
    const pointer = await this.readPointer(submissionsPartitionKey(year, template, board));
    return pointer ? this.readVersionRows<T>(pointer) : undefined;
  }

  async history(board: BoardCode, year: Year, template: TemplateKey): Promise<SubmissionVersion[]> {
    assertKeys(board, year, template);
    const partition = submissionsPartitionKey(year, template, board);
    const versions: SubmissionVersion[] = [];
    const entities = this.tables.submissions.listEntities<VersionProperties>({
      queryOptions: { filter: odata`PartitionKey eq ${partition} and RowKey ge 'v' and RowKey lt 'w'` },
    });
    for await (const entity of entities) versions.push(toVersion(entity));
    return versions.sort((a, b) => b.version - a.version);
  }

  async currentVersions(year: Year): Promise<SubmissionVersion[]> {
    return (await this.readPointers(year)).map(toVersion);
  }

  async nation(year: Year): Promise<NationYear> {
    const pointers = await this.readPointers(year);
    const all = await Promise.all(pointers.map((pointer) => this.readVersionRows(pointer)));
    const byTemplate = Object.fromEntries(templateModules().map(({ definition: { key } }) => [key, all.filter((entry) => entry.version.template === key)]));
    // One list per template key, each holding only that template's entries: the NationYear shape.
    return { year, ...byTemplate } as unknown as NationYear;
  }

  async version<T extends TemplateKey>(board: BoardCode, year: Year, template: T, version: number): Promise<BoardRows<T> | undefined> {
    assertKeys(board, year, template);
    try {
      const audit = await this.tables.submissions.getEntity<VersionProperties>(submissionsPartitionKey(year, template, board), versionKey(version));
      return await this.readVersionRows<T>({ ...audit, rowsPartition: audit.rowsPartition ?? rowsPartitionKey(template, year, board, version) });
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** One query: every current pointer of the year, in the boards' order, activities before expenses. */
  private async readPointers(year: Year): Promise<PointerEntity[]> {
    if (!Number.isInteger(year)) throw new TypeError(`Not a year: ${String(year)}`);
    const pointers: PointerEntity[] = [];
    const entities = this.tables.submissions.listEntities<PointerEntity>({
      queryOptions: { filter: odata`PartitionKey ge ${`${year}|`} and PartitionKey lt ${`${year}}`} and RowKey eq ${CURRENT}` },
    });
    for await (const entity of entities) pointers.push(entity);
    const boardOrder = (board: string): number => BOARD_CODES.indexOf(board as BoardCode);
    return pointers.sort((a, b) => a.template.localeCompare(b.template) || boardOrder(a.board) - boardOrder(b.board));
  }

  private async readPointer(partition: string): Promise<PointerEntity | undefined> {
    try {
      return await this.tables.submissions.getEntity<PointerEntity>(partition, CURRENT);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async readPointerAndCounter(
    partition: string,
  ): Promise<{ pointer?: PointerEntity; counter?: TableEntityResult<{ lastVersion: number }>; gate?: GateEntity; round?: RoundEntity }> {
    let pointer: PointerEntity | undefined;
    let counter: TableEntityResult<{ lastVersion: number }> | undefined;
    let gate: GateEntity | undefined;
    let round: RoundEntity | undefined;
    // With a round kept, its entity comes in the same query: the pointer's move need not read it again.
    const filter = this.round
      ? odata`PartitionKey eq ${partition} and (RowKey eq ${CURRENT} or RowKey eq ${COUNTER} or RowKey eq ${GATE} or RowKey eq ${ROUND})`
      : odata`PartitionKey eq ${partition} and (RowKey eq ${CURRENT} or RowKey eq ${COUNTER} or RowKey eq ${GATE})`;
    const entities = this.tables.submissions.listEntities<Record<string, unknown>>({ queryOptions: { filter } });
    for await (const entity of entities) {
      if (entity.rowKey === CURRENT) pointer = entity as unknown as PointerEntity;
      else if (entity.rowKey === GATE) gate = entity as unknown as GateEntity;
      else if (entity.rowKey === ROUND) round = entity;
      else counter = entity as unknown as TableEntityResult<{ lastVersion: number }>;
    }
    return { pointer, counter, gate, round };
  }

  private async readGate(partition: string): Promise<GateEntity | undefined> {
    try {
      return await this.tables.submissions.getEntity<{ locked: boolean }>(partition, GATE);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Hands out the next version number: the counter moves with If-Match, so no two attempts get the same one. */
  private async reserveVersion(partition: string, known?: TableEntityResult<{ lastVersion: number }>): Promise<number> {
    const { submissions } = this.tables;
    let counter = known;
    for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
      try {
        if (!counter) {
          await submissions.createEntity({ partitionKey: partition, rowKey: COUNTER, lastVersion: 1 });
          return 1;
        }
        const next = counter.lastVersion + 1;
        await submissions.updateEntity({ partitionKey: partition, rowKey: COUNTER, lastVersion: next }, 'Replace', {
          etag: counter.etag,
        });
        return next;
      } catch (error) {
        const status = statusOf(error);
        if (status !== 409 && status !== 412) throw error;
        // Another submitter took that number: read the counter again and try the next one.
        await pause(attempt);
        counter = await submissions.getEntity<{ lastVersion: number }>(partition, COUNTER);
      }
    }
    throw new Error(`Could not reserve a version in ${partition} after ${RESERVE_ATTEMPTS} attempts`);
  }

  /** Writes the row transactions, a bounded number at once; the first failure stops the rest and is thrown. */
  private async writeBatches(batches: readonly TransactionAction[][]): Promise<void> {
    const { rows } = this.tables;
    let next = 0;
    let written = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (!failed && next < batches.length) {
        const batch = batches[next++] as TransactionAction[];
        try {
          await rows.submitTransaction(batch);
        } catch (error) {
          failed = true;
          throw error;
        }
        written++;
        if (this.afterBatch) await this.afterBatch(written, batches.length);
      }
    };
    const workers = Math.min(this.maxBatchesInFlight, batches.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  /**
   * Makes the version current and records it in the history, in one transaction guarded by the pointer's ETag and
   * the year gate's ETag as read at the start (a gate that was missing must still be missing); with a round, the round
   * moves to `submitted` in the same transaction (refused while it is accepted, read here at the pointer).
   */
  private async movePointer(
    partition: string,
    previous: PointerEntity | undefined,
    gate: GateEntity | undefined,
    stored: VersionProperties,
    round?: StagedSubmission['round'],
  ): Promise<{ response?: TableTransactionResponse; roundMove?: RoundMove }> {
    const pointer = {
      partitionKey: partition,
      rowKey: CURRENT,
      ...stored,
      rowsPartition: stored.rowsPartition ?? rowsPartitionKey(stored.template as TemplateKey, stored.year, stored.board as BoardCode, stored.version),
    };
    const audit = { partitionKey: partition, rowKey: versionKey(stored.version), ...stored };
    const pointerAction: TransactionAction = previous ? ['update', pointer, 'Replace', { etag: previous.etag }] : ['create', pointer];
    const openGate = { partitionKey: partition, rowKey: GATE, locked: false };
    const gateAction: TransactionAction = gate ? ['update', openGate, 'Replace', { etag: gate.etag }] : ['create', openGate];
    const roundMove = await this.roundMove(stored, previous, round);
    try {
      const response = await this.tables.submissions.submitTransaction([pointerAction, ['create', audit], gateAction, ...(roundMove?.actions ?? [])]);
      return { response, ...(roundMove ? { roundMove } : {}) };
    } catch (error) {
      const status = statusOf(error);
      if (status !== 409 && status !== 412) throw error;
      // A response lost on the network and retried by the SDK fails on our own write: then we did win.
      const [now, gateNow] = await Promise.all([this.readPointer(partition), this.readGate(partition)]);
      if (now?.version === stored.version) return roundMove ? { roundMove } : {};
      if (gateNow?.locked) throw new YearLockedError(stored.year);
      // The pointer did not move but the round did (a coordinator's accept or return in between): say which.
      if (roundMove && now?.version === previous?.version) {
        await this.roundMove(stored, previous);
        throw new RoundChangedError(stored.board as BoardCode, stored.year, stored.template as TemplateKey);
      }
      throw new ConcurrentSubmissionError(stored.board as BoardCode, stored.year, stored.template as TemplateKey);
    }
  }

  /** The round's part of a pointer move; throws RoundAcceptedError when the round is accepted. */
  private async roundMove(stored: VersionProperties, previous: PointerEntity | undefined, known?: StagedSubmission['round']): Promise<RoundMove | undefined> {
    if (!this.round || stored.nothingToReport === undefined) return undefined;
    const target = { board: stored.board as BoardCode, year: stored.year, template: stored.template as TemplateKey };
    const event = {
      kind: 'submitted',
      version: stored.version,
      nothingToReport: stored.nothingToReport,
      at: stored.submittedAt,
      by: stored.submittedBy,
    } as const;
    return this.round.submittedMove(target, event, previous, known ? { round: known.entity } : undefined);
  }

  private async readVersionRows<T extends TemplateKey>(pointer: PointerEntity): Promise<BoardRows<T>> {
    const template = pointer.template as T;
    const rows: TemplateRows[T][] = [];
    const entities = this.tables.rows.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${pointer.rowsPartition}`, select: rowPropertyNames(template) },
    });
    for await (const page of entities.byPage({ maxPageSize: 1000 })) {
      for (const entity of page) appendEntityRows(template, entity, rows);
    }
    if (rows.length !== pointer.rowCount) {
      // Never hand a report half a version: this can only mean the stored rows were tampered with.
      throw new Error(`${pointer.rowsPartition} holds ${rows.length} rows, its pointer says ${pointer.rowCount}`);
    }
    return { version: toVersion(pointer), rows };
  }
}

export function submissionsPartitionKey(year: Year, template: TemplateKey, board: BoardCode): string {
  return `${year}|${template}|${board}`;
}

function toVersion(entity: VersionProperties): SubmissionVersion {
  return {
    board: entity.board as BoardCode,
    year: entity.year,
    template: entity.template as TemplateKey,
    version: entity.version,
    submittedAt: entity.submittedAt,
    submittedBy: entity.submittedBy,
    rowCount: entity.rowCount,
    warningCount: entity.warningCount,
    contentHash: entity.contentHash,
  };
}

/** Board, year and template become keys: only known boards, templates and whole years are let through. */
function assertKeys(board: unknown, year: unknown, template: unknown): void {
  if (!isBoardCode(board)) throw new TypeError(`Not a board: ${String(board)}`);
  if (!isTemplateKey(template)) throw new TypeError(`Not a template: ${String(template)}`);
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new TypeError(`Not a year: ${String(year)}`);
  }
}

function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(100, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * An upload's sheet's rows written as they are packed (`openRows`): blocks go to the upload's own rows partition, each
 * block one upsert transaction, up to `maxBatchesInFlight` under way while the file is still being read (`write` waits
 * while that many are). The first failed write is thrown by the next `write` or by `finish`, as it came (an
 * unanswered storage is a 503 at the edge); nothing then becomes current. Until `stage` names the partition in a
 * version's pointer, nothing reads it; `discard` removes it.
 */
export interface RowsWriter {
  /** `template|year|board|u<id>`: the partition the rows go to. */
  readonly partition: string;
  /** Writes blocks in order, after those written before (PackedBlock as RowPacker.takeBlocks gives them). */
  write(blocks: readonly PackedBlock[]): Promise<void>;
  /** Writes the packed rows' last blocks, waits for every write, and gives the rows as written (PackedRows.partition). */
  finish(packed: PackedRows): Promise<PackedRows>;
  /** Waits for the writes under way and deletes every block written (the file was refused, or is not stored). */
  discard(): Promise<void>;
}

class TableRowsWriter implements RowsWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  private nextIndex = 0;
  private written = 0;

  constructor(
    readonly partition: string,
    private readonly tables: Pick<SamlaTables, 'rows'>,
    private readonly maxInFlight: number,
    private readonly afterBatch: TableSubmissionStoreOptions['afterBatch'],
  ) {}

  async write(blocks: readonly PackedBlock[]): Promise<void> {
    for (const block of blocks) {
      this.throwFailure();
      while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
      this.throwFailure();
      const entity = blockEntity(this.partition, block, this.nextIndex);
      this.nextIndex += 1;
      const writing = this.tables.rows
        .submitTransaction([[ROW_WRITE_ACTION, entity]])
        .then(async () => {
          this.written += 1;
          if (this.afterBatch) await this.afterBatch(this.written, this.nextIndex);
        })
        // Kept, not thrown here: the next write or finish throws it (no rejection goes unhandled meanwhile).
        .catch((error: unknown) => void (this.failure ??= { error }))
        .finally(() => this.inFlight.delete(writing));
      this.inFlight.add(writing);
    }
  }

  async finish(packed: PackedRows): Promise<PackedRows> {
    await this.write(packed.blocks);
    await Promise.all(this.inFlight);
    this.throwFailure();
    return { blocks: [], rowCount: packed.rowCount, contentHash: packed.contentHash, partition: this.partition };
  }

  async discard(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.nextIndex > 0) await deleteRowsPartition(this.tables, this.partition);
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** Deletes every entity of a rows partition: listed (keys only), then deleted 100 to a transaction. */
async function deleteRowsPartition(tables: Pick<SamlaTables, 'rows'>, partition: string): Promise<void> {
  const keys: string[] = [];
  const entities = tables.rows.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${partition}`, select: ['RowKey'] } });
  for await (const entity of entities) if (typeof entity.rowKey === 'string') keys.push(entity.rowKey);
  for (let start = 0; start < keys.length; start += MAX_BATCH_SIZE) {
    const deletes = keys.slice(start, start + MAX_BATCH_SIZE).map((rowKey): TransactionAction => ['delete', { partitionKey: partition, rowKey }]);
    await tables.rows.submitTransaction(deletes);
  }
}

/** A submission's rows written already to an upload's partition of its own board, year and template (RowsWriter). */
function writtenRows(submission: NewSubmission): (PackedRows & { readonly partition: string }) | undefined {
  const { rows, template, year, board } = submission;
  if (!isPackedRows(rows) || rows.partition === undefined) return undefined;
  if (!isUploadRowsPartition(rows.partition, template, year, board)) throw new Error(`${rows.partition} holds no rows of ${template} ${year} ${board}`);
  if (rows.blocks.length > 0) throw new Error(`Rows written to ${rows.partition} bring blocks of their own`);
  return { ...rows, partition: rows.partition };
}
