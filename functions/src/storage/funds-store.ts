import type { TableClient } from '@azure/data-tables';
import type { FundsMovement, Year, YearFunds } from '@samla/shared';
import { RevisionLog, type Revision } from './revision-log';

/** A year's requisitions and repayments as finance last recorded them, with who and when. */
export interface RecordedFunds extends YearFunds {
  readonly revision: number;
  readonly recordedBy: string;
  /** ISO 8601 instant. */
  readonly recordedAt: string;
}

/** Requisitions from and repayments to Kammarkollegiet, per year, replaced as a whole; every revision is kept. */
export interface FundsStore {
  get(year: Year): Promise<RecordedFunds | undefined>;
  /** Replaces the year's list; the previous one stays in the history. */
  replace(year: Year, movements: readonly FundsMovement[], recordedBy: string, recordedAt: string): Promise<RecordedFunds>;
  history(year: Year): Promise<RecordedFunds[]>;
  /** The current list of every year that has one. */
  all(): Promise<RecordedFunds[]>;
}

interface FundsProperties extends Record<string, string | number | boolean> {
  /** The movements as JSON, its first part: the year's list is always replaced whole. */
  movements: string;
  /** How many parts the JSON is split in (`movements`, `movements1`, …); absent in revisions stored as one part. */
  movementsParts: number;
  recordedBy: string;
  recordedAt: string;
}

/**
 * Characters per part: a string property holds at most 64 KiB as UTF-16, so 30 000 characters always fit.
 * 500 movements (the most the API takes) need about 40 000 characters; an entity holds 1 MiB, so 16 parts would do.
 */
export const MOVEMENTS_PART_CHARS = 30_000;

function movementsProperties(movements: readonly FundsMovement[]): Record<string, string | number> {
  const text = JSON.stringify(movements);
  const count = Math.max(1, Math.ceil(text.length / MOVEMENTS_PART_CHARS));
  const properties: Record<string, string | number> = { movementsParts: count };
  for (let part = 0; part < count; part++) {
    properties[part === 0 ? 'movements' : `movements${part}`] = text.slice(part * MOVEMENTS_PART_CHARS, (part + 1) * MOVEMENTS_PART_CHARS);
  }
  return properties;
}

function movementsOf(record: Revision<FundsProperties>): FundsMovement[] {
  const count = typeof record.movementsParts === 'number' ? record.movementsParts : 1;
  let text = record.movements;
  for (let part = 1; part < count; part++) text += String(record[`movements${part}`] ?? '');
  return JSON.parse(text) as FundsMovement[];
}

function fromRevision(record: Revision<FundsProperties>): RecordedFunds {
  return {
    year: record.year,
    movements: movementsOf(record),
    revision: record.revision,
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt,
  };
}

/** Requisitions and repayments in a revision log: one partition per year, every revision kept. */
export class TableFundsStore implements FundsStore {
  private readonly log: RevisionLog<FundsProperties>;

  constructor(table: TableClient) {
    this.log = new RevisionLog(table);
  }

  async get(year: Year): Promise<RecordedFunds | undefined> {
    const record = await this.log.current(year);
    return record ? fromRevision(record) : undefined;
  }

  async replace(year: Year, movements: readonly FundsMovement[], recordedBy: string, recordedAt: string): Promise<RecordedFunds> {
    const properties = { ...movementsProperties(movements), recordedBy, recordedAt } as FundsProperties;
    return fromRevision(await this.log.write(year, properties));
  }

  async history(year: Year): Promise<RecordedFunds[]> {
    return (await this.log.history(year)).map(fromRevision);
  }

  async all(): Promise<RecordedFunds[]> {
    return (await this.log.allCurrent()).map(fromRevision);
  }
}
