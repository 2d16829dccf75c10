import { problemSchema } from '@samla/shared';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

/*
 * `PUT /api/requisitions/{year}` through the real API: each wrong amount or date gets its one true reason, in the
 * caller's language (the schema's reasons are tested in tests/shared/request-reasons.test.ts).
 */

let api: RunningSamla;
let finance: string;

beforeAll(async () => {
  api = await startSamlaApi();
  finance = await api.token('finance');
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

async function reasons(movement: Record<string, unknown>, language?: 'en'): Promise<{ status: number; reasons: string[] }> {
  const json = { movements: [{ kind: 'requisition', amount: 1000, date: '2014-08-01', ...movement }] };
  const response = await api.call('PUT', `requisitions/2014${language ? `?lang=${language}` : ''}`, { token: finance, json });
  const problem = problemSchema.parse(await response.json());
  const params = (problem['invalid-params'] ?? []) as { name: string; reason: string }[];
  return { status: response.status, reasons: params.map((param) => `${param.name}: ${param.reason}`) };
}

describe('requisitions: one true reason per field, in Swedish and English', () => {
  it('says an amount of 2e10 is too large, with the limit', async () => {
    expect(await reasons({ amount: 2e10 })).toEqual({ status: 400, reasons: ['movements.0.amount: beloppet får vara högst 10 000 000 000 kr'] });
    expect((await reasons({ amount: 99999999999 }, 'en')).reasons).toEqual(['movements.0.amount: the amount may be at most 10,000,000,000 kronor']);
  });

  it('says 2014-02-30 does not exist, and why', async () => {
    expect((await reasons({ date: '2014-02-30' })).reasons).toEqual(['movements.0.date: ”2014-02-30” finns inte: februari 2014 har 28 dagar']);
    expect((await reasons({ date: '2014-13-01' }, 'en')).reasons).toEqual([
      'movements.0.date: “2014-13-01” does not exist: there is no month 13 (months are 01–12)',
    ]);
  });

  it('refuses an amount spelled with more digits than a number holds, quoting it, and stores nothing', async () => {
    const body = '{"movements":[{"kind":"requisition","amount":1400000.1000000001,"date":"2014-08-01"}]}';
    const response = await api.call('PUT', 'requisitions/2014', { token: finance, body, headers: { 'Content-Type': 'application/json' } });
    const problem = problemSchema.parse(await response.json());
    expect(response.status).toBe(400);
    expect(problem['invalid-params']).toEqual([{ name: 'movements.0.amount', reason: 'beloppet får ha högst två decimaler (fick 1400000.1000000001)' }]);
    const english = await api.call('PUT', 'requisitions/2014?lang=en', { token: finance, body, headers: { 'Content-Type': 'application/json' } });
    expect(problemSchema.parse(await english.json())['invalid-params']).toEqual([
      { name: 'movements.0.amount', reason: 'the amount may have at most two decimals (got 1400000.1000000001)' },
    ]);
    const stored = await api.call('GET', 'requisitions/2014', { token: finance });
    expect(JSON.stringify(await stored.json())).not.toContain('1400000.1');
    // Sixteen digits that are a whole number of öre are still a number that is too large, not "not a number".
    const large = '{"movements":[{"kind":"requisition","amount":12345678901234567,"date":"2014-08-01"}]}';
    const tooLarge = await api.call('PUT', 'requisitions/2014?lang=en', { token: finance, body: large, headers: { 'Content-Type': 'application/json' } });
    expect(problemSchema.parse(await tooLarge.json())['invalid-params']).toEqual([
      { name: 'movements.0.amount', reason: 'the amount may be at most 10,000,000,000 kronor' },
    ]);
  });

  it('gives 1/8 2014 the form as its only reason, without a false "too far ahead"', async () => {
    expect((await reasons({ date: '1/8 2014' }, 'en')).reasons).toEqual([
      'movements.0.date: write the date as YYYY-MM-DD, e.g. 2014-08-01 (got the text “1/8 2014”)',
    ]);
  });
});
