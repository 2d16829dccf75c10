import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, columnForHeader, readSheet } from '@samla/shared';

describe('columnForHeader', () => {
  it('finds a column by its Swedish label, English label or key, ignoring case and extra spaces', () => {
    expect(columnForHeader(EXPENSES_TEMPLATE, 'Belopp (kr exkl. moms)')?.key).toBe('amount');
    expect(columnForHeader(EXPENSES_TEMPLATE, '  belopp  (KR exkl. moms) ')?.key).toBe('amount');
    expect(columnForHeader(EXPENSES_TEMPLATE, 'Amount (SEK excl. VAT)')?.key).toBe('amount');
    expect(columnForHeader(ACTIVITIES_TEMPLATE, 'participantsWomen')?.key).toBe('participantsWomen');
  });

  it('finds a column whose header is written decomposed (NFD: o + U+0308 for ö), as macOS and some programs write it', () => {
    for (const template of [ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE]) {
      const accented = template.columns.filter((column) => column.label.sv.normalize('NFD') !== column.label.sv);
      expect(accented.length).toBeGreaterThan(0);
      for (const column of accented) expect(columnForHeader(template, column.label.sv.normalize('NFD'))?.key).toBe(column.key);
    }
    const read = readSheet(ACTIVITIES_TEMPLATE, [ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv.normalize('NFD'))]);
    expect(read.issues.filter((issue) => issue.code === 'unknown-column' || issue.code === 'missing-column')).toEqual([]);
  });

  it('finds nothing for an empty cell or a header of another template', () => {
    expect(columnForHeader(ACTIVITIES_TEMPLATE, '')).toBeUndefined();
    expect(columnForHeader(ACTIVITIES_TEMPLATE, null)).toBeUndefined();
    expect(columnForHeader(ACTIVITIES_TEMPLATE, 'Kostnadsslag')).toBeUndefined();
  });
});
