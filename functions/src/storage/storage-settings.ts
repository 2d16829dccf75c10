import { z } from 'zod';

/** How the functions reach Table Storage: Azurite or a key-based account, or an account through managed identity. */
export type StorageSettings = (
  | { readonly kind: 'connection-string'; readonly connectionString: string; readonly tablePrefix: string }
  | { readonly kind: 'account-url'; readonly accountUrl: string; readonly tablePrefix: string }
) & {
  /** Milliseconds one storage call (all its retries included) may take before it counts as storage not answering. */
  readonly deadlineMs?: number;
};

/** One storage call's deadline unless SAMLA_STORAGE_DEADLINE_MS says otherwise: under the 10 s a request may wait, with room for a loaded machine's large batches. */
export const DEFAULT_STORAGE_DEADLINE_MS = 7000;

/** The settings are missing or wrong: the message names the variables and what they must hold. */
export class StorageSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageSettingsError';
  }
}

// Table names are 3–63 letters and digits, starting with a letter; the longest suffix is "Idempotency".
const TABLE_PREFIX = /^[A-Za-z][A-Za-z0-9]{0,50}$/;

const environmentSchema = z.object({
  SAMLA_STORAGE_CONNECTION_STRING: z
    .string()
    .trim()
    .min(1)
    .refine((value) => /(^|;)\s*(TableEndpoint|AccountName|UseDevelopmentStorage)\s*=/i.test(value), {
      message: 'is not a storage connection string (it needs TableEndpoint= or AccountName=)',
    })
    .optional(),
  SAMLA_STORAGE_ACCOUNT_URL: z.url({ protocol: /^https$/, message: 'must be an https URL such as https://account.table.core.windows.net' }).optional(),
  SAMLA_TABLE_PREFIX: z.string().trim().regex(TABLE_PREFIX, 'must be 1–51 letters and digits, starting with a letter').default('Samla'),
  SAMLA_STORAGE_DEADLINE_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 ms')
    .max(60_000, 'must be at most 60 000 ms')
    .default(DEFAULT_STORAGE_DEADLINE_MS),
});

const blankToUndefined = (value: string | undefined): string | undefined => (value?.trim() ? value : undefined);

/**
 * Reads the storage settings from the environment: `SAMLA_STORAGE_CONNECTION_STRING` (Azurite, or an account
 * key) or `SAMLA_STORAGE_ACCOUNT_URL` (production: managed identity, no keys), and `SAMLA_TABLE_PREFIX`.
 */
export function readStorageSettings(env: NodeJS.ProcessEnv = process.env): StorageSettings {
  const parsed = environmentSchema.safeParse({
    SAMLA_STORAGE_CONNECTION_STRING: blankToUndefined(env.SAMLA_STORAGE_CONNECTION_STRING),
    SAMLA_STORAGE_ACCOUNT_URL: blankToUndefined(env.SAMLA_STORAGE_ACCOUNT_URL),
    SAMLA_TABLE_PREFIX: blankToUndefined(env.SAMLA_TABLE_PREFIX),
    SAMLA_STORAGE_DEADLINE_MS: blankToUndefined(env.SAMLA_STORAGE_DEADLINE_MS),
  });
  if (!parsed.success) {
    // Never echo the values: a connection string holds the account key.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new StorageSettingsError(`Storage settings are wrong: ${problems.join('; ')}`);
  }
  const { SAMLA_STORAGE_CONNECTION_STRING: connectionString, SAMLA_STORAGE_ACCOUNT_URL: accountUrl } = parsed.data;
  const tablePrefix = parsed.data.SAMLA_TABLE_PREFIX;
  const deadlineMs = parsed.data.SAMLA_STORAGE_DEADLINE_MS;
  if (connectionString && accountUrl) {
    throw new StorageSettingsError(
      'Set either SAMLA_STORAGE_CONNECTION_STRING or SAMLA_STORAGE_ACCOUNT_URL, not both: it must be clear which account Samla writes to',
    );
  }
  if (connectionString) return { kind: 'connection-string', connectionString, tablePrefix, deadlineMs };
  if (accountUrl) return { kind: 'account-url', accountUrl, tablePrefix, deadlineMs };
  throw new StorageSettingsError(
    'No storage configured: set SAMLA_STORAGE_CONNECTION_STRING (Azurite or an account key) or ' +
      'SAMLA_STORAGE_ACCOUNT_URL (an https table endpoint reached with managed identity)',
  );
}
