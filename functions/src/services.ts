import { readFileSync } from 'node:fs';
import { LUJ_INITIATIVE, parseInitiativeSettings, type InitiativeSettings, type Year } from '@samla/shared';
import { readAuthSettings } from './auth/auth-settings';
import { openAuthentication, type Authentication } from './auth/token-verifier';
import { HttpProblem } from './http/problem';
import { TableIdempotencyStore, type IdempotencyStore } from './storage/idempotency-store';
import { readStorageSettings } from './storage/storage-settings';
import { RoundStore } from './storage/round-store';
import type { SubmissionStore } from './storage/submission-store';
import { TableFundsStore, type FundsStore } from './storage/funds-store';
import { TableYearLockStore, type YearLockStore } from './storage/year-lock-store';
import { assertYearOpen } from './submissions/locked-year';
import { afterReady } from './storage/ready-store';
import { storageHealth, type StorageHealth } from './storage/storage-health';
import { ensureTables, tableClients } from './storage/table-clients';
import { TableSubmissionStore } from './storage/table-submission-store';

/** Everything a handler needs, built once per process from the environment. */
export interface Services {
  readonly settings: InitiativeSettings;
  readonly authentication: Authentication;
  readonly store: SubmissionStore;
  /** The reporting round of every board and template, kept beside the pointers. */
  readonly rounds: RoundStore;
  readonly idempotency: IdempotencyStore;
  /** Finance's requisitions and repayments per year. */
  readonly funds: FundsStore;
  /** Which years are locked for submissions. */
  readonly locks: YearLockStore;
  readonly now: () => Date;
  /** Throws a 409 problem when the year is locked for submissions. */
  assertYearOpen(year: Year): Promise<void>;
  /** Whether storage answers, and how fast. */
  storageHealth(): Promise<StorageHealth>;
}

/** The initiative: LUJ unless SAMLA_INITIATIVE_FILE names another one's settings as JSON. */
export function readInitiativeSettings(env: NodeJS.ProcessEnv): InitiativeSettings {
  const file = env.SAMLA_INITIATIVE_FILE?.trim();
  return file ? parseInitiativeSettings(JSON.parse(readFileSync(file, 'utf8'))) : LUJ_INITIATIVE;
}

/** The settings, read and checked before anything is opened: a mistake here is the operator's, and says so. */
function readSettings(env: NodeJS.ProcessEnv) {
  try {
    return { settings: readInitiativeSettings(env), auth: readAuthSettings(env), storage: readStorageSettings(env) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpProblem('not-configured', { sv: `Servern kunde inte starta: ${reason}`, en: `The server could not start: ${reason}` });
  }
}

/**
 * The services, without touching storage: the tables are made ready on the first call that needs them (and tried
 * again on the next call after a failure), so `/me`, `/templates`, `/validate` and `/dev/token` answer while storage
 * is down, also right after a cold start. Every storage call has a deadline (SAMLA_STORAGE_DEADLINE_MS).
 */
export async function createServices(env: NodeJS.ProcessEnv): Promise<Services> {
  const { settings, auth, storage } = readSettings(env);
  const authentication = await openAuthentication(auth);
  const tables = tableClients(storage);
  const ready = () => ensureTables(tables);
  const now = () => new Date();
  const locks = afterReady(ready, new TableYearLockStore(tables.yearLocks));
  // The submission store calls the round store's synchronous helpers inside its own (already ready) methods.
  const roundStore = new RoundStore(tables);
  return {
    settings,
    authentication,
    store: afterReady(ready, new TableSubmissionStore(tables, { now, round: roundStore })),
    rounds: afterReady(ready, roundStore),
    idempotency: afterReady(ready, new TableIdempotencyStore(tables.idempotency)),
    funds: afterReady(ready, new TableFundsStore(tables.funds)),
    locks,
    now,
    assertYearOpen: (year) => assertYearOpen(locks, year),
    storageHealth: () => storageHealth(tables, ready),
  };
}

let services: Promise<Services> | undefined;

/** The process's services, built on first use; a failed start is not cached, so the next request tries again. */
export function getServices(): Promise<Services> {
  services ??= createServices(process.env).catch((error: unknown) => {
    services = undefined;
    throw error;
  });
  return services;
}

/** Forgets the services, so that the next request builds them from the environment as it is now. */
export function resetServices(): void {
  services = undefined;
}
