import type { TableClient } from '@azure/data-tables';
import type { Year } from '@samla/shared';
import { HttpProblem } from '../http/problem';

/** Whether a year takes submissions, and who last changed that. */
export interface YearLock {
  readonly year: Year;
  readonly locked: boolean;
  readonly changedBy: string;
  /** ISO 8601 instant. */
  readonly changedAt: string;
  /** The reason given, e.g. the report that was delivered. */
  readonly note?: string;
}

export interface YearLockEvent extends YearLock {
  readonly sequence: number;
}

/** Locks per year: a locked year refuses submissions; every lock and unlock is kept. */
export interface YearLockStore {
  state(year: Year): Promise<YearLock | undefined>;
  lock(year: Year, by: string, at: string, note?: string): Promise<YearLock>;
  unlock(year: Year, by: string, at: string, note?: string): Promise<YearLock>;
  /** Every lock and unlock of the year, newest first. */
  history(year: Year): Promise<YearLockEvent[]>;
}

interface LockEntity {
  partitionKey: string;
  rowKey: string;
  year: number;
  locked: boolean;
  changedBy: string;
  changedAt: string;
  note?: string;
  sequence: number;
}

const CURRENT = 'current';
const historyPartition = (year: Year): string => `history|${year}`;

function fromEntity(entity: LockEntity): YearLockEvent {
  return { year: entity.year, locked: entity.locked, changedBy: entity.changedBy, changedAt: entity.changedAt, sequence: entity.sequence, ...(entity.note ? { note: entity.note } : {}) };
}

/*
 * Layout: PartitionKey `current`, RowKey the year: the state in force. PartitionKey `history|year`, RowKey the
 * zero-padded sequence number: every change. The history entity is created first (its insert decides the order
 * of two concurrent changes), then the current state is replaced with If-Match.
 */
export class TableYearLockStore implements YearLockStore {
  constructor(private readonly table: TableClient) {}

  private async read(year: Year): Promise<(LockEntity & { etag?: string }) | undefined> {
    try {
      return await this.table.getEntity<LockEntity>(CURRENT, String(year));
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async state(year: Year): Promise<YearLock | undefined> {
    const entity = await this.read(year);
    return entity ? fromEntity(entity) : undefined;
  }

  lock(year: Year, by: string, at: string, note?: string): Promise<YearLock> {
    return this.change(year, true, by, at, note);
  }

  unlock(year: Year, by: string, at: string, note?: string): Promise<YearLock> {
    return this.change(year, false, by, at, note);
  }

  private async change(year: Year, locked: boolean, changedBy: string, changedAt: string, note?: string): Promise<YearLock> {
    for (let attempt = 0; ; attempt += 1) {
      const existing = await this.read(year);
      const sequence = (existing?.sequence ?? 0) + 1;
      const entity: LockEntity = { partitionKey: CURRENT, rowKey: String(year), year, locked, changedBy, changedAt, sequence, ...(note ? { note } : {}) };
      try {
        await this.table.createEntity({ ...entity, partitionKey: historyPartition(year), rowKey: String(sequence).padStart(6, '0') });
        if (existing?.etag) await this.table.updateEntity(entity, 'Replace', { etag: existing.etag });
        else await this.table.createEntity(entity);
        return fromEntity(entity);
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if ((status !== 409 && status !== 412) || attempt >= 4) throw error;
      }
    }
  }

  async history(year: Year): Promise<YearLockEvent[]> {
    const events: YearLockEvent[] = [];
    for await (const entity of this.table.listEntities<LockEntity>({ queryOptions: { filter: `PartitionKey eq '${historyPartition(year)}'` } })) events.push(fromEntity(entity));
    return events.sort((a, b) => b.sequence - a.sequence);
  }
}

/** Refuses a submission to a locked year with a 409 that says why and what to do. */
export async function assertYearOpen(locks: Pick<YearLockStore, 'state'>, year: Year): Promise<void> {
  const lock = await locks.state(year);
  if (!lock?.locked) return;
  throw new HttpProblem(
    409,
    'Året är låst',
    `År ${year} är låst för inlämningar sedan ${lock.changedAt.slice(0, 10)} (låst av ${lock.changedBy}) eftersom rapporten för året är lämnad. Inget har sparats. Kontakta samordnarna om uppgifterna behöver ändras; en samordnare kan låsa upp året.`,
    { year, lockedBy: lock.changedBy, lockedAt: lock.changedAt },
  );
}
