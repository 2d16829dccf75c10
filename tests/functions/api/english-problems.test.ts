import { PROBLEM_TYPES, problemKindOf, problemSchema, type Problem } from '@samla/shared';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

/*
 * Every route family answers its problems in the caller's language: `?lang=en` (or Accept-Language: en) gives the
 * kind's English title, an English detail and English `invalid-params` reasons; without it, the Swedish ones.
 */

let api: RunningSamla;
let tokens: Record<'staff' | 'coordinator' | 'finance', string>;

beforeAll(async () => {
  api = await startSamlaApi();
  tokens = { staff: await api.token('staff', 'I'), coordinator: await api.token('coordinator'), finance: await api.token('finance') };
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

interface Call {
  readonly method: string;
  readonly route: string;
  readonly token?: keyof typeof tokens;
  readonly json?: unknown;
  readonly body?: Buffer;
  readonly headers?: Record<string, string>;
}

async function problemOf(call: Call, language?: 'en'): Promise<{ status: number; problem: Problem }> {
  const separator = call.route.includes('?') ? '&' : '?';
  const route = language ? `${call.route}${separator}lang=${language}` : call.route;
  const response = await api.call(call.method, route, {
    ...(call.token ? { token: tokens[call.token] } : {}),
    ...(call.json !== undefined ? { json: call.json } : {}),
    ...(call.body ? { body: new Uint8Array(call.body) } : {}),
    ...(call.headers ? { headers: call.headers } : {}),
  });
  return { status: response.status, problem: problemSchema.parse(await response.json()) };
}

const reasons = (problem: Problem): string[] => ((problem['invalid-params'] as { reason: string }[] | undefined) ?? []).map((param) => param.reason);

/** A Swedish word or letter in an English text would show that a part was not translated. */
const SWEDISH = /[åäöÅÄÖ]|\b(och|eller|ska|inte|finns|ange)\b/;

const FAMILIES: readonly (readonly [string, Call])[] = [
  ['session: dev sign-in body', { method: 'POST', route: 'dev/token', json: { role: 'staff' } }],
  ['access: no token', { method: 'GET', route: 'me' }],
  ['access: another board', { method: 'GET', route: 'submissions/AB/2013/activities', token: 'staff' }],
  ['submissions: body of the wrong shape', { method: 'POST', route: 'validate', token: 'staff', json: { board: 'QQ', year: 1999, template: 'x', rows: 3 } }],
  [
    'submissions: errors at cells',
    { method: 'POST', route: 'submissions', token: 'staff', json: { board: 'I', year: 2013, template: 'activities', rows: [{ activityId: 'A/1' }] } },
  ],
  [
    'submissions: malformed JSON',
    { method: 'POST', route: 'validate', token: 'staff', body: Buffer.from('{"board": '), headers: { 'Content-Type': 'application/json' } },
  ],
  ['submissions: no such version', { method: 'GET', route: 'submissions/I/2013/activities/7', token: 'staff' }],
  [
    'submission files: not a workbook',
    {
      method: 'POST',
      route: 'submissions/file?board=I&year=2013',
      token: 'staff',
      body: Buffer.from('inte en arbetsbok'),
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    },
  ],
  ['rounds: nothing submitted to accept', { method: 'POST', route: 'rounds/2013/I/expenses/accept', token: 'coordinator', json: { version: 1 } }],
  ['rounds: a comment that is empty', { method: 'POST', route: 'rounds/2013/I/expenses/return', token: 'coordinator', json: { version: 1, comment: ' ' } }],
  [
    'requisitions: an amount with öre fractions',
    { method: 'PUT', route: 'requisitions/2013', token: 'finance', json: { movements: [{ kind: 'requisition', amount: 1.005, date: '2013-05-01' }] } },
  ],
  ['locks: unlocking a year that is open', { method: 'DELETE', route: 'locks/2013', token: 'coordinator' }],
  ['reports: Word for the financial report', { method: 'GET', route: 'reports/financial?format=docx', token: 'finance' }],
  ['templates: an unknown template', { method: 'GET', route: 'templates/indicators?board=I&year=2013', token: 'staff' }],
  [
    'roles: finance may not submit',
    { method: 'POST', route: 'submissions', token: 'finance', json: { board: 'I', year: 2013, template: 'activities', rows: [] } },
  ],
];

describe('problems in the caller’s language, per route family', () => {
  it.each(FAMILIES)('%s: ?lang=en gives the English title, detail and reasons', async (_family, call) => {
    const [swedish, english] = [await problemOf(call), await problemOf(call, 'en')];
    expect(english.status).toBe(swedish.status);
    expect(english.status).toBeGreaterThanOrEqual(400);
    const kind = problemKindOf(english.problem.type);
    expect(kind).toBeDefined();
    if (!kind) return;
    expect(swedish.problem.title).toBe(PROBLEM_TYPES[kind].title.sv);
    expect(english.problem.title).toBe(PROBLEM_TYPES[kind].title.en);
    expect(english.problem.detail).toBeTruthy();
    expect(english.problem.detail).not.toBe(swedish.problem.detail);
    expect(english.problem.detail).not.toMatch(SWEDISH);
    expect(reasons(english.problem)).toHaveLength(reasons(swedish.problem).length);
    for (const reason of reasons(english.problem)) expect(reason).not.toMatch(SWEDISH);
  });

  it('words zod’s own messages (fields without a message of Samla’s) in the caller’s language too', async () => {
    const call: Call = { method: 'POST', route: 'dev/token', json: { role: 'staff', board: 'I', name: 42 } };
    const [swedish, english] = [await problemOf(call), await problemOf(call, 'en')];
    expect(swedish.status).toBe(400);
    expect(reasons(swedish.problem)).toEqual([expect.stringMatching(/^Ogiltig inmatning: förväntat string/)]);
    expect(reasons(english.problem)).toEqual([expect.stringMatching(/^Invalid input: expected string, received number/)]);
  });

  it('honours Accept-Language: en as ?lang=en does', async () => {
    const call: Call = { method: 'PUT', route: 'requisitions/2013', token: 'finance', json: { movements: [{ kind: 'loan', amount: -1, date: 'igår' }] } };
    const byHeader = await problemOf({ ...call, headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    const byQuery = await problemOf(call, 'en');
    expect(byHeader.problem.detail).toBe(byQuery.problem.detail);
    expect(reasons(byHeader.problem)).toEqual(reasons(byQuery.problem));
    expect(reasons(byHeader.problem)).toContain('kind must be requisition or repayment');
  });
});
