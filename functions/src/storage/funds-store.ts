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
  /** The movements as JSON: a list fits one property, and the year's list is always replaced whole. */
  movements: string;
  recordedBy: string;
  recordedAt: string;
}

function fromRevision(record: Revision<FundsProperties>): RecordedFunds {
  return {
    year: record.year,
    movements: JSON.parse(record.movements) as FundsMovement[],
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
    return fromRevision(await this.log.write(year, { movements: JSON.stringify(movements), recordedBy, recordedAt }));
  }

  async history(year: Year): Promise<RecordedFunds[]> {
    return (await this.log.history(year)).map(fromRevision);
  }

  async all(): Promise<RecordedFunds[]> {
    return (await this.log.allCurrent()).map(fromRevision);
  }
}
