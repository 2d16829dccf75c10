/**
 * The parts of Azurite's table server that the tests use. Azurite ships no type declarations, and its package
 * main is the VS Code extension, so the server is required from its dist path.
 */
declare module 'azurite/dist/src/table/TableConfiguration' {
  import type { Writable } from 'stream';

  export default class TableConfiguration {
    readonly host: string;
    readonly port: number;
    readonly isMemoryPersistence: boolean;
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      enableDebugLog?: boolean,
      enableAccessLog?: boolean,
      accessLogWriteStream?: Writable,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
    );
  }
}

declare module 'azurite/dist/src/table/TableServer' {
  import type { Server } from 'http';
  import type TableConfiguration from 'azurite/dist/src/table/TableConfiguration';

  export default class TableServer {
    constructor(configuration?: TableConfiguration);
    /** The listening HTTP server (wrapped by `stoppable`). */
    readonly httpServer: Server;
    readonly accountDataStore: { init(): Promise<void>; close(): Promise<void> };
    start(): Promise<void>;
    close(): Promise<void>;
    getHttpServerAddress(): string;
  }
}
