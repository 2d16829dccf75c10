import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { activity, expense } from '../../shared/fixtures';
import { connectionStringFor } from '../../support/azurite';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A port that accepts connections and never answers: storage that stalls. */
async function silentPort(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

const activities = { board: 'I', year: 2013, template: 'activities', rows: [activity({ activityId: 'GOT-A1' })] };
const expenses = { board: 'I', year: 2013, template: 'expenses', rows: [expense({ activityId: 'GOT-A1' })] };

/** What must hold whenever storage does not answer, from a cold start on. */
async function expectServiceWithoutStorage(api: RunningSamla): Promise<void> {
  // /dev/token needs no storage: the token itself is the first proof.
  const staff = await api.token('staff', 'I');
  const health = await timed(() => api.call('GET', 'health'));
  expect(health.ms).toBeLessThan(5000);
  expect(health.value.status).toBe(503);
  expect(await health.value.json()).toMatchObject({ status: 'degraded', storage: { ok: false } });

  expect((await api.call('GET', 'me', { token: staff })).status).toBe(200);
  const template = await api.call('GET', 'templates/activities?board=I&year=2013', { token: staff });
  expect(template.status).toBe(200);
  expect(template.headers.get('content-type')).toMatch(/spreadsheetml/);

  const validActivities = await api.call('POST', 'validate', { token: staff, json: activities });
  expect(validActivities.status).toBe(200);
  expect(await validActivities.json()).toMatchObject({ valid: true });

  // Expenses are judged without the link check, and a warning says so at the Aktivitets-ID header.
  const validExpenses = await timed(() => api.call('POST', 'validate', { token: staff, json: expenses }));
  expect(validExpenses.ms).toBeLessThan(10_000);
  expect(validExpenses.value.status).toBe(200);
  const judged = (await validExpenses.value.json()) as { valid: boolean; issues: { code: string; cell: string; severity: string }[] };
  expect(judged.valid).toBe(true);
  expect(judged.issues).toEqual([expect.objectContaining({ code: 'activity-links-unchecked', severity: 'warning', cell: 'Kostnader!D1' })]);

  const submit = await timed(() => api.call('POST', 'submissions', { token: staff, json: activities, headers: { 'Idempotency-Key': 'outage-1' } }));
  expect(submit.ms).toBeLessThan(10_000);
  expect(submit.value.status).toBe(503);
  expect(submit.value.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(((await submit.value.json()) as { title: string }).title).toBe('Lagringen svarar inte');

  const coordinator = await api.token('coordinator');
  const list = await timed(() => api.call('GET', 'submissions?year=2013', { token: coordinator }));
  expect(list.ms).toBeLessThan(10_000);
  expect(list.value.status).toBe(503);
}

describe('storage that does not answer', () => {
  it('a port where nothing listens: routes without storage work from a cold start; the rest answer 503 in time', async () => {
    const api = await startSamlaApi({ SAMLA_STORAGE_CONNECTION_STRING: connectionStringFor(await closedPort()) });
    try {
      await expectServiceWithoutStorage(api);
    } finally {
      await api.stop();
    }
  }, 90_000);

  it('a port that accepts and never answers: the same, each call ended by its deadline', async () => {
    const silent = await silentPort();
    const api = await startSamlaApi({ SAMLA_STORAGE_CONNECTION_STRING: connectionStringFor(silent.port) });
    try {
      await expectServiceWithoutStorage(api);
    } finally {
      await api.stop();
      await silent.close();
    }
  }, 90_000);
});

/** Azurite's table service as a process of its own, so that it can be frozen (SIGSTOP) and thawed (SIGCONT). */
async function azuriteProcess(port: number): Promise<ChildProcess> {
  const cli = path.join(__dirname, '../../../node_modules/azurite/dist/src/table/main.js');
  const child = spawn(
    process.execPath,
    [cli, '--tableHost', '127.0.0.1', '--tablePort', String(port), '--inMemoryPersistence', '--silent', '--disableTelemetry'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/devstoreaccount1/Tables`);
      if (response.status > 0) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('azurite-table did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('an Azurite that freezes (SIGSTOP) mid-service', () => {
  it('answers 503 within 10 s and health within 5 s while frozen, and works again once thawed', async () => {
    const port = await closedPort();
    const azurite = await azuriteProcess(port);
    const api = await startSamlaApi({ SAMLA_STORAGE_CONNECTION_STRING: connectionStringFor(port) });
    try {
      const staff = await api.token('staff', 'I');
      expect((await api.call('POST', 'submissions', { token: staff, json: activities })).status).toBe(201);
      const pid = azurite.pid;
      if (pid === undefined) throw new Error('azurite-table has no process id');
      process.kill(pid, 'SIGSTOP');
      try {
        const health = await timed(() => api.call('GET', 'health'));
        expect(health.ms).toBeLessThan(5000);
        expect(health.value.status).toBe(503);
        const submit = await timed(() => api.call('POST', 'submissions', { token: staff, json: activities }));
        expect(submit.ms).toBeLessThan(10_000);
        expect(submit.value.status).toBe(503);
        expect((await api.call('GET', 'me', { token: staff })).status).toBe(200);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      expect((await api.call('GET', 'health')).status).toBe(200);
      // The same rows again: storage answers, finds them identical to the current version and stores no copy.
      const again = await api.call('POST', 'submissions', { token: staff, json: activities });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { unchanged?: boolean }).unchanged).toBe(true);
    } finally {
      await api.stop();
      azurite.kill('SIGKILL');
    }
  }, 90_000);
});
