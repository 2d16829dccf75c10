import type { TableServiceClientOptions } from '@azure/data-tables';
import type { ActivityRow, ExpenseRow } from '@samla/shared';
import { readStorageSettings } from '../../../functions/src/storage/storage-settings';
import { openTables, type SamlaTables } from '../../../functions/src/storage/table-clients';

let prefixes = 0;

/** Tables under a prefix of their own, so that every test starts from empty storage. */
export function openFreshTables(connectionString: string, retryOptions?: TableServiceClientOptions['retryOptions']): Promise<SamlaTables> {
  prefixes += 1;
  const settings = readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: connectionString, SAMLA_TABLE_PREFIX: `T${prefixes}` });
  return openTables(settings, { retryOptions });
}

/** `count` valid activity rows whose ids and titles carry `tag`, so that rows of different submissions differ. */
export function activityRows(count: number, tag: string): ActivityRow[] {
  return Array.from({ length: count }, (_, index) => ({
    activityId: `${tag}-${index + 1}`,
    strand: 'competence',
    activityType: 'training',
    title: `Utbildning ${tag} nr ${index + 1}: "jämställdhet" & <analys>`,
    startDate: '2013-03-01',
    endDate: '2013-03-02',
    targetGroup: 'managers',
    participantsWomen: index % 17,
    participantsMen: index % 11,
    participantsUnspecified: 0,
    hours: 1.5 + (index % 4),
    learningExample: index % 2 === 0,
    status: 'completed',
    ...(index % 3 === 0 ? { result: `Resultat ${index}` } : {}),
  }));
}

export function expenseRows(count: number, tag: string): ExpenseRow[] {
  return Array.from({ length: count }, (_, index) => ({
    expenseId: `${tag}-K${index + 1}`,
    date: '2013-05-10',
    category: 'travel',
    description: `Resa ${tag} ${index + 1}`,
    amount: index % 5 === 0 ? -250.5 : 1200 + index * 0.25,
    voucher: `V-${index + 1}`,
    funding: index % 2 === 0 ? 'grant' : 'own',
  }));
}
