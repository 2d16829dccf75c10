import { daysInMonth, fundsBodySchema, LUJ_INITIATIVE, readDateText, requestIssueIn, type Language } from '@samla/shared';

/*
 * A request field that is wrong gets the one reason that is true, in the caller's language: an amount too large is
 * too large (with the limit), a date that does not exist says so and why, a date in another form is told the form
 * once, without a false second reason. Parsed as the API parses a body (`reportInput: true`).
 */

const schema = fundsBodySchema(LUJ_INITIATIVE);

function reasons(movement: Record<string, unknown>, language: Language = 'sv'): string[] {
  const result = schema.safeParse({ movements: [{ kind: 'requisition', amount: 1000, date: '2014-08-01', ...movement }] }, { reportInput: true });
  return result.success ? [] : result.error.issues.map((issue) => requestIssueIn(issue, language));
}

describe('an amount of a requisition or repayment', () => {
  it.each([2e10, 1e11, 99999999999, 1.5e308])('refuses %p as too large, giving the limit, in Swedish and English', (amount) => {
    expect(reasons({ amount })).toEqual(['beloppet får vara högst 10 000 000 000 kr']);
    expect(reasons({ amount }, 'en')).toEqual(['the amount may be at most 10,000,000,000 kronor']);
  });

  it('calls an amount beyond what a double holds (JSON reads it as Infinity) too large, not "not a number"', () => {
    expect(reasons({ amount: Infinity }, 'en')).toEqual(['the amount may be at most 10,000,000,000 kronor']);
    expect(reasons({ amount: -Infinity }, 'en')).toEqual(['the amount must be more than 0']);
  });

  it('accepts the limit itself', () => {
    expect(reasons({ amount: 1e10 })).toEqual([]);
  });

  it('quotes an amount sent as text and says how to write it', () => {
    expect(reasons({ amount: '1 400 000,50' })).toEqual([
      'beloppet ska vara ett tal i kronor, skrivet som ett JSON-tal utan citattecken och med punkt före ören, t.ex. 1400000.5 (fick texten ”1 400 000,50”)',
    ]);
    expect(reasons({ amount: '1 400 000,50' }, 'en')[0]).toContain('(got the text “1 400 000,50”)');
    expect(reasons({ amount: null }, 'en')).toEqual(['the amount must be a number in kronor']);
  });

  it.each([1234567890.12, 268435456.03, 8888888888.88, 134217973.48, 9999999999.99, 0.01])(
    'accepts %p, with its two decimals counted exactly however large it is',
    (amount) => {
      expect(reasons({ amount })).toEqual([]);
    },
  );

  it('gives a negative amount with too many decimals one reason: not above 0', () => {
    expect(reasons({ amount: -1.005 }, 'en')).toEqual(['the amount must be more than 0']);
  });

  it('keeps its other reasons', () => {
    expect(reasons({ amount: -5 }, 'en')).toEqual(['the amount must be more than 0']);
    expect(reasons({ amount: 1.005 }, 'en')).toEqual(['the amount may have at most two decimals']);
  });
});

describe('a date of a requisition or repayment', () => {
  it.each([
    ['2014-02-30', '”2014-02-30” finns inte: februari 2014 har 28 dagar', '“2014-02-30” does not exist: February 2014 has 28 days'],
    ['2016-02-30', '”2016-02-30” finns inte: februari 2016 har 29 dagar', '“2016-02-30” does not exist: February 2016 has 29 days'],
    ['2014-04-31', '”2014-04-31” finns inte: april 2014 har 30 dagar', '“2014-04-31” does not exist: April 2014 has 30 days'],
    [
      '2014-13-01',
      '”2014-13-01” finns inte: det finns ingen månad 13 (månaderna är 01–12)',
      '“2014-13-01” does not exist: there is no month 13 (months are 01–12)',
    ],
    [
      '2014-00-10',
      '”2014-00-10” finns inte: det finns ingen månad 00 (månaderna är 01–12)',
      '“2014-00-10” does not exist: there is no month 00 (months are 01–12)',
    ],
    ['2014-05-00', '”2014-05-00” finns inte: dagarna i en månad börjar på 01', '“2014-05-00” does not exist: the days of a month start at 01'],
  ])('says %s does not exist and why, as its only reason', (date, sv, en) => {
    expect(reasons({ date })).toEqual([sv]);
    expect(reasons({ date }, 'en')).toEqual([en]);
  });

  it.each([
    ['1/8 2014', 'skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2014-08-01 (fick texten ”1/8 2014”)'],
    ['01.08.2014', 'skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2014-08-01 (fick texten ”01.08.2014”)'],
    ['2014/08/01', 'skriv datumet som ÅÅÅÅ-MM-DD: 2014-08-01 (fick texten ”2014/08/01”)'],
    ['2014-8-1', 'skriv datumet som ÅÅÅÅ-MM-DD: 2014-08-01 (fick texten ”2014-8-1”)'],
    ['igår', 'skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2014-08-01 (fick texten ”igår”)'],
  ])('gives %s written another way one reason: the form, never also "too far ahead"', (date, sv) => {
    expect(reasons({ date })).toEqual([sv]);
    expect(reasons({ date }, 'en')).toHaveLength(1);
    expect(reasons({ date }, 'en')[0]).toMatch(/^write the date as YYYY-MM-DD/);
  });

  it('tells a year-first date in another form with an impossible day that the day does not exist', () => {
    expect(reasons({ date: '2014/02/30' }, 'en')).toEqual(['“2014/02/30” does not exist: February 2014 has 28 days']);
  });

  it('refuses a real date past the last year with that reason only, quoting it', () => {
    expect(reasons({ date: '2017-01-01' })).toEqual(['”2017-01-01” ligger för långt fram (senast 2016-12-31)']);
    expect(reasons({ date: '2017-01-01' }, 'en')).toEqual(['“2017-01-01” is too far ahead (2016-12-31 at the latest)']);
    expect(reasons({ date: '2016-12-31' })).toEqual([]);
  });

  it('says a date that is not text must be written as YYYY-MM-DD', () => {
    expect(reasons({ date: 20140801 }, 'en')).toEqual(['write the date as YYYY-MM-DD, e.g. 2014-08-01']);
  });
});

describe('readDateText', () => {
  it('reads an ISO date and knows leap years by the Gregorian rule', () => {
    expect(readDateText('2016-02-29')).toEqual({ kind: 'date', iso: '2016-02-29' });
    expect(readDateText('2000-02-29').kind).toBe('date');
    expect(readDateText('1900-02-29').kind).toBe('impossible');
    expect(daysInMonth(2014, 12)).toBe(31);
  });

  it('never guesses the order of a day-first or month-first date', () => {
    expect(readDateText('01/08/2014')).toEqual({ kind: 'other-form' });
  });
});
