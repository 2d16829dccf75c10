import { BOARDS, LUJ_INITIATIVE, boardByCode, initiativeYear, isBoardCode, parseInitiativeSettings } from '@samla/shared';

describe('the boards', () => {
  it('are the 21 county administrative boards with unique letter codes and county numbers', () => {
    expect(BOARDS).toHaveLength(21);
    expect(new Set(BOARDS.map((board) => board.code)).size).toBe(21);
    expect(new Set(BOARDS.map((board) => board.countyNumber)).size).toBe(21);
  });

  it('name Gotland by the letter I', () => {
    expect(boardByCode('I')).toEqual({ code: 'I', countyNumber: '09', county: 'Gotlands län', name: 'Länsstyrelsen i Gotlands län' });
    expect(isBoardCode('I')).toBe(true);
    expect(isBoardCode('Q')).toBe(false);
    expect(isBoardCode('i')).toBe(false);
  });
});

describe('the initiative settings', () => {
  it('hold the figures of the government decision', () => {
    expect(initiativeYear(LUJ_INITIATIVE, 2013)).toEqual({
      year: 2013,
      ceiling: 1_400_000,
      requisitionDeadline: '2013-09-30',
      repaymentDeadline: '2014-03-01',
    });
    expect(initiativeYear(LUJ_INITIATIVE, 2014)).toEqual({
      year: 2014,
      ceiling: 3_100_000,
      requisitionDeadline: '2014-09-01',
      repaymentDeadline: '2015-03-01',
    });
    expect(LUJ_INITIATIVE.statusReport).toEqual({ year: 2013, due: '2014-01-31' });
    expect(LUJ_INITIATIVE.finalReport.due).toBe('2015-03-01');
    expect(LUJ_INITIATIVE.endDate).toBe('2014-12-31');
    expect(LUJ_INITIATIVE.funding).toMatchObject({ expenditureArea: 13, appropriation: '3:1', item: 12 });
  });

  it('can be replaced by another initiative given as JSON', () => {
    const later = parseInitiativeSettings(
      JSON.parse(
        JSON.stringify({
          ...LUJ_INITIATIVE,
          key: 'luj-2016',
          startDate: '2016-01-01',
          endDate: '2016-12-31',
          years: [{ year: 2016, ceiling: 2_000_000, requisitionDeadline: '2016-09-30', repaymentDeadline: '2017-03-01' }],
          statusReport: { year: 2016, due: '2017-01-31' },
        }),
      ),
    );
    expect(initiativeYear(later, 2016)?.ceiling).toBe(2_000_000);
    expect(initiativeYear(later, 2013)).toBeUndefined();
  });

  it('rejects settings with a malformed date or a repeated year, saying where', () => {
    expect(() => parseInitiativeSettings({ ...LUJ_INITIATIVE, endDate: '2014-13-01' })).toThrow(/endDate/);
    expect(() => parseInitiativeSettings({ ...LUJ_INITIATIVE, years: [...LUJ_INITIATIVE.years, LUJ_INITIATIVE.years[0]] })).toThrow(/years/);
    expect(() => parseInitiativeSettings({ ...LUJ_INITIATIVE, years: [] })).toThrow(/years/);
  });
});
