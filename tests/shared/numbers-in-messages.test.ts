import {
  LUJ_INITIATIVE,
  fillPlaceholders,
  issueText,
  localizedNumber,
  message,
  numberIn,
  requestIssueIn,
  shownNumber,
  spelledBeyondExact,
  submissionBodySchema,
  validateRecords,
  WrittenNumber,
  type Language,
} from '@samla/shared';
import { activity, context2013, expense } from './fixtures';

function messages(template: 'activities' | 'expenses', rows: unknown[], language: Language): string[] {
  return validateRecords(template, rows, { ...context2013, language }).issues.map((issue) => issue.message);
}

describe('a number in a message is written the way its reader writes numbers', () => {
  it.each([
    [1234.567, '1 234,567', '1,234.567'],
    [10_000_000, '10 000 000', '10,000,000'],
    [-12_345_678.5, '-12 345 678,5', '-12,345,678.5'],
    [0.5, '0,5', '0.5'],
    [1.797e308, '1,797×10^308', '1.797×10^308'],
    [-1e20, '-1×10^20', '-1×10^20'],
    [Infinity, '∞', '∞'],
  ])('writes %p as %p in Swedish and %p in English', (value, sv, en) => {
    expect(numberIn(value, 'sv')).toBe(sv);
    expect(numberIn(value, 'en')).toBe(en);
    expect(localizedNumber(value)).toEqual({ sv, en });
  });

  it('quotes a spelling given with the number in every language, never re-rounded', () => {
    const written = shownNumber(9007199254740992, '9007199254740993');
    expect(fillPlaceholders('{n} kr', { n: written }, 'sv')).toBe('9007199254740993 kr');
    expect(fillPlaceholders('{n} kr', { n: written }, 'en')).toBe('9007199254740993 kr');
    expect(message({ limit: { sv: 'högst {max}', en: 'at most {max}' } }, 'limit', 'en', { max: shownNumber(50_000) })).toBe('at most 50,000');
    expect(message({ limit: { sv: 'högst {max}', en: 'at most {max}' } }, 'limit', 'sv', { max: shownNumber(50_000) })).toBe('högst 50 000');
    // A plain number (a year, a row) stays digits in both languages.
    expect(issueText('date-outside-year', { value: '2012-05-01', year: 2013 }, 'en')).toContain('reported year 2013');
  });

  it('tells a spelling with more than 15 significant digits from one a double holds', () => {
    expect(spelledBeyondExact('9007199254740993')).toBe(true);
    expect(spelledBeyondExact('-1234.5678901234567')).toBe(true);
    expect(spelledBeyondExact('123456789012345')).toBe(false);
    expect(spelledBeyondExact('100000000000000000000')).toBe(false);
    expect(spelledBeyondExact('0.000000000000000001')).toBe(false);
    expect(spelledBeyondExact('1.50000000000000000000')).toBe(false);
  });
});

describe('cell issues in English write numbers the English way; Swedish is unchanged', () => {
  it('too many decimals: 1,234.567 in English, 1 234,567 in Swedish', () => {
    const rows = [expense({ amount: 1234.567 })];
    expect(messages('expenses', rows, 'en')).toEqual([
      'Kostnader!G2, Amount (SEK excl. VAT): 1,234.567 has too many decimals. At most 2 are allowed (whole öre, hundredths of a krona).',
    ]);
    expect(messages('expenses', rows, 'sv')).toEqual([
      'Kostnader!G2, Belopp (kr exkl. moms): 1 234,567 har för många decimaler. Högst 2 decimaler är tillåtna (hela ören).',
    ]);
  });

  it('below the minimum: the value and the bound, each language its own way', () => {
    const rows = [expense({ amount: -12_345_678.5 })];
    expect(messages('expenses', rows, 'en')[0]).toContain('-12,345,678.5 is too small. The value must be at least -10,000,000.');
    expect(messages('expenses', rows, 'sv')[0]).toContain('-12 345 678,5 är för litet. Värdet ska vara minst -10 000 000.');
  });

  it('quotes a number beyond 2^53 exactly as the input spelled it, with the bound per language', () => {
    const rows = [expense({ amount: new WrittenNumber(9007199254740992, '9007199254740993') })];
    expect(messages('expenses', rows, 'en')).toEqual([
      'Kostnader!G2, Amount (SEK excl. VAT): 9007199254740993 is too large. The value may be at most 10,000,000.',
    ]);
    expect(messages('expenses', rows, 'sv')).toEqual([
      'Kostnader!G2, Belopp (kr exkl. moms): 9007199254740993 är för stort. Värdet får vara högst 10 000 000.',
    ]);
  });

  it('reads a written number as its value: a long decimal in range is stored as a spreadsheet means it', () => {
    const validation = validateRecords('activities', [activity({ hours: new WrittenNumber(12.345678901234567, '12.345678901234567') })], context2013);
    expect(validation.issues).toEqual([]);
    expect(validation.rows[0]?.values.hours).toBe(12.3456789012346);
  });

  it('quotes a number the user wrote as text as they wrote it, in both languages', () => {
    const rows = [expense({ amount: '1234.567' })];
    expect(messages('expenses', rows, 'en')[0]).toContain(': 1234.567 has too many decimals');
    expect(messages('expenses', rows, 'sv')[0]).toContain(': 1234.567 har för många decimaler');
  });

  it('a correction and a count of participants in each language', () => {
    expect(messages('expenses', [expense({ amount: -1234.5, description: 'Rättelse' })], 'en')[0]).toContain('a negative amount (-1,234.5)');
    expect(messages('expenses', [expense({ amount: -1234.5, description: 'Rättelse' })], 'sv')[0]).toContain('negativt belopp (-1 234,5)');
    const crowd = [activity({ participantsWomen: 1000, participantsMen: 1000, participantsUnspecified: 12_000 })];
    expect(messages('activities', crowd, 'en')[0]).toContain('12,000 of 14,000 participants');
    expect(messages('activities', crowd, 'sv')[0]).toContain('12 000 av 14 000 deltagare');
  });

  it('the length of a text against its limit', () => {
    const rows = [activity({ result: 'x'.repeat(2500) })];
    expect(messages('activities', rows, 'en')[0]).toContain('the text has 2,500 characters. At most 2,000 are allowed.');
    expect(messages('activities', rows, 'sv')[0]).toContain('texten har 2 500 tecken. Högst 2 000 tecken är tillåtna.');
  });
});

describe('request limits in each language', () => {
  it('at most 50,000 rows in English, 50 000 in Swedish', () => {
    const body = { board: 'I', year: 2014, template: 'expenses', rows: Array.from({ length: 50_001 }, () => ({})) };
    const result = submissionBodySchema(LUJ_INITIATIVE).safeParse(body);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    if (!issue) throw new Error('no issue');
    expect(requestIssueIn(issue, 'en')).toBe('at most 50,000 rows per submission');
    expect(requestIssueIn(issue, 'sv')).toBe('högst 50 000 rader per inskickning');
  });
});
