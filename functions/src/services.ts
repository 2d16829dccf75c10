import { readFileSync } from 'node:fs';
import { LUJ_INITIATIVE, parseInitiativeSettings, type InitiativeSettings, type Year } from '@samla/shared';
import { readAuthSettings } from './auth/auth-settings';
import { openAuthentication, type Authentication } from './auth/token-verifier';
import { HttpProblem } from './http/problem';
import { TableIdempotencyStore, type IdempotencyStore } from './storage/idempotency-store';
import { readStorageSettings } from './storage/storage-settings';
import type { SubmissionStore } from './storage/submission-store';
import { TableFundsStore, type FundsStore } from './storage/funds-store';
import { assertYearOpen, TableYearLockStore, type YearLockStore } from './storage/year-lock-store';
import { openTables, type SamlaTables } from './storage/table-clients';
import { TableSubmissionStore } from './storage/table-submission-store';

/** Everything a handler needs, built once per process from the environment. */
export interface Services {
  readonly settings: InitiativeSettings;
  readonly authentication: Authentication;
  readonly store: SubmissionStore;
  readonly idempotency: IdempotencyStore;
  /** Finance's requisitions and repayments per year. */
  readonly funds: FundsStore;
  /** Which years are locked for submissions. */
  readonly locks: YearLockStore;
  readonly now: () => Date;
  /** Throws a 409 problem when the year is locked for submissions. */
  assertYearOpen(year: Year): Promise<void>;
  /** Whether storage answers, and how fast. */
  storageHealth(): Promise<{ ok: boolean; ms: number; detail?: string }>;
}

/** The initiative: LUJ unless SAMLA_INITIATIVE_FILE names another one's settings as JSON. */
export function readInitiativeSettings(env: NodeJS.ProcessEnv): InitiativeSettings {
  const file = env.SAMLA_INITIATIVE_FILE?.trim();
  return file ? parseInitiativeSettings(JSON.parse(readFileSync(file, 'utf8'))) : LUJ_INITIATIVE;
}

async function storageHealth(tables: SamlaTables): Promise<{ ok: boolean; ms: number; detail?: string }> {
  const started = Date.now();
  try {
    await tables.submissions.listEntities({ queryOptions: { filter: "PartitionKey eq 'health'" } }).byPage({ maxPageSize: 1 }).next();
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, detail: 'lagringen svarar inte' + (error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '') };
  }
}

export async function createServices(env: NodeJS.ProcessEnv): Promise<Services> {
  const settings = readInitiativeSettings(env);
  const authentication = await openAuthentication(readAuthSettings(env));
  const tables = await openTables(readStorageSettings(env));
  const locks = new TableYearLockStore(tables.yearLocks);
  return {
    settings,
    authentication,
    store: new TableSubmissionStore(tables),
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
    throw new HttpProblem(503, 'Tjänsten är inte konfigurerad', `Servern kunde inte starta: ${error instanceof Error ? error.message : String(error)}`);
  });
  return services;
}

/** Forgets the services, so that the next request builds them from the environment as it is now. */
export function resetServices(): void {
  services = undefined;
}
