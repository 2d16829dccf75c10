import { TableClient } from '@azure/data-tables';
import { startAzurite, type AzuriteTables } from '../../support/azurite';

describe('the in-process Azurite the storage tests run against', () => {
  let azurite: AzuriteTables;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite.stop();
  });

  function client(table: string): TableClient {
    return TableClient.fromConnectionString(azurite.connectionString, table, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
  }

  it('listens on a loopback port given in its connection string', () => {
    expect(azurite.port).toBeGreaterThan(0);
    expect(azurite.connectionString).toContain(`TableEndpoint=http://127.0.0.1:${azurite.port}/devstoreaccount1`);
  });

  it('refuses requests while stopped and comes back on the same port with its data', async () => {
    const table = client('HarnessCheck');
    await table.createTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'r', n: 1 });

    await azurite.stop();
    await expect(table.getEntity('p', 'r')).rejects.toThrow();

    await azurite.restart();
    const entity = await table.getEntity<{ n: number }>('p', 'r');
    expect(entity.n).toBe(1);
  });
});
