import {
  ACTIVITIES_TEMPLATE,
  CellProblem,
  issueText,
  EXPENSES_TEMPLATE,
  MAX_AMOUNT,
  MAX_PARTICIPANTS,
  readCell,
  serialFromIsoDate,
  validateRecords,
  type Column,
} from '@samla/shared';
import { activity, context2013, expense } from './fixtures';

function column(template: { readonly columns: readonly Column[] }, key: string): Column {
  const found = template.columns.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no column ${key}`);
  return found;
}

const startDate = column(ACTIVITIES_TEMPLATE, 'startDate');
const amount = column(EXPENSES_TEMPLATE, 'amount');
const hours = column(ACTIVITIES_TEMPLATE, 'hours');
const women = column(ACTIVITIES_TEMPLATE, 'participantsWomen');

/** The code of a refusal, or the value read. */
function read(col: Column, raw: unknown): unknown {
  const reading = readCell(col, raw);
  return reading instanceof CellProblem ? reading.code : reading;
}

function findings(template: 'activities' | 'expenses', rows: unknown[]): string[] {
  return validateRecords(template, rows, context2013).issues.map((issue) => `${issue.code} ${issue.cell}`);
}

function messages(template: 'activities' | 'expenses', rows: unknown[], language: 'sv' | 'en' = 'sv'): string[] {
  return validateRecords(template, rows, { ...context2013, language }).issues.map((issue) => issue.message);
}

describe('date cells: the calendar day the cell shows', () => {
  it.each([
    [new Date('2014-03-12T18:00:00Z'), '2014-03-12'],
    [new Date('2014-06-30T14:15:00Z'), '2014-06-30'],
    [new Date('2014-12-31T13:00:00Z'), '2014-12-31'],
    [new Date('2014-12-31T23:59:59.999Z'), '2014-12-31'],
    [new Date('2014-01-01T00:00:00Z'), '2014-01-01'],
  ])('drops the time of day of the Date %p, never rounding it', (raw, day) => {
    expect(read(startDate, raw)).toBe(day);
  });

  it('drops the fraction of a serial: 2014-12-31 at 13:00, 15:30 and a breath before midnight', () => {
    const serial = serialFromIsoDate('2014-12-31');
    for (const time of [0, 13 / 24, 15.5 / 24, 0.999999]) expect(read(startDate, serial + time)).toBe('2014-12-31');
  });

  it('keeps ISO text, with or without a time, by its date part', () => {
    expect(read(startDate, '2014-12-31')).toBe('2014-12-31');
    expect(read(startDate, '2014-12-31T13:00')).toBe('2014-12-31');
    expect(read(startDate, '2014-12-31 23:30:00')).toBe('2014-12-31');
    expect(read(startDate, '2014-12-31T23:30:00-05:00')).toBe('2014-12-31');
    expect(read(startDate, ' 2014-03-12T18:00:00.000Z ')).toBe('2014-03-12');
  });

  it('says a date written right that names no day does not exist', () => {
    expect(read(startDate, '2014-02-30T10:00')).toBe('nonexistent-date');
    expect(read(startDate, '2014-13-01')).toBe('nonexistent-date');
  });

  it.each([['2014-12-31T25'], [new Date(Date.UTC(1899, 11, 31))], [new Date(Date.UTC(10000, 0, 1))], [Number.NaN], [Infinity], [true]])(
    'refuses %p as a date',
    (raw) => {
      expect(read(startDate, raw)).toBe('invalid-date');
    },
  );

  it('accepts an activity on 2014-12-31 13:00–15:30 in its year', () => {
    const rows = [activity({ startDate: new Date('2014-12-31T13:00:00Z'), endDate: new Date('2014-12-31T15:30:00Z') })];
    const validation = validateRecords('activities', rows, { ...context2013, year: 2014 });
    expect(validation.issues).toEqual([]);
    expect(validation.rows[0]?.values).toMatchObject({ startDate: '2014-12-31', endDate: '2014-12-31' });
  });
});

describe('number text: read only when it has one meaning', () => {
  it.each([['12.500'], ['8.000'], ['1,234'], ['-1.500'], ['−1.500'], ['+999,999'], ['1.000'], [' 12.500 ']])('refuses %p as ambiguous', (raw) => {
    expect(read(amount, raw)).toBe('ambiguous-number');
    expect(read(hours, raw)).toBe('ambiguous-number');
  });

  it('says what was found and how to write either meaning, in Swedish and English', () => {
    // j07b-point-thousands.json: amounts typed with a point between thousands.
    const rows = [expense({ expenseId: 'GOT-K1', amount: '12.500' }), expense({ expenseId: 'GOT-K2', amount: '8.000' })];
    expect(findings('expenses', rows)).toEqual(['ambiguous-number Kostnader!G2', 'ambiguous-number Kostnader!G3']);
    expect(messages('expenses', rows)).toEqual([
      'Kostnader!G2, Belopp (kr exkl. moms): ”12.500” kan betyda två olika tal, 12 500 eller 12,5, och läses därför inte. Skriv 12500 eller 12 500 (mellanslag mellan tusental) om du menar 12 500, eller 12,5 om du menar 12,5.',
      'Kostnader!G3, Belopp (kr exkl. moms): ”8.000” kan betyda två olika tal, 8 000 eller 8, och läses därför inte. Skriv 8000 eller 8 000 (mellanslag mellan tusental) om du menar 8 000, eller 8 om du menar 8.',
    ]);
    // An English reader reads the two meanings the English way; the spellings to type are ones Samla reads one way only.
    expect(messages('expenses', [expense({ amount: '-1.500' })], 'en')[0]).toContain(
      '"-1.500" could mean two numbers, -1,500 or -1.5, so it is not read. Write -1500 or -1 500 (a space between thousands) for -1,500, or -1.5 for -1.5.',
    );
    expect(messages('expenses', [expense({ amount: '1,234' })], 'en')[0]).toContain('1,234 or 1.234, so it is not read.');
    expect(messages('expenses', [expense({ amount: '1,234' })], 'en')[0]).toContain('or 1.2340 for 1.234.');
    expect(messages('expenses', [expense({ amount: '1,234' })])[0]).toContain('eller 1,2340 om du menar 1,234.');
  });

  it.each([
    ['1234', 1234],
    ['12,50', 12.5],
    ['1234.5', 1234.5],
    ['1 234,50', 1234.5],
    ['1\u00a0234,50', 1234.5],
    ['1\u202f234.50', 1234.5],
    ['1.234,50', 1234.5],
    ['1,234.50', 1234.5],
    ['12 500', 12500],
    ['1.234.567', 1234567],
    ['1,234,567.25', 1234567.25],
    ['0,500', 0.5],
    ['1234,500', 1234.5],
    ['−250,00', -250],
    ['+5', 5],
  ])('reads %p as %p, the one thing it can mean', (raw, value) => {
    expect(read(amount, raw)).toBe(value);
  });

  it.each([['1.234.5'], ['1,234,56'], ['12  500'], ['1 2 3'], ['1e3'], ['.5'], ['5.'], ['(500)'], ['12 kr'], ['1.234,567,8'], ['1.234 567'], ['']])(
    'refuses %p as not a number',
    (raw) => {
      expect(read(amount, raw)).toBe('invalid-number');
    },
  );
});

describe('number bounds: nothing that is not a real count or amount is stored', () => {
  it('bounds participants at 100 000', () => {
    expect(MAX_PARTICIPANTS).toBe(100_000);
    expect(read(women, 100_000)).toBe(100_000);
    expect(read(women, '100 000')).toBe(100_000);
    expect(read(women, 100_001)).toBe('above-maximum');
    expect(read(women, 1.797e308)).toBe('above-maximum');
    expect(read(women, JSON.parse('9007199254740993'))).toBe('above-maximum');
    expect(read(women, -1)).toBe('below-minimum');
  });

  it('bounds an amount at ±10 000 000 kr', () => {
    expect(MAX_AMOUNT).toBe(10_000_000);
    expect(read(amount, 10_000_000)).toBe(10_000_000);
    expect(read(amount, -10_000_000)).toBe(-10_000_000);
    expect(read(amount, 10_000_000.01)).toBe('above-maximum');
    expect(read(amount, '-10 000 000,01')).toBe('below-minimum');
    expect(read(amount, JSON.parse('9007199254740993'))).toBe('above-maximum');
    expect(read(amount, '9007199254740993')).toBe('above-maximum');
  });

  it('keeps hours at most 1 000', () => {
    expect(read(hours, 1000)).toBe(1000);
    expect(read(hours, 1000.5)).toBe('above-maximum');
  });

  it.each([[Infinity], [-Infinity], [Number.NaN]])('refuses %p in every number column', (raw) => {
    for (const col of [amount, hours, women]) expect(read(col, raw)).toBe('invalid-number');
  });

  it('keeps amounts exact to the öre, checked in whole öre, not within a tolerance', () => {
    expect(read(amount, 0.01)).toBe(0.01);
    expect(read(amount, 0.29)).toBe(0.29);
    expect(read(amount, 1234567.89)).toBe(1234567.89);
    expect(read(amount, 0.0049)).toBe('too-many-decimals');
    expect(read(amount, 10.005)).toBe('too-many-decimals');
    expect(read(amount, 1.001)).toBe('too-many-decimals');
    expect(read(amount, '0,0049')).toBe('too-many-decimals');
    expect(read(amount, '12,345')).toBe('ambiguous-number');
    expect(read(amount, '1 212,345')).toBe('too-many-decimals');
    expect(read(amount, '12,3450')).toBe('too-many-decimals');
    expect(read(amount, '12,5000')).toBe(12.5);
  });

  it('reads a formula result with binary noise as the number Excel shows (15 significant digits)', () => {
    expect(read(amount, 0.1 + 0.2)).toBe(0.3);
    expect(read(amount, 1.1 * 3)).toBe(3.3);
    expect(read(women, 0.7 * 10)).toBe(7);
    expect(read(amount, -0)).toBe('zero-amount');
    expect(Object.is(read(women, -0), 0)).toBe(true);
  });
});

const XML_INVALID = [
  ['\u0000', 'U+0000'],
  ['\u0001', 'U+0001'],
  ['\u0008', 'U+0008'],
  ['\u000b', 'U+000B'],
  ['\u000c', 'U+000C'],
  ['\u000e', 'U+000E'],
  ['\u001f', 'U+001F'],
  ['\ufffe', 'U+FFFE'],
  ['\uffff', 'U+FFFF'],
  ['\ud800', 'U+D800'],
  ['\udbff', 'U+DBFF'],
  ['\udc00', 'U+DC00'],
  ['\udfff', 'U+DFFF'],
] as const;

describe('characters XML 1.0 cannot hold', () => {
  it('refuses U+FFFF in a title at its cell, naming the position and the code point (j05-uffff-in-title.json)', () => {
    const rows = [activity({ activityId: 'GOT-A1', title: 'Text med \uffff tecken' })];
    expect(findings('activities', rows)).toEqual(['xml-invalid-character Aktiviteter!D2']);
    const [message] = messages('activities', rows);
    expect(message).toContain('tecken 10');
    expect(message).toContain('U+FFFF');
    expect(message).toContain('”Text med [U+FFFF] tecken”');
    expect(message).not.toContain('\uffff');
  });

  describe.each(XML_INVALID)('the character %j', (character, codePoint) => {
    it.each([
      ['activities', 'title', 'D2'],
      ['activities', 'activityId', 'A2'],
      ['activities', 'publishedUrl', 'N2'],
      ['activities', 'strand', 'B2'],
      ['activities', 'result', 'P2'],
      ['expenses', 'voucher', 'H2'],
      ['expenses', 'supplier', 'F2'],
      ['expenses', 'activityId', 'D2'],
    ] as const)('is refused in %s.%s', (template, key, cell) => {
      const value = key === 'publishedUrl' ? `https://x.se/a${character}b` : key === 'strand' ? `samordning${character}` : `Ab 1${character}z`;
      const row = template === 'activities' ? activity({ [key]: value }) : expense({ [key]: value });
      const validation = validateRecords(template, [row], context2013);
      expect(validation.issues.map((issue) => `${issue.code} ${issue.cell}`)).toEqual([
        `xml-invalid-character ${template === 'activities' ? 'Aktiviteter' : 'Kostnader'}!${cell}`,
      ]);
      const position = key === 'publishedUrl' ? 15 : key === 'strand' ? 11 : 5;
      expect(validation.issues[0]?.message).toContain(`tecken ${position}`);
      expect(validation.issues[0]?.message).toContain(codePoint);
      expect(validation.valid).toBe(false);
    });
  });

  it('counts the position in characters, a surrogate pair as one', () => {
    const [message] = messages('activities', [activity({ title: '😀😀\u0007' })]);
    expect(message).toContain('tecken 3');
  });

  it('refuses a reversed surrogate pair and a lone surrogate at the very end', () => {
    expect(findings('activities', [activity({ title: 'a\udc00\ud800' })])).toEqual(['xml-invalid-character Aktiviteter!D2']);
    expect(findings('activities', [activity({ title: 'a\ud83d' })])).toEqual(['xml-invalid-character Aktiviteter!D2']);
  });

  it('keeps tab, line feed, carriage return, astral characters, U+0085 and U+FFFD in text', () => {
    const title = 'Rad ett\r\nRad\ttvå 😀 \u0085 \ufffd \u{10fffd}';
    const validation = validateRecords('activities', [activity({ title })], context2013);
    expect(validation.issues).toEqual([]);
    expect(validation.rows[0]?.values.title).toBe(title);
  });
});

