import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { DEFAULT_STORAGE_DEADLINE_MS, type StorageSettings } from './storage-settings';

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

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/**
 * A deadline on every storage call, retries included: the call's abort signal fires after `ms`, so a storage that
 * accepts the connection and never answers (a frozen process, a black-holed port) is an `AbortError`, which the
 * HTTP edge answers with 503, instead of a request that hangs. A signal the caller gave still aborts it earlier.
 */
export function deadlinePolicy(ms: number): PipelinePolicy {
  return {
    name: 'samlaStorageDeadline',
    sendRequest(request, next) {
      const deadline = AbortSignal.timeout(ms);
      // The SDK's AbortSignalLike is the platform's AbortSignal in Node.
      const given = request.abortSignal as AbortSignal | undefined;
      request.abortSignal = given ? AbortSignal.any([given, deadline]) : deadline;
      return next(request);
    },
  };
}

/** Tables created (or found) in this process, by endpoint and name: each is created once. */
const ensured = new Map<string, Promise<void>>();

/** The table clients for the settings, with every table created if it is missing (once per process). */
export async function openTables(settings: StorageSettings, options: TableClientOptions = {}): Promise<SamlaTables> {
  const tables = tableClients(settings, options);
  await ensureTables(tables);
  return tables;
}

/**
 * Creates the tables that are missing (once per process; a failure is forgotten, so the next call tries again).
 * The app calls it before its first storage call, never at start: routes that need no storage work without it.
 */
export async function ensureTables(tables: SamlaTables): Promise<void> {
  await Promise.all(Object.values(tables).map(ensureTable));
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
  const clientOptions: TableServiceClientOptions = {
    retryOptions: options.retryOptions,
    additionalPolicies: [{ policy: deadlinePolicy(settings.deadlineMs ?? DEFAULT_STORAGE_DEADLINE_MS), position: 'perCall' }],
  };
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
