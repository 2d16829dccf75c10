import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, columnForHeader } from '@samla/shared';

describe('columnForHeader', () => {
  it('finds a column by its Swedish label, English label or key, ignoring case and extra spaces', () => {
    expect(columnForHeader(EXPENSES_TEMPLATE, 'Belopp (kr exkl. moms)')?.key).toBe('amount');
    expect(columnForHeader(EXPENSES_TEMPLATE, '  belopp  (KR exkl. moms) ')?.key).toBe('amount');
    expect(columnForHeader(EXPENSES_TEMPLATE, 'Amount (SEK excl. VAT)')?.key).toBe('amount');
    expect(columnForHeader(ACTIVITIES_TEMPLATE, 'participantsWomen')?.key).toBe('participantsWomen');
  });

  it('finds nothing for an empty cell or a header of another template', () => {
    expect(columnForHeader(ACTIVITIES_TEMPLATE, '')).toBeUndefined();
    expect(columnForHeader(ACTIVITIES_TEMPLATE, null)).toBeUndefined();
    expect(columnForHeader(ACTIVITIES_TEMPLATE, 'Kostnadsslag')).toBeUndefined();
  });
});
