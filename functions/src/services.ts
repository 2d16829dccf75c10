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
import { storageHealth, type StorageHealth } from './storage/storage-health';
import { openTables } from './storage/table-clients';
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
    throw new HttpProblem(503, 'Tjänsten är inte konfigurerad', `Servern kunde inte starta: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function createServices(env: NodeJS.ProcessEnv): Promise<Services> {
  const { settings, auth, storage } = readSettings(env);
  const authentication = await openAuthentication(auth);
  // Storage that doesn't answer yet is the world failing, not the settings: the route wrapper answers 503 for it.
  const tables = await openTables(storage);
  const locks = new TableYearLockStore(tables.yearLocks);
  const rounds = new RoundStore(tables);
  return {
    settings,
    authentication,
    store: new TableSubmissionStore(tables, { round: rounds }),
    rounds,
    idempotency: new TableIdempotencyStore(tables.idempotency),
    funds: new TableFundsStore(tables.funds),
    locks,
    now: () => new Date(),
    assertYearOpen: (year) => assertYearOpen(locks, year),
    storageHealth: () => storageHealth(tables),
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
