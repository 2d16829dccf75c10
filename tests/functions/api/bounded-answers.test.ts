import { activity, expense } from '../../shared/fixtures';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

let api: RunningSamla;
let staffI: string;
let staffM: string;

beforeAll(async () => {
  api = await startSamlaApi();
  [staffI, staffM] = await Promise.all([api.token('staff', 'I'), api.token('staff', 'M')]);
});

afterAll(async () => {
  await api?.stop();
});

interface Problem {
  title: string;
  detail: string;
  errors: { code: string; cell: string }[];
  issueCounts: { code: string; severity: string; count: number }[];
  omittedIssues: number;
}

const badRows = (count: number) => Array.from({ length: count }, (_, index) => activity({ activityId: `B-${index + 1}`, strand: 'fel' }));

describe('the answer to 50 000 bad rows', () => {
  it('is a 422 with the first 1 000 issues and the count per rule, small and fast', async () => {
    const started = Date.now();
    const response = await api.call('POST', 'submissions', { token: staffI, json: { board: 'I', year: 2013, template: 'activities', rows: badRows(50_000) } });
    const text = await response.text();
    const ms = Date.now() - started;
    expect(response.status).toBe(422);
    expect(text.length).toBeLessThan(1024 * 1024);
    const problem = JSON.parse(text) as Problem;
    expect(problem.title).toBe('Uppgifterna innehåller fel');
    expect(problem.errors).toHaveLength(1000);
    expect(problem.errors[0]).toMatchObject({ code: 'invalid-list-value', cell: 'Aktiviteter!B2' });
    expect(problem.errors[999]).toMatchObject({ cell: 'Aktiviteter!B1001' });
    expect(problem.issueCounts).toEqual([{ code: 'invalid-list-value', severity: 'error', count: 50_000 }]);
    expect(problem.omittedIssues).toBe(49_000);
    expect(problem.detail).toMatch(/50 000 fel och 0 varningar.*första 1 000/);
    console.log(JSON.stringify({ bench: 'bounded-422', rows: 50_000, ms, bytes: text.length }));
  }, 120_000);

  it('is bounded the same way from /validate, counting every rule', async () => {
    const rows = [...badRows(1_500), ...Array.from({ length: 10 }, (_, index) => activity({ activityId: `D-${index}`, title: '' }))];
    const response = await api.call('POST', 'validate', { token: staffI, json: { board: 'I', year: 2013, template: 'activities', rows } });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { valid: boolean; issues: unknown[]; issueCounts: Problem['issueCounts']; omittedIssues: number };
    expect(answer.valid).toBe(false);
    expect(answer.issues).toHaveLength(1000);
    // Errors first, each in the order of shared's ISSUE_CODES.
    expect(answer.issueCounts).toEqual([
      { code: 'required', severity: 'error', count: 10 },
      { code: 'invalid-list-value', severity: 'error', count: 1_500 },
    ]);
    expect(answer.omittedIssues).toBe(510);
  });
});

/** 800 activities with two warnings each (unspecified participants the larger part; completed without result), as case j09b. */
const warned = Array.from({ length: 800 }, (_, index) =>
  activity({ activityId: `GOT-B${index + 1}`, participantsWomen: 1, participantsMen: 1, participantsUnspecified: 5, status: 'completed', result: '' }),
);

describe('Idempotency-Key with a large answer (j09b: 800 rows, two warnings each)', () => {
  it('replays the first answer exactly and stores one version', async () => {
    const body = { board: 'M', year: 2013, template: 'activities', rows: warned };
    const headers = { 'Idempotency-Key': 'j09b-800-rows' };
    const first = await api.call('POST', 'submissions', { token: staffM, json: body, headers });
    const firstText = await first.text();
    expect(first.status).toBe(201);
    const receipt = JSON.parse(firstText) as { version: number; warnings: unknown[]; issueCounts: Problem['issueCounts']; omittedIssues: number };
    expect(receipt.warnings).toHaveLength(1000);
    expect(receipt.issueCounts.reduce((sum, entry) => sum + entry.count, 0)).toBe(1600);
    expect(receipt.omittedIssues).toBe(600);

    const second = await api.call('POST', 'submissions', { token: staffM, json: body, headers });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.text()).toBe(firstText);
    const history = await api.call('GET', 'submissions/M/2013/activities', { token: staffM });
    expect(((await history.json()) as { versions: unknown[] }).versions).toHaveLength(1);
  }, 60_000);
});

describe('a new Aktiviteter that drops an activity the current Kostnader link to', () => {
  it('is stored with a warning naming the activity and the expense cells that link to it', async () => {
    const submit = (json: Record<string, unknown>) => api.call('POST', 'submissions', { token: staffI, json: { board: 'I', year: 2014, ...json } });
    const inYear = (overrides: Record<string, unknown>) => activity({ startDate: '2014-03-01', endDate: '2014-03-02', ...overrides });
    expect((await submit({ template: 'activities', rows: [inYear({ activityId: 'GOT-A1' }), inYear({ activityId: 'GOT-A2' })] })).status).toBe(201);
    const costs = [
      expense({ expenseId: 'K-1', date: '2014-03-05', activityId: 'GOT-A1' }),
      expense({ expenseId: 'K-2', date: '2014-03-05', activityId: 'GOT-A2' }),
      expense({ expenseId: 'K-3', date: '2014-03-05', activityId: 'got-a1' }),
    ];
    expect((await submit({ template: 'expenses', rows: costs })).status).toBe(201);

    const dropped = await submit({ template: 'activities', rows: [inYear({ activityId: 'GOT-A2' })] });
    expect(dropped.status).toBe(201);
    const receipt = (await dropped.json()) as { warnings: { code: string; cell: string; message: string }[] };
    const linked = receipt.warnings.filter((warning) => warning.code === 'activity-still-linked');
    expect(linked).toHaveLength(1);
    expect(linked[0]?.cell).toBe('Kostnader!D2');
    expect(linked[0]?.message).toContain('GOT-A1');
    expect(linked[0]?.message).toContain('Kostnader!D2, Kostnader!D4');
    expect(linked[0]?.message).not.toContain('Kostnader!D3');

    // Keeping every linked activity gives no such warning.
    const kept = await submit({ template: 'activities', rows: [inYear({ activityId: 'GOT-A1' }), inYear({ activityId: 'GOT-A2' })] });
    expect(((await kept.json()) as { warnings: { code: string }[] }).warnings.map((warning) => warning.code)).not.toContain('activity-still-linked');
  });
});

describe('a locked year', () => {
  it('refuses a submission with 409 once a coordinator has locked it, and takes one again after the unlock', async () => {
    const coordinator = await api.token('coordinator');
    const body = { board: 'M', year: 2014, template: 'activities', rows: [activity({ activityId: 'L-1', startDate: '2014-03-01', endDate: '2014-03-02' })] };
    expect((await api.call('PUT', 'locks/2014', { token: coordinator })).status).toBe(200);
    const refused = await api.call('POST', 'submissions', { token: staffM, json: body });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { title: string }).title).toBe('Året är låst');
    expect((await api.call('DELETE', 'locks/2014', { token: coordinator })).status).toBe(200);
    expect((await api.call('POST', 'submissions', { token: staffM, json: body })).status).toBe(201);
  });
});