describe('invisible characters in IDs', () => {
  it.each([
    ['\u200b', 'U+200B'],
    ['\u200d', 'U+200D'],
    ['\ufeff', 'U+FEFF'],
    ['\u00ad', 'U+00AD'],
    ['\u2060', 'U+2060'],
    ['\u202e', 'U+202E'],
    ['\u00a0', 'U+00A0'],
    ['\u3000', 'U+3000'],
    ['\u2028', 'U+2028'],
    ['\ue000', 'U+E000'],
    ['\u3164', 'U+3164'],
    ['\ufe0f', 'U+FE0F'],
    ['\u007f', 'U+007F'],
    ['\u0085', 'U+0085'],
    ['\t', 'U+0009'],
    ['\n', 'U+000A'],
    ['\u{e0001}', 'U+E0001'],
  ])('refuses %j inside an ID, naming it', (character, codePoint) => {
    const rows = [expense({ expenseId: `K${character}1`, activityId: `A${character}1` })];
    expect(findings('expenses', rows)).toEqual(['invisible-in-id Kostnader!A2', 'invisible-in-id Kostnader!D2']);
    const [message] = messages('expenses', rows);
    expect(message).toContain(`(${codePoint}) i tecken 2`);
    expect(message).toContain(`”K[${codePoint}]1”`);
  });

  it('keeps the same character in free text', () => {
    expect(findings('expenses', [expense({ description: 'Tå\u00adg\u200b till Visby' })])).toEqual([]);
  });

  it('names the reserved character and its position', () => {
    expect(messages('expenses', [expense({ expenseId: 'K-1/2' })])[0]).toContain('har tecknet / (tecken 4)');
  });
});

