#!/usr/bin/env node
/**
 * `npm start`: builds Samla and runs it on this machine — Azurite (tables, data kept under .samla/), the functions on
 * http://127.0.0.1:7071/api (Azure Functions Core Tools where installed, else the local development host serving
 * the very same routes), and the add-in's dev server on https://localhost:3000. `--api-only` (npm run start:api)
 * leaves out the add-in. Ctrl-C stops everything; the next start finds the earlier data.
 */
const { spawn, spawnSync } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync, readFileSync } = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.samla');
const functionsDir = path.join(root, 'functions');
const apiOnly = process.argv.includes('--api-only');
const API_PORT = Number(process.env.SAMLA_API_PORT ?? 7071);
const AZURITE_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const children = [];

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(description, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${description} did not start within ${timeoutMs / 1000} s`);
}

/** Starts a child; `stopSignal` is the signal on which it shuts down cleanly (Azurite saves its data on SIGINT). */
function start(name, command, args, options, stopSignal = 'SIGTERM') {
  // Each child leads a process group of its own, so that stopping it stops what it started (npm → webpack).
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true, ...options });
  child.stopSignal = stopSignal;
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped (${signal ?? `exit code ${code}`}); stopping Samla.`);
      stopAll(1);
    }
  });
  return child;
}

let stopping = false;
function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  const exited = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of running) {
    try {
      process.kill(-child.pid, child.stopSignal);
    } catch {
      child.kill(child.stopSignal);
    }
  }
  // Wait for each to finish cleanly (Azurite writes its data to .samla/ as it closes), but never forever.
  const deadline = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
  void Promise.race([Promise.all(exited), deadline]).then(() => process.exit(exitCode));
}

function hasCommand(command) {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [command], { stdio: 'ignore' }).status === 0;
}

async function main() {
  console.log('Building Samla …');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed (see above)');

  mkdirSync(path.join(dataDir, 'azurite'), { recursive: true });
  const localSettings = path.join(functionsDir, 'local.settings.json');
  if (!existsSync(localSettings)) copyFileSync(path.join(functionsDir, 'local.settings.example.json'), localSettings);

  if (!(await portIsFree(API_PORT))) throw new Error(`port ${API_PORT} is in use: is Samla already running? Set SAMLA_API_PORT to use another.`);
  const tablePort = (await portIsFree(10002)) ? 10002 : await freePort();
  start(
    'Azurite',
    process.execPath,
    [
      require.resolve('azurite/dist/src/table/main.js'),
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(tablePort),
      '--location',
      path.join(dataDir, 'azurite'),
      '--silent',
      '--disableTelemetry',
      '--skipApiVersionCheck',
    ],
    { cwd: root },
    'SIGINT',
  );
  await waitFor(
    'Azurite',
    () =>
      new Promise((resolve) => {
        const socket = net
          .connect(tablePort, '127.0.0.1', () => {
            socket.end();
            resolve(true);
          })
          .once('error', () => resolve(false));
      }),
  );

  const env = {
    ...process.env,
    SAMLA_AUTH: 'dev',
    SAMLA_DEV_AUTH_DIR: path.join(dataDir, 'dev-auth'),
    SAMLA_STORAGE_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_ACCOUNT_KEY};TableEndpoint=http://127.0.0.1:${tablePort}/devstoreaccount1;`,
  };
  const useFunc = hasCommand('func') && process.env.SAMLA_USE_LOCAL_HOST !== '1';
  if (useFunc) start('Azure Functions host', 'func', ['start', '--port', String(API_PORT)], { cwd: functionsDir, env });
  else
    start('Local functions host', process.execPath, [path.join(functionsDir, 'dist', 'src', 'dev-host', 'main.js')], {
      cwd: functionsDir,
      env: { ...env, SAMLA_API_PORT: String(API_PORT) },
    });
  const apiUrl = `http://127.0.0.1:${API_PORT}/api`;
  await waitFor('the functions', async () => (await fetch(`${apiUrl}/health`)).ok, 120_000);

  const addinPackage = JSON.parse(readFileSync(path.join(root, 'addin', 'package.json'), 'utf8'));
  const withAddin = !apiOnly && addinPackage.scripts?.start;
  if (withAddin) {
    start('Add-in dev server', 'npm', ['run', 'start', '-w', 'addin'], { cwd: root, env: { ...env, SAMLA_API_URL: `http://127.0.0.1:${API_PORT}` } });
    // The dev certificate is local and may not be trusted yet: this only asks whether the server answers.
    await waitFor(
      'the add-in dev server',
      () =>
        new Promise((resolve) => {
          https
            .get('https://localhost:3000/taskpane.html', { rejectUnauthorized: false }, (response) => {
              response.resume();
              resolve(response.statusCode === 200);
            })
            .once('error', () => resolve(false));
        }),
      180_000,
    );
  }

  console.log(`
Samla is running.
  Functions:  ${apiUrl}  (${useFunc ? 'Azure Functions Core Tools' : 'local development host'}; try ${apiUrl}/health)
  Storage:    Azurite tables on 127.0.0.1:${tablePort}, data in .samla/azurite
  Sign-in:    dev (SAMLA_AUTH=dev). A token: npm run token -- --role staff --board I
              (roles: staff, coordinator, finance), then: curl -H "Authorization: Bearer <token>" ${apiUrl}/me
${
  withAddin
    ? `  Add-in:     https://localhost:3000 — browser preview: https://localhost:3000/preview.html
              Excel: sideload manifest.xml (see README.md, "Sideloading").
`
    : ''
}Press Ctrl-C to stop.`);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
main().catch((error) => {
  console.error(`Samla could not start: ${error.message}`);
  stopAll(1);
});
