import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import type { StorageSettings } from './storage-settings';

/** The tables Samla keeps, each named `<prefix><suffix>`. */
export const TABLE_SUFFIXES = {
  /** Rows of every submitted version, one partition per version. */
  rows: 'Rows',
  /** Per (year, template, board): the version counter, the current pointer and the audit trail. */
  submissions: 'Submissions',
  /** Idempotency keys of completed or in-flight submissions. */
  idempotency: 'Idempotency',
  /** Per year: finance's requisitions and repayments, every revision kept. */
  funds: 'Funds',
  /** Per year: whether it is locked for submissions, every lock and unlock kept. */
  yearLocks: 'YearLocks',
} as const;

export type SamlaTableName = keyof typeof TABLE_SUFFIXES;
export type SamlaTables = Readonly<Record<SamlaTableName, TableClient>>;

export interface TableClientOptions {
  /** The SDK retries failed requests (default 3 times with exponential back-off); tests of outages use fewer. */
  readonly retryOptions?: TableServiceClientOptions['retryOptions'];
}

/** Tables created (or found) in this process, by endpoint and name: each is created once. */
const ensured = new Map<string, Promise<void>>();

/** The table clients for the settings, with every table created if it is missing (once per process). */
export async function openTables(settings: StorageSettings, options: TableClientOptions = {}): Promise<SamlaTables> {
  const tables = tableClients(settings, options);
  await Promise.all(Object.values(tables).map(ensureTable));
  return tables;
}

/** The table clients for the settings, without touching the service. */
export function tableClients(settings: StorageSettings, options: TableClientOptions = {}): SamlaTables {
  const client = clientFactory(settings, options);
  return {
    rows: client(settings.tablePrefix + TABLE_SUFFIXES.rows),
    submissions: client(settings.tablePrefix + TABLE_SUFFIXES.submissions),
    idempotency: client(settings.tablePrefix + TABLE_SUFFIXES.idempotency),
    funds: client(settings.tablePrefix + TABLE_SUFFIXES.funds),
    yearLocks: client(settings.tablePrefix + TABLE_SUFFIXES.yearLocks),
  };
}

function clientFactory(settings: StorageSettings, options: TableClientOptions): (table: string) => TableClient {
  const clientOptions: TableServiceClientOptions = { retryOptions: options.retryOptions };
  if (settings.kind === 'connection-string') {
    const { connectionString } = settings;
    // Plain http only for the emulator on this machine; a real account is always reached over https.
    const allowInsecureConnection = isLoopbackEmulator(connectionString);
    return (table) => TableClient.fromConnectionString(connectionString, table, { ...clientOptions, allowInsecureConnection });
  }
  // Managed identity in Azure, the developer's Azure CLI sign-in elsewhere: never a key in the settings.
  const credential = new DefaultAzureCredential();
  return (table) => new TableClient(settings.accountUrl, table, credential, clientOptions);
}

function isLoopbackEmulator(connectionString: string): boolean {
  if (/(^|;)\s*UseDevelopmentStorage\s*=\s*true/i.test(connectionString)) return true;
  const endpoint = /(?:^|;)\s*TableEndpoint\s*=\s*([^;]+)/i.exec(connectionString)?.[1];
  if (!endpoint) return false;
  try {
    const url = new URL(endpoint.trim());
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function ensureTable(client: TableClient): Promise<void> {
  const key = `${client.url}|${client.tableName}`;
  let creation = ensured.get(key);
  if (!creation) {
    // createTable treats "already exists" as success; a failure is forgotten so that the next call tries again.
    creation = client.createTable().catch((error: unknown) => {
      ensured.delete(key);
      throw error;
    });
    ensured.set(key, creation);
  }
  return creation;
}
