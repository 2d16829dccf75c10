import { createServer } from 'net';
import path from 'path';

interface DevServer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface PaneServer {
  /** The dev server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The add-in's own webpack dev server (the same config `npm start` uses), on a free loopback port over http,
 * proxying /api to the given functions host.
 */
export async function startPaneServer(apiOrigin: string): Promise<PaneServer> {
  const addin = path.join(__dirname, '..', '..', '..', 'addin');
  // The build's own CommonJS modules, loaded as webpack-cli would load them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createConfig } = require(path.join(addin, 'webpack.config.js')) as { createConfig(options: object): Record<string, unknown> & { devServer: object } };
  const webpack = require('webpack') as (config: object) => unknown;
  const WebpackDevServer = require('webpack-dev-server') as new (options: object, compiler: unknown) => DevServer;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const port = await freePort();
  const { devServer, ...config } = createConfig({ mode: 'development', https: false, host: '127.0.0.1', port, apiUrl: apiOrigin });
  const server = new WebpackDevServer(
    { ...devServer, client: false, webSocketServer: false, devMiddleware: { stats: 'errors-only' } },
    webpack({ ...config, infrastructureLogging: { level: 'error' } }),
  );
  await server.start();
  return { url: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}
