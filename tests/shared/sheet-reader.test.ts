import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, isoDateFromSerial, parseNumber, readSheet, serialFromIsoDate } from '@samla/shared';

const expenseHeader = EXPENSES_TEMPLATE.columns.map((column) => column.label.sv);

function expenseCells(overrides: Record<string, unknown> = {}): unknown[] {
  const values: Record<string, unknown> = {
    expenseId: 'K-1',
    date: '2013-03-05',
    category: 'travel',
    activityId: '',
    description: 'Tåg till nätverksträff',
    supplier: '',
    amount: 1200,
    voucher: 'V1',
    funding: 'grant',
    ...overrides,
  };
  return EXPENSES_TEMPLATE.columns.map((column) => values[column.key]);
}

describe('reading sheet values', () => {
  it('matches headers in either language and in any column order', () => {
    const header = ['Amount (SEK excl. VAT)', 'Kostnads-ID', 'finansiering', 'Booking date', 'Kostnadsslag', 'Beskrivning', 'Verifikationsnummer'];
    const reading = readSheet(EXPENSES_TEMPLATE, [header, [99.5, 'K-9', 'Egna medel', '2013-04-01', 'Resor', 'Taxi', 'V9']]);
    expect(reading.issues).toEqual([]);
    expect(reading.rows).toEqual([
      {
        sheetRow: 2,
        values: { amount: 99.5, expenseId: 'K-9', funding: 'own', date: '2013-04-01', category: 'travel', description: 'Taxi', voucher: 'V9' },
      },
    ]);
    expect(reading.layout.columns.get('amount')).toBe(1);
  });

  it('reports a missing required column once, not on every row', () => {
    const header = expenseHeader.filter((label) => label !== 'Verifikationsnummer');
    const row = expenseCells();
    row.splice(expenseHeader.indexOf('Verifikationsnummer'), 1);
    const reading = readSheet(EXPENSES_TEMPLATE, [header, row, row]);
    expect(reading.issues.map((issue) => [issue.code, issue.cell])).toEqual([['missing-column', 'Kostnader!A1']]);
    expect(reading.issues[0]?.message).toContain('Verifikationsnummer');
  });

  it('warns about an unknown extra column and reads the rest', () => {
    const reading = readSheet(EXPENSES_TEMPLATE, [
      [...expenseHeader, 'Kommentar'],
      [...expenseCells(), 'egen anteckning'],
    ]);
    expect(reading.issues.map((issue) => [issue.severity, issue.code, issue.cell])).toEqual([['warning', 'unknown-column', 'Kostnader!J1']]);
    expect(reading.rows).toHaveLength(1);
  });

  it('rejects a column given twice', () => {
    const reading = readSheet(EXPENSES_TEMPLATE, [
      [...expenseHeader, 'Belopp (kr exkl. moms)'],
      [...expenseCells(), 5],
    ]);
    expect(reading.issues.map((issue) => [issue.code, issue.cell])).toEqual([['duplicate-column', 'Kostnader!J1']]);
  });

  it('says so when the sheet has no header row', () => {
    expect(readSheet(EXPENSES_TEMPLATE, []).issues.map((issue) => issue.code)).toEqual(['no-header']);
    expect(readSheet(EXPENSES_TEMPLATE, [['', null]]).issues.map((issue) => issue.code)).toEqual(['no-header']);
  });

  it('skips blank rows but keeps the sheet rows of the others', () => {
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, expenseCells(), ['', null, '  '], [], expenseCells({ expenseId: 'K-2' })]);
    expect(reading.rows.map((row) => row.sheetRow)).toEqual([2, 5]);
  });

  it('addresses cells in the user own layout when the table starts elsewhere and the sheet is renamed', () => {
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, expenseCells({ amount: 'många' })], {
      sheet: 'Kostnader 2013',
      origin: { row: 3, column: 2 },
    });
    expect(reading.issues.map((issue) => [issue.code, issue.row, issue.column, issue.cell])).toEqual([['invalid-number', 4, 'amount', "'Kostnader 2013'!H4"]]);
  });

  it('accepts a list value by key or by either label, in any case', () => {
    const values = ['travel', 'RESOR', 'travel ', 'Premises and conferences', 'lokaler och konferenser'];
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, ...values.map((category, index) => expenseCells({ category, expenseId: `K-${index}` }))]);
    expect(reading.issues).toEqual([]);
    expect(reading.rows.map((row) => row.values.category)).toEqual(['travel', 'travel', 'travel', 'premises', 'premises']);
  });

  it('rejects a list value that is none of them and lists the choices', () => {
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, expenseCells({ category: 'Fika' })]);
    expect(reading.issues[0]?.code).toBe('invalid-list-value');
    expect(reading.issues[0]?.message).toContain('Resor');
    expect(reading.issues[0]?.cell).toBe('Kostnader!C2');
  });

  it('reads dates given as Excel serials, as Dates and as ISO text', () => {
    const serial = serialFromIsoDate('2013-03-05');
    expect(serial).toBe(41338);
    const dates = [
      serial,
      serial + 0.75,
      new Date(Date.UTC(2013, 2, 5)),
      new Date('2013-03-05T18:00:00Z'),
      new Date('2013-03-05T23:59:59.999Z'),
      '2013-03-05',
      '2013-3-5',
      '2013-03-05T00:00:00',
    ];
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, ...dates.map((date, index) => expenseCells({ date, expenseId: `K-${index}` }))]);
    expect(reading.issues).toEqual([]);
    expect(new Set(reading.rows.map((row) => row.values.date))).toEqual(new Set(['2013-03-05']));
  });

  it.each([['05/03/2013'], ['igår'], [new Date('invalid')], [-5]])('rejects %p as a date', (date) => {
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, expenseCells({ date })]);
    expect(reading.issues.map((issue) => [issue.code, issue.cell])).toEqual([['invalid-date', 'Kostnader!B2']]);
  });

  it.each([
    ['2013-02-30', 'februari 2013 har 28 dagar', 'February 2013 has 28 days'],
    ['2012-2-30', 'februari 2012 har 29 dagar', 'February 2012 has 29 days'],
    ['2013-13-01', 'det finns ingen månad 13 (månaderna är 01–12)', 'there is no month 13 (months are 01–12)'],
    ['2013-04-00', 'dagarna i en månad börjar på 01', 'the days of a month start at 01'],
  ])('says why %p, written as a date, does not exist, in both languages', (date, sv, en) => {
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, expenseCells({ date })]);
    expect(reading.issues.map((issue) => [issue.code, issue.cell])).toEqual([['nonexistent-date', 'Kostnader!B2']]);
    expect(reading.issues[0]?.message).toBe(`Kostnader!B2, Bokföringsdatum: ”${date}” finns inte: ${sv}. Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.`);
    const english = readSheet(EXPENSES_TEMPLATE, [expenseHeader, expenseCells({ date })], { language: 'en' });
    expect(english.issues[0]?.message).toBe(`Kostnader!B2, Booking date: "${date}" does not exist: ${en}. Write a date that exists, as YYYY-MM-DD.`);
  });

  it('reads amounts written the Swedish way, with ordinary or non-breaking spaces', () => {
    expect(parseNumber('1 234,50')).toBe(1234.5);
    expect(parseNumber('1\u00a0234,50')).toBe(1234.5);
    expect(parseNumber('1\u202f234,5')).toBe(1234.5);
    expect(parseNumber('−250,00')).toBe(-250);
    expect(parseNumber('1234.50')).toBe(1234.5);
    expect(parseNumber('1.234,50')).toBe(1234.5);
    expect(parseNumber('12.500')).toBeUndefined();
    expect(parseNumber('12 kr')).toBeUndefined();
    expect(parseNumber(true)).toBeUndefined();
  });

  it('converts Excel serials of the 1900 system', () => {
    expect(isoDateFromSerial(41275)).toBe('2013-01-01');
    expect(isoDateFromSerial(42004)).toBe('2014-12-31');
    expect(isoDateFromSerial(Number.NaN)).toBeUndefined();
  });

  it('reads text that Excel turned into a number as text', () => {
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, expenseCells({ voucher: 20130042, expenseId: 17 })]);
    expect(reading.issues).toEqual([]);
    expect(reading.rows[0]?.values).toMatchObject({ voucher: '20130042', expenseId: '17' });
  });

  it('reads yes/no cells as Ja/Nej, yes/no, true/false and booleans', () => {
    const header = ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv);
    const at = header.indexOf('Lärande exempel');
    const answers = ['Ja', 'nej', 'YES', 'no', 'true', 'FALSE', true, false];
    const rows = answers.map((answer) => header.map((_, index) => (index === at ? answer : '')));
    const reading = readSheet(ACTIVITIES_TEMPLATE, [header, ...rows]);
    expect(reading.rows.map((row) => row.values.learningExample)).toEqual([true, false, true, false, true, false, true, false]);
    const wrong = readSheet(ACTIVITIES_TEMPLATE, [header, header.map((_, index) => (index === at ? 'kanske' : ''))]);
    expect(wrong.issues.filter((issue) => issue.column === 'learningExample').map((issue) => issue.code)).toEqual(['invalid-boolean']);
  });

  it('words messages in English on request', () => {
    const reading = readSheet(EXPENSES_TEMPLATE, [expenseHeader, expenseCells({ amount: 0 })], { language: 'en' });
    expect(reading.issues[0]?.message).toBe('Kostnader!G2, Amount (SEK excl. VAT): the amount is 0. Give a non-zero amount, or remove the row.');
  });
});