describe('values that are not cell values', () => {
  const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
  const odd: [string, unknown][] = [
    ['{"toString":1}', JSON.parse('{"toString":1}')],
    ['{}', {}],
    ['["Z","Y"]', ['Z', 'Y']],
    ['[]', []],
    ['a 100 000-deep array', deep],
    ['an object without a prototype', Object.create(null) as unknown],
    ['{"valueOf":"x","toString":"y"}', { valueOf: 'x', toString: 'y' }],
  ];

  describe.each(odd)('%s', (_name, value) => {
    it.each(ACTIVITIES_TEMPLATE.columns.map((col) => [col.key]))('is refused in the column %s, at its cell, in words', (key) => {
      const validation = validateRecords('activities', [activity({ [key]: value })], context2013);
      const issue = validation.issues.find((candidate) => candidate.column === key);
      expect(issue?.code).toBe('invalid-value-type');
      expect(issue?.message).toContain('ett värde ska vara text, ett tal, ett datum eller ja/nej');
      expect(issue?.message).not.toMatch(/object Object|Z,Y|undefined/);
      expect(validation.valid).toBe(false);
    });
  });

  it('says so in English too, naming a list as a list', () => {
    expect(messages('expenses', [expense({ amount: ['Z', 'Y'] })], 'en')).toEqual([
      'Kostnader!G2, Amount (SEK excl. VAT): the cell holds a list, but a value must be text, a number, a date or yes/no. Send a plain value, e.g. "Title", 12 or "2014-03-12".',
    ]);
  });

  it('refuses a row that is not an object at its first cell instead of skipping it', () => {
    expect(findings('expenses', [expense(), null, 'K-2', ['K-3'], expense({ expenseId: 'K-4' })])).toEqual([
      'row-not-an-object Kostnader!A3',
      'row-not-an-object Kostnader!A4',
      'row-not-an-object Kostnader!A5',
    ]);
  });

  it('reads only a row own properties', () => {
    const row = Object.create({ voucher: 'ärvd' }) as Record<string, unknown>;
    Object.assign(row, expense());
    delete row.voucher;
    expect(findings('expenses', [row])).toEqual(['required Kostnader!H2']);
  });
});

