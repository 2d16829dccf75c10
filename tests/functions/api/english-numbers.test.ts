import { WrittenNumber } from '@samla/shared';
import { parseJsonText } from '../../../functions/src/http/request-body';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

/*
 * Numbers in answers are written the reader's way (tester2 F4): an English answer writes 1,234.567 and 10,000,000, a
 * Swedish one 1 234,567 and 10 000 000; a number beyond 2^53 is quoted exactly as the request spelled it.
 */

let api: RunningSamla;
let staffI: string;

beforeAll(async () => {
  api = await startSamlaApi();
  staffI = await api.token('staff', 'I');
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

/** Raw JSON text, so that a number can be spelled beyond what a double (and JSON.stringify) holds. */
function expensesBody(amounts: readonly string[]): string {
  const rows = amounts.map(
    (amount, index) =>
      `{"expenseId":"K-${index + 1}","date":"2014-03-05","category":"travel","description":"Resa","amount":${amount},"voucher":"V-${index + 1}","funding":"grant"}`,
  );
  return `{"board":"I","year":2014,"template":"expenses","rows":[${rows.join(',')}]}`;
}

async function messagesOf(route: string, body: string, headers: Record<string, string> = {}): Promise<string[]> {
  const response = await api.call('POST', route, {
    token: staffI,
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  const answer = (await response.json()) as { issues?: { message: string }[]; errors?: { message: string }[] };
  return (answer.issues ?? answer.errors ?? []).map((issue) => issue.message);
}

const AMOUNTS = ['1234.567', '-12345678.5', '9007199254740993'];

describe('numbers in validation answers', () => {
  it('are written the English way with ?lang=en, and a number beyond 2^53 exactly as sent', async () => {
    expect(await messagesOf('validate?lang=en', expensesBody(AMOUNTS))).toEqual([
      'Kostnader!G2, Amount (SEK excl. VAT): 1,234.567 has too many decimals. At most 2 are allowed (whole öre, hundredths of a krona).',
      'Kostnader!G3, Amount (SEK excl. VAT): -12,345,678.5 is too small. The value must be at least -10,000,000.',
      'Kostnader!G4, Amount (SEK excl. VAT): 9007199254740993 is too large. The value may be at most 10,000,000.',
    ]);
  });

  it('are written the English way with Accept-Language: en, in a refused submission too', async () => {
    const messages = await messagesOf('submissions', expensesBody(AMOUNTS), { 'Accept-Language': 'en' });
    expect(messages[0]).toContain('1,234.567 has too many decimals');
    expect(messages[2]).toContain('9007199254740993 is too large. The value may be at most 10,000,000.');
  });

  it('stay Swedish in a Swedish answer', async () => {
    expect(await messagesOf('validate', expensesBody(AMOUNTS))).toEqual([
      'Kostnader!G2, Belopp (kr exkl. moms): 1 234,567 har för många decimaler. Högst 2 decimaler är tillåtna (hela ören).',
      'Kostnader!G3, Belopp (kr exkl. moms): -12 345 678,5 är för litet. Värdet ska vara minst -10 000 000.',
      'Kostnader!G4, Belopp (kr exkl. moms): 9007199254740993 är för stort. Värdet får vara högst 10 000 000.',
    ]);
  });

  it('store a long decimal as the number a spreadsheet means', async () => {
    const body = expensesBody(['1234.5000000000000001']);
    const response = await api.call('POST', 'validate?lang=en', { token: staffI, body, headers: { 'Content-Type': 'application/json' } });
    expect(((await response.json()) as { valid: boolean }).valid).toBe(true);
  });
});

describe('the JSON reader keeps the spelling of numbers a double cannot hold', () => {
  it('makes a WrittenNumber of a number token with more than 15 significant digits, and of nothing else', () => {
    const text = '{"a":9007199254740993,"b":"12345678901234567","c":"x\\"1234567890123456789","d":[1.5,-1234.5678901234567e2,100000000000000000000]}';
    expect(parseJsonText(text, { writtenNumbers: true })).toEqual({
      a: new WrittenNumber(9007199254740992, '9007199254740993'),
      b: '12345678901234567',
      c: 'x"1234567890123456789',
      d: [1.5, new WrittenNumber(-123456.78901234567, '-1234.5678901234567e2'), 1e20],
    });
  });

  it('reads plain JSON without the option', () => {
    expect(parseJsonText('{"a":9007199254740993}')).toEqual({ a: 9007199254740992 });
  });
});
