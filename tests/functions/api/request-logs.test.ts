import { activity } from '../../shared/fixtures';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

const lines: string[] = [];
let api: RunningSamla;

beforeAll(async () => {
  api = await startSamlaApi({}, (_level, line) => lines.push(line));
});

afterAll(async () => {
  await api?.stop();
});

function events(): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

describe('the logs', () => {
  it('carry the invocation id of every request, and the board, role and outcome of each submission, without tokens or names', async () => {
    const token = await api.token('staff', 'H');
    lines.length = 0;
    const stored = await api.call('POST', 'submissions', { token, json: { board: 'H', year: 2013, template: 'activities', rows: [activity()] } });
    const rejected = await api.call('POST', 'submissions', {
      token,
      json: { board: 'H', year: 2013, template: 'activities', rows: [activity({ title: '' })] },
    });
    expect([stored.status, rejected.status]).toEqual([201, 422]);

    const requests = events().filter((event) => event.event === 'request');
    expect(requests).toHaveLength(2);
    for (const request of requests) expect(request.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests.map((request) => request.status)).toEqual([201, 422]);

    const submissions = events().filter((event) => event.event === 'submission');
    expect(submissions.map(({ board, role, outcome }) => ({ board, role, outcome }))).toEqual([
      { board: 'H', role: 'staff', outcome: 'stored' },
      { board: 'H', role: 'staff', outcome: 'rejected' },
    ]);
    expect(submissions.every((event) => typeof event.invocationId === 'string')).toBe(true);

    const everything = lines.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.split('.')[1] ?? 'no-payload');
    expect(everything).not.toMatch(/Utvecklare|Bearer/);
  });
});
