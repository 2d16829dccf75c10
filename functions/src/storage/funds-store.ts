import type { TableClient } from '@azure/data-tables';
import type { FundsMovement, Year, YearFunds } from '@samla/shared';

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

interface FundsEntity {
  partitionKey: string;
  rowKey: string;
  year: number;
  movements: string;
  revision: number;
  recordedBy: string;
  recordedAt: string;
}

const CURRENT = 'current';
const historyPartition = (year: Year): string => `history|${year}`;
const revisionKey = (revision: number): string => `r${String(revision).padStart(6, '0')}`;

function fromEntity(entity: FundsEntity): RecordedFunds {
  return { year: entity.year, movements: JSON.parse(entity.movements) as FundsMovement[], revision: entity.revision, recordedBy: entity.recordedBy, recordedAt: entity.recordedAt };
}

/*
 * Layout: PartitionKey `current`, RowKey the year: the list in force. PartitionKey `history|year`, RowKey
 * `rNNNNNN`: every revision. Both are written in one order (history first), so the history always holds the
 * current revision; a concurrent replace loses on the current entity's ETag and is retried on the new revision.
 */
export class TableFundsStore implements FundsStore {
  constructor(private readonly table: TableClient) {}

  async get(year: Year): Promise<RecordedFunds | undefined> {
    const entity = await this.read(year);
    return entity ? fromEntity(entity) : undefined;
  }

  private async read(year: Year): Promise<(FundsEntity & { etag?: string }) | undefined> {
    try {
      return await this.table.getEntity<FundsEntity>(CURRENT, String(year));
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async replace(year: Year, movements: readonly FundsMovement[], recordedBy: string, recordedAt: string): Promise<RecordedFunds> {
    for (let attempt = 0; ; attempt += 1) {
      const existing = await this.read(year);
      const revision = (existing?.revision ?? 0) + 1;
      const entity: FundsEntity = { partitionKey: CURRENT, rowKey: String(year), year, movements: JSON.stringify(movements), revision, recordedBy, recordedAt };
      try {
        await this.table.createEntity({ ...entity, partitionKey: historyPartition(year), rowKey: revisionKey(revision) });
        if (existing?.etag) await this.table.updateEntity(entity, 'Replace', { etag: existing.etag });
        else await this.table.createEntity(entity);
        return fromEntity(entity);
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if ((status !== 409 && status !== 412) || attempt >= 4) throw error;
      }
    }
  }

  async history(year: Year): Promise<RecordedFunds[]> {
    const revisions: RecordedFunds[] = [];
    for await (const entity of this.table.listEntities<FundsEntity>({ queryOptions: { filter: `PartitionKey eq '${historyPartition(year)}'` } })) revisions.push(fromEntity(entity));
    return revisions.sort((a, b) => b.revision - a.revision);
  }

  async all(): Promise<RecordedFunds[]> {
    const years: RecordedFunds[] = [];
    for await (const entity of this.table.listEntities<FundsEntity>({ queryOptions: { filter: `PartitionKey eq '${CURRENT}'` } })) years.push(fromEntity(entity));
    return years.sort((a, b) => a.year - b.year);
  }
}
