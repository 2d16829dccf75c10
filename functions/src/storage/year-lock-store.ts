import type { TableClient } from '@azure/data-tables';
import type { Year } from '@samla/shared';
import { RevisionLog, type Revision } from './revision-log';

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

interface LockProperties extends Record<string, string | number | boolean> {
  locked: boolean;
  changedBy: string;
  changedAt: string;
  note: string;
}

function fromRevision(record: Revision<LockProperties>): YearLockEvent {
  const { year, locked, changedBy, changedAt, note, revision } = record;
  return { year, locked, changedBy, changedAt, sequence: revision, ...(note ? { note } : {}) };
}

/** Locks in a revision log: one partition per year, every lock and unlock kept. */
export class TableYearLockStore implements YearLockStore {
  private readonly log: RevisionLog<LockProperties>;

  constructor(table: TableClient) {
    this.log = new RevisionLog(table);
  }

  async state(year: Year): Promise<YearLock | undefined> {
    const record = await this.log.current(year);
    return record ? fromRevision(record) : undefined;
  }

  lock(year: Year, by: string, at: string, note?: string): Promise<YearLock> {
    return this.change(year, true, by, at, note);
  }

  unlock(year: Year, by: string, at: string, note?: string): Promise<YearLock> {
    return this.change(year, false, by, at, note);
  }

  async history(year: Year): Promise<YearLockEvent[]> {
    return (await this.log.history(year)).map(fromRevision);
  }

  private async change(year: Year, locked: boolean, changedBy: string, changedAt: string, note?: string): Promise<YearLock> {
    return fromRevision(await this.log.write(year, { locked, changedBy, changedAt, note: note ?? '' }));
  }
}
