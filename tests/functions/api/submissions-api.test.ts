import { activity, expense } from '../../shared/fixtures';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

let api: RunningSamla;
let staffM: string;
let staffI: string;
let coordinator: string;

beforeAll(async () => {
  api = await startSamlaApi();
  [staffM, staffI, coordinator] = await Promise.all([api.token('staff', 'M'), api.token('staff', 'I'), api.token('coordinator')]);
});

afterAll(async () => {
  await api?.stop();
});

function activities(count: number, prefix = 'A'): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => activity({ activityId: `${prefix}-${index + 1}` }));
}

async function submit(token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await api.call('POST', 'submissions', { token, json: body, headers });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

describe('submitting a board’s rows', () => {
  it('stores valid activities as version 1 and answers 201 with the warnings', async () => {
    const rows = [...activities(2), activity({ activityId: 'A-3', result: '', status: 'completed' })];
    const answer = await submit(staffM, { board: 'M', year: 2013, template: 'activities', rows });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ template: 'activities', version: 1, rows: 3 });
    expect((answer.body.warnings as { code: string; cell: string }[]).map((issue) => [issue.code, issue.cell])).toEqual([
      ['completed-without-result', 'Aktiviteter!P4'],
    ]);
  });

  it('replaces the board’s data with a new version and keeps the earlier one in the history', async () => {
    const answer = await submit(staffM, { board: 'M', year: 2013, template: 'activities', rows: activities(4) });
    expect(answer.body.version).toBe(2);
    const history = await api.call('GET', 'submissions/M/2013/activities', { token: staffM });
    const versions = ((await history.json()) as { versions: { version: number; rowCount: number }[] }).versions;
    expect(versions.map((version) => [version.version, version.rowCount])).toEqual([
      [2, 4],
      [1, 3],
    ]);
  });

  it('answers 422 with every error at its cell and stores nothing', async () => {
    const rows = [activity({ activityId: 'B-1', strand: 'fel' }), activity({ activityId: 'B-1', endDate: '2015-02-01' })];
    const answer = await submit(staffI, { board: 'I', year: 2013, template: 'activities', rows });
    expect(answer.status).toBe(422);
    expect(answer.type).toMatch(/application\/problem\+json/);
    expect(answer.body.title).toBe('Uppgifterna innehåller fel');
    expect(
      (answer.body.errors as { code: string; cell: string; column: string; row: number }[]).map((issue) => [issue.code, issue.column, issue.row, issue.cell]),
    ).toEqual([
      ['invalid-list-value', 'strand', 2, 'Aktiviteter!B2'],
      ['duplicate-id', 'activityId', 3, 'Aktiviteter!A3'],
      ['end-after-initiative', 'endDate', 3, 'Aktiviteter!F3'],
    ]);
    const history = await api.call('GET', 'submissions/I/2013/activities', { token: staffI });
    expect(((await history.json()) as { versions: unknown[] }).versions).toEqual([]);
  });

  it('words the errors in English on request', async () => {
    const response = await api.call('POST', 'submissions', {
      token: staffI,
      json: { board: 'I', year: 2013, template: 'activities', rows: [activity({ title: '' })] },
      headers: { 'Accept-Language': 'en-GB,en;q=0.9' },
    });
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toBe('Aktiviteter!D2, Title: a value is missing. Fill in the cell.');
  });

  it('checks expenses against the board’s current activities', async () => {
    const linked = await submit(staffM, { board: 'M', year: 2013, template: 'expenses', rows: [expense({ activityId: 'A-4' })] });
    expect(linked.status).toBe(201);
    const unknown = await submit(staffM, { board: 'M', year: 2013, template: 'expenses', rows: [expense({ activityId: 'A-99' })] });
    expect(unknown.status).toBe(422);
    expect((unknown.body.errors as { code: string; cell: string }[]).map((issue) => [issue.code, issue.cell])).toEqual([['unknown-activity', 'Kostnader!D2']]);
  });

  it('validates without storing', async () => {
    const response = await api.call('POST', 'validate', {
      token: staffI,
      json: { board: 'I', year: 2014, template: 'expenses', rows: [expense({ date: '2013-05-01', activityId: undefined })] },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { valid: boolean; issues: { code: string }[] };
    expect(body.valid).toBe(false);
    expect(body.issues.map((issue) => issue.code)).toEqual(['date-outside-year']);
    const history = await api.call('GET', 'submissions/I/2014/expenses', { token: staffI });
    expect(((await history.json()) as { versions: unknown[] }).versions).toEqual([]);
  });
});

describe('an Idempotency-Key', () => {
  it('replayed gives the same answer and stores one version', async () => {
    const body = { board: 'I', year: 2013, template: 'activities', rows: activities(3, 'ID') };
    const first = await submit(staffI, body, { 'Idempotency-Key': 'submit-1' });
    const replay = await submit(staffI, body, { 'Idempotency-Key': 'submit-1' });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    const history = await api.call('GET', 'submissions/I/2013/activities', { token: staffI });
    expect(((await history.json()) as { versions: unknown[] }).versions).toHaveLength(1);
  });

  it('reused for other content is refused', async () => {
    const other = await submit(staffI, { board: 'I', year: 2013, template: 'activities', rows: activities(1, 'X') }, { 'Idempotency-Key': 'submit-1' });
    expect(other.status).toBe(422);
    expect(String(other.body.detail)).toMatch(/Idempotency-Key/);
  });
});

describe('who may do what', () => {
  it('refuses a request without a token, or with a bad one, with 401', async () => {
    expect((await api.call('GET', 'me')).status).toBe(401);
    expect((await api.call('GET', 'me', { token: 'not-a-token' })).status).toBe(401);
    const tampered = `${staffM.slice(0, -4)}AAAA`;
    expect((await api.call('GET', 'me', { token: tampered })).status).toBe(401);
  });

  it('tells the caller their role and board', async () => {
    const response = await api.call('GET', 'me', { token: staffM });
    expect(await response.json()).toMatchObject({ role: 'staff', board: 'M' });
  });

  it('lets staff submit and read only their own board', async () => {
    const answer = await submit(staffI, { board: 'M', year: 2013, template: 'activities', rows: activities(1) });
    expect(answer.status).toBe(403);
    expect((await api.call('GET', 'submissions/M/2013/activities', { token: staffI })).status).toBe(403);
    const list = (await (await api.call('GET', 'submissions?year=2013', { token: staffI })).json()) as { submissions: { board: string }[] };
    expect(new Set(list.submissions.map((submission) => submission.board))).toEqual(new Set(['I']));
  });

  it('lets coordinators read every board and submit nothing', async () => {
    const answer = await submit(coordinator, { board: 'M', year: 2013, template: 'activities', rows: activities(1) });
    expect(answer.status).toBe(403);
    const list = (await (await api.call('GET', 'submissions?year=2013', { token: coordinator })).json()) as {
      submissions: { board: string; template: string; version: number }[];
      boardsWithoutSubmission: string[];
    };
    expect(list.submissions.map((submission) => [submission.board, submission.template, submission.version])).toEqual(
      expect.arrayContaining([
        ['M', 'activities', 2],
        ['M', 'expenses', 1],
      ]),
    );
    expect(list.boardsWithoutSubmission).toHaveLength(19);
    expect(list.boardsWithoutSubmission).not.toContain('M');
  });
});

describe('bad requests', () => {
  const target = { board: 'I', year: 2013, template: 'activities' };

  async function expectProblem(response: Response, status: number): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const text = await response.text();
    expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    return JSON.parse(text) as Record<string, unknown>;
  }

  it('malformed JSON gets 400', async () => {
    const body = await expectProblem(
      await api.call('POST', 'submissions', { token: staffI, body: '{"board": "I", ', headers: { 'Content-Type': 'application/json' } }),
      400,
    );
    expect(body.detail).toMatch(/JSON/);
  });

  it('another content type gets 415', async () => {
    await expectProblem(
      await api.call('POST', 'submissions', { token: staffI, body: 'board=I', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      415,
    );
  });

  it('an oversized body gets 413', async () => {
    const huge = 'x'.repeat(21 * 1024 * 1024);
    await expectProblem(await api.call('POST', 'submissions', { token: staffI, body: huge, headers: { 'Content-Type': 'application/json' } }), 413);
  });

  it.each([
    ['an unknown board', { ...target, board: 'Q' }, 'board'],
    ['a year outside the initiative', { ...target, year: 2015 }, 'year'],
    ['an unknown template', { ...target, template: 'budget' }, 'template'],
    ['the year as text', { ...target, year: '2013' }, 'year'],
    ['rows that are not a list', { ...target, rows: 'alla' }, 'rows'],
    ['a row that is not an object', { ...target, rows: [1] }, 'rows.0'],
  ])('%s gets 400 naming the field', async (_case, body, field) => {
    const problem = await expectProblem(await api.call('POST', 'submissions', { token: staffI, json: { rows: [], ...body } }), 400);
    expect((problem['invalid-params'] as { name: string }[]).map((param) => param.name)).toContain(field);
  });

  it('an unknown route gets 404 and a wrong method 405', async () => {
    await expectProblem(await api.call('GET', 'nothing-here', { token: staffI }), 404);
    await expectProblem(await api.call('DELETE', 'submissions', { token: staffI }), 405);
  });

  it('a malformed history address gets 400', async () => {
    await expectProblem(await api.call('GET', 'submissions/I/tjugotretton/activities', { token: staffI }), 400);
  });
});
