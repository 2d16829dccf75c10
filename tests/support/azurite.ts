// The declarations travel with this file, so a project that compiles it (the benchmarks) needs no setup of its own.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./azurite-table-server.d.ts" />
import type { AddressInfo } from 'net';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import TableServer from 'azurite/dist/src/table/TableServer';

/** Azurite's fixed development account: public, documented, and accepted by nothing but the emulator. */
const ACCOUNT_NAME = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';

export interface AzuriteTables {
  /** `TableEndpoint=http://127.0.0.1:PORT/devstoreaccount1`: clients need `allowInsecureConnection: true`. */
  readonly connectionString: string;
  readonly port: number;
  /**
   * Takes storage off the network at once: the listener closes and every open connection is destroyed, so
   * requests in flight fail as they would in an outage. The data stays in memory for `restart()`.
   * Also the way to finish: after `stop()` nothing of Azurite keeps the process alive.
   */
  stop(): Promise<void>;
  /** Brings storage back on the same port with the data it held when it stopped. */
  restart(): Promise<void>;
}

/**
 * Starts Azurite's table service in this process on a free loopback port, in memory and silent.
 *
 * An outage is simulated at the network edge (the HTTP server stops listening and drops its connections)
 * while Azurite's in-memory database lives on, so a test can stop storage in the middle of a submission and
 * find on restart exactly what had been written before the outage.
 */
export async function startAzurite(): Promise<AzuriteTables> {
  const configuration = new TableConfiguration(
    HOST,
    0, // the system picks a free port; the server reports it
    5,
    `samla-test-${process.pid}-${Date.now()}.db`, // a name only: nothing is written with in-memory persistence
    false, // debug log
    false, // access log
    undefined,
    undefined,
    false,
    false,
    '',
    '',
    '',
    undefined,
    false,
    true, // in-memory persistence
  );
  const server = new TableServer(configuration);
  await server.start();
  const port = (server.httpServer.address() as AddressInfo).port;
  let listening = true;

  async function stop(): Promise<void> {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    server.httpServer.closeAllConnections();
    await closed;
    // Its refresh timer is unref'd, but stopping it leaves no handle at all behind.
    await server.accountDataStore.close();
  }

  async function restart(): Promise<void> {
    await stop();
    await server.accountDataStore.init();
    await new Promise<void>((resolve, reject) => {
      server.httpServer.once('error', reject);
      server.httpServer.listen(port, HOST, () => {
        server.httpServer.off('error', reject);
        resolve();
      });
    });
    listening = true;
  }

  return { connectionString: connectionStringFor(port), port, stop, restart };
}

export function connectionStringFor(port: number): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${ACCOUNT_NAME}`,
    `AccountKey=${ACCOUNT_KEY}`,
    `TableEndpoint=http://${HOST}:${port}/${ACCOUNT_NAME}`,
  ].join(';');
}
