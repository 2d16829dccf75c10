import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Year } from '@samla/shared';
import { statusOf } from './table-errors';

const CURRENT = 'current';
const MAX_ATTEMPTS = 5;

type Properties = Record<string, string | number | boolean>;
export type Revision<P extends Properties> = P & { readonly year: Year; readonly revision: number };

const revisionKey = (revision: number): string => `r${String(revision).padStart(6, '0')}`;

/** The property bag of an entity, without the keys and the metadata Table Storage adds. */
function propertiesOf<P extends Properties>(entity: Record<string, unknown>): Revision<P> {
  const { partitionKey: _partition, rowKey: _row, etag: _etag, timestamp: _timestamp, 'odata.metadata': _metadata, ...rest } = entity;
  return rest as Revision<P>;
}

/**
 * A record per year whose every revision is kept (requisitions, year locks): partition = the year; RowKey
 * `current` holds the revision in force, `rNNNNNN` each revision. Both are written in one transaction, so the
 * history holds exactly the revisions that were in force; a concurrent writer loses on the current entity's ETag
 * (or on creating the same revision) and is tried again on the newer revision.
 */
export class RevisionLog<P extends Properties> {
  constructor(private readonly table: TableClient) {}

  async current(year: Year): Promise<Revision<P> | undefined> {
    const entity = await this.readCurrent(year);
    return entity ? propertiesOf<P>(entity) : undefined;
  }

  async write(year: Year, properties: P): Promise<Revision<P>> {
    for (let attempt = 1; ; attempt += 1) {
      const existing = await this.readCurrent(year);
      const revision = (typeof existing?.revision === 'number' ? existing.revision : 0) + 1;
      const record = { ...properties, year, revision } as Revision<P>;
      const partitionKey = String(year);
      const current = { partitionKey, rowKey: CURRENT, ...record };
      const actions: TransactionAction[] = [
        ['create', { partitionKey, rowKey: revisionKey(revision), ...record }],
        existing ? ['update', current, 'Replace', { etag: existing.etag }] : ['create', current],
      ];
      try {
        await this.table.submitTransaction(actions);
        return record;
      } catch (error) {
        const status = statusOf(error);
        if ((status !== 409 && status !== 412) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** Every revision of the year, newest first. */
  async history(year: Year): Promise<Revision<P>[]> {
    const revisions: Revision<P>[] = [];
    const entities = this.table.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${String(year)} and RowKey ge 'r' and RowKey lt 's'` },
    });
    for await (const entity of entities) revisions.push(propertiesOf<P>(entity));
    return revisions.sort((a, b) => b.revision - a.revision);
  }

  /** The revision in force of every year that has one, by year. */
  async allCurrent(): Promise<Revision<P>[]> {
    const records: Revision<P>[] = [];
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`RowKey eq ${CURRENT}` } })) {
      records.push(propertiesOf<P>(entity));
    }
    return records.sort((a, b) => a.year - b.year);
  }

  private async readCurrent(year: Year): Promise<(Record<string, unknown> & { etag: string }) | undefined> {
    try {
      return await this.table.getEntity<Record<string, unknown>>(String(year), CURRENT);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
