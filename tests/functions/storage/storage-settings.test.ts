import { readStorageSettings, StorageSettingsError } from '../../../functions/src/storage/storage-settings';
import { openTables } from '../../../functions/src/storage/table-clients';
import { startAzurite, type AzuriteTables } from '../../support/azurite';

const AZURITE = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1';

describe('storage settings from the environment', () => {
  it('takes a connection string and the default table prefix Samla', () => {
    expect(readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: AZURITE })).toEqual({
      kind: 'connection-string',
      connectionString: AZURITE,
      tablePrefix: 'Samla',
      deadlineMs: 7000,
    });
  });

  it('takes an https account URL for managed identity, and a table prefix that isolates tests', () => {
    expect(readStorageSettings({ SAMLA_STORAGE_ACCOUNT_URL: 'https://samla.table.core.windows.net', SAMLA_TABLE_PREFIX: 'Test42' })).toEqual({
      kind: 'account-url',
      accountUrl: 'https://samla.table.core.windows.net',
      tablePrefix: 'Test42',
      deadlineMs: 7000,
    });
  });

  it('takes a storage deadline in milliseconds, within sensible bounds', () => {
    expect(readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: AZURITE, SAMLA_STORAGE_DEADLINE_MS: '1500' }).deadlineMs).toBe(1500);
    expect(() => readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: AZURITE, SAMLA_STORAGE_DEADLINE_MS: '0' })).toThrow(/SAMLA_STORAGE_DEADLINE_MS/);
    expect(() => readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: AZURITE, SAMLA_STORAGE_DEADLINE_MS: 'soon' })).toThrow(/SAMLA_STORAGE_DEADLINE_MS/);
  });

  it('refuses to start without storage, naming both variables', () => {
    expect(() => readStorageSettings({})).toThrow(StorageSettingsError);
    expect(() => readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: '  ' })).toThrow(/SAMLA_STORAGE_CONNECTION_STRING.*SAMLA_STORAGE_ACCOUNT_URL/);
  });

  it('refuses an account URL over plain http', () => {
    expect(() => readStorageSettings({ SAMLA_STORAGE_ACCOUNT_URL: 'http://samla.table.core.windows.net' })).toThrow(
      /SAMLA_STORAGE_ACCOUNT_URL must be an https URL/,
    );
  });

  it('refuses both at once rather than guess which account to write to', () => {
    expect(() => readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: AZURITE, SAMLA_STORAGE_ACCOUNT_URL: 'https://a.table.core.windows.net' })).toThrow(
      /not both/,
    );
  });

  it('refuses a table prefix that would make an invalid table name, without echoing the connection string', () => {
    const attempt = (): unknown => readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: AZURITE, SAMLA_TABLE_PREFIX: 'a-b' });
    expect(attempt).toThrow(/SAMLA_TABLE_PREFIX/);
    expect(attempt).not.toThrow(/a2V5/);
  });

  it('refuses text that is no connection string', () => {
    expect(() => readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: 'hello' })).toThrow(/not a storage connection string/);
  });
});

describe('opening the tables', () => {
  let azurite: AzuriteTables;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite.stop();
  });

  it('creates the missing tables under the prefix, and opening again finds them', async () => {
    const settings = readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: azurite.connectionString, SAMLA_TABLE_PREFIX: 'Open' });
    const tables = await openTables(settings);
    expect([tables.rows.tableName, tables.submissions.tableName, tables.idempotency.tableName]).toEqual(['OpenRows', 'OpenSubmissions', 'OpenIdempotency']);
    await tables.rows.createEntity({ partitionKey: 'p', rowKey: 'r' });
    const again = await openTables(settings);
    await expect(again.rows.getEntity('p', 'r')).resolves.toMatchObject({ partitionKey: 'p', rowKey: 'r' });
  });
});
