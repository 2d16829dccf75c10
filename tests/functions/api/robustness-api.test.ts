import { activity } from '../../shared/fixtures';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

let api: RunningSamla;
let staffW: string;

beforeAll(async () => {
  api = await startSamlaApi();
  staffW = await api.token('staff', 'W');
});

afterAll(async () => {
  await api?.stop();
});

function rowsOf(prefix: string, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => activity({ activityId: `${prefix}-${index + 1}` }));
}

async function currentRows(): Promise<string[]> {
  const coordinator = await api.token('coordinator');
  const list = (await (await api.call('GET', 'submissions?year=2013', { token: coordinator })).json()) as {
    submissions: { board: string; rowCount: number; version: number }[];
  };
  const history = (await (await api.call('GET', 'submissions/W/2013/activities', { token: coordinator })).json()) as { versions: { version: number }[] };
  return [
    JSON.stringify(list.submissions.filter((submission) => submission.board === 'W')),
    JSON.stringify(history.versions.map((version) => version.version)),
  ];
}

describe('concurrent submissions for one board and template', () => {
  it('lose no update: each gets a version or a 409, and the current version holds one submission’s rows', async () => {
    const attempts = ['P', 'Q', 'R', 'S', 'T'].map((prefix, index) =>
      api.call('POST', 'submissions', { token: staffW, json: { board: 'W', year: 2013, template: 'activities', rows: rowsOf(prefix, 150 + index) } }),
    );
    const answers = await Promise.all(attempts);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses).toContain(201);
    const coordinator = await api.token('coordinator');
    const list = (await (await api.call('GET', 'submissions?year=2013', { token: coordinator })).json()) as {
      submissions: { board: string; rowCount: number }[];
    };
    const current = list.submissions.find((submission) => submission.board === 'W');
    expect([150, 151, 152, 153, 154]).toContain(current?.rowCount);
  });
});

describe('storage stopped in the middle of the service', () => {
  it('answers 503 with a problem document, keeps the previous version current and whole, and works again once storage is back', async () => {
    const before = await currentRows();
    await api.azurite.stop();
    try {
      const answer = await api.call('POST', 'submissions', { token: staffW, json: { board: 'W', year: 2013, template: 'activities', rows: rowsOf('Z', 400) } });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const body = (await answer.json()) as { title: string; detail: string };
      expect(body.title).toBe('Lagringen svarar inte');
      expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
      const health = await api.call('GET', 'health');
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', storage: { ok: false } });
    } finally {
      await api.azurite.restart();
    }
    expect(await currentRows()).toEqual(before);
    const after = await api.call('POST', 'submissions', { token: staffW, json: { board: 'W', year: 2013, template: 'activities', rows: rowsOf('Y', 10) } });
    expect(after.status).toBe(201);
  }, 60_000);

  it('says in health whether storage answers', async () => {
    expect(await (await api.call('GET', 'health')).json()).toMatchObject({ status: 'ok', storage: { ok: true } });
  });
});