describe('numbers quoted in messages as the user wrote them', () => {
  const title = column(ACTIVITIES_TEMPLATE, 'title');

  function message(col: Column, raw: unknown, language: 'sv' | 'en' = 'sv'): string {
    const reading = readCell(col, raw);
    if (!(reading instanceof CellProblem)) throw new Error(`read ${String(reading)}, not a problem`);
    return issueText(reading.code, reading.params, language);
  }

  it('writes a number cell Swedish-style, never JavaScript’s spelling', () => {
    expect(message(amount, 1500.255)).toContain('1 500,255');
    expect(message(women, 1.797e308)).toContain('1,797×10^308');
    expect(message(women, 1.797e308)).not.toContain('e+308');
    expect(message(hours, 1500)).toMatch(/^1 500 är för stort. Värdet får vara högst 1 000/);
  });

  it('quotes typed text as typed', () => {
    expect(message(hours, '1500,5')).toMatch(/^1500,5 är för stort/);
    expect(message(women, '2,5')).toContain('2,5');
  });

  it('never quotes a rounded or infinite number the user did not type', () => {
    for (const language of ['sv', 'en'] as const) {
      const imprecise = message(title, Number.MAX_SAFE_INTEGER + 2, language);
      expect(imprecise).not.toContain('9007199254740992');
      expect(imprecise).toContain('12345678901234567');
      expect(message(amount, Infinity, language)).not.toContain('Infinity');
    }
  });
});
