import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, commentColumn, commentColumnChoices, templateColumnLetters } from '@samla/shared';

describe('the column a coordinator’s cell comment names', () => {
  it('is found by key, Swedish or English header, or letter, in any case and with spaces around', () => {
    const named: [string, string][] = [
      ['title', 'title'],
      ['Rubrik', 'title'],
      ['  rUBRIK  ', 'title'],
      ['Title', 'title'],
      ['D', 'title'],
      [' d ', 'title'],
      ['Länk (Jämställ.nu)', 'publishedUrl'],
      ['deltagare  ej   könsuppdelat', 'participantsUnspecified'],
      ['A', 'activityId'],
      ['Q', 'effect'],
    ];
    for (const [text, key] of named) expect([text, commentColumn(ACTIVITIES_TEMPLATE, text)?.key]).toEqual([text, key]);
    expect(commentColumn(EXPENSES_TEMPLATE, 'g')?.key).toBe('amount');
    expect(commentColumn(EXPENSES_TEMPLATE, 'Aktivitets-ID')?.key).toBe('activityId');
  });

  it('is none for a header the template lacks, a letter past its last column, or a cell address', () => {
    for (const text of ['Aktivitetens namn', 'R', 'AA', 'D2', '', '  ', '$D', 'Belopp (kr exkl. moms)'])
      expect([text, commentColumn(ACTIVITIES_TEMPLATE, text)]).toEqual([text, undefined]);
    expect(commentColumn(EXPENSES_TEMPLATE, 'J')).toBeUndefined();
  });

  it('has the letters of the template’s own layout, and lists every column once for a message', () => {
    expect(ACTIVITIES_TEMPLATE.columns.map((column) => templateColumnLetters(ACTIVITIES_TEMPLATE, column.key)).join('')).toBe('ABCDEFGHIJKLMNOPQ');
    expect(templateColumnLetters(ACTIVITIES_TEMPLATE, 'nope')).toBeUndefined();
    const sv = commentColumnChoices(EXPENSES_TEMPLATE, 'sv');
    expect(sv.split(', ')).toHaveLength(EXPENSES_TEMPLATE.columns.length);
    expect(sv).toMatch(/^A ”Kostnads-ID” \(expenseId\), B ”Bokföringsdatum” \(date\)/);
    expect(commentColumnChoices(EXPENSES_TEMPLATE, 'en')).toMatch(/^A “Kostnads-ID” \/ “Expense ID” \(expenseId\)/);
  });
});
