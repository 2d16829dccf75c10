import { LUJ_INITIATIVE, type RoundEntry } from '@samla/shared';
import { boardsMatching } from '../../addin/src/taskpane/views/board-search';
import { isFarFewer } from '../../addin/src/taskpane/views/replacement';
import { checkFundsLine, fundsWindow } from '../../addin/src/taskpane/views/funds-form';
import { countOf } from '../../addin/src/taskpane/views/plurals';
import { boardLines, filterLines, nationTotals, participantsByStrand } from '../../addin/src/taskpane/views/round-overview';
import { settlementOf } from '../../addin/src/taskpane/views/settlement';
import { formatAmount, readSwedishAmount } from '../../addin/src/taskpane/views/swedish-numbers';
import { diffVersions } from '../../addin/src/taskpane/views/version-diff';

describe('what changed between two versions', () => {
  const before = [
    { activityId: 'A-1', title: 'Nätverksträff', participantsWomen: 10 },
    { activityId: 'A-2', title: 'Utbildning', participantsWomen: 5 },
    { activityId: 'A-3', title: 'Seminarium', participantsWomen: 3 },
  ];
  const after = [
    { activityId: 'A-1', title: 'Nätverksträff', participantsWomen: 12 },
    { activityId: 'A-3', title: 'Seminarium', participantsWomen: 3 },
    { activityId: 'A-4', title: 'Workshop', participantsWomen: 7 },
  ];

  it('matches rows by their id and lists rows added, removed and changed, cell by cell', () => {
    const diff = diffVersions('activities', before, after);
    expect(diff.added.map((row) => row.activityId)).toEqual(['A-4']);
    expect(diff.removed.map((row) => row.activityId)).toEqual(['A-2']);
    expect(diff.changed).toEqual([{ id: 'A-1', cells: [{ column: 'participantsWomen', before: 10, after: 12 }] }]);
    expect(diff.unchanged).toBe(1);
  });

  it('matches expenses by Kostnads-ID, ignoring the order of the rows', () => {
    const rows = [
      { expenseId: 'K-1', amount: 100 },
      { expenseId: 'K-2', amount: 200 },
    ];
    const diff = diffVersions('expenses', rows, [...rows].reverse());
    expect(diff).toEqual({ added: [], removed: [], changed: [], unchanged: 2 });
  });

  it('lists a row’s changed cells in the template’s column order, whatever the order of the stored keys', () => {
    // The server hands stored rows with their keys in code-point order (amount, date, description, expenseId).
    const stored = { amount: 100, date: '2013-04-15', description: 'Resa', expenseId: 'K-1' };
    const diff = diffVersions('expenses', [stored], [{ ...stored, amount: 150, date: '2013-04-16', description: 'Tåg' }]);
    expect(diff.changed[0]?.cells.map((cell) => cell.column)).toEqual(['date', 'description', 'amount']);
  });

  it('sees a value that became empty as a change', () => {
    const diff = diffVersions('expenses', [{ expenseId: 'K-1', supplier: 'Visby AB' }], [{ expenseId: 'K-1' }]);
    expect(diff.changed).toEqual([{ id: 'K-1', cells: [{ column: 'supplier', before: 'Visby AB', after: undefined }] }]);
  });
});

describe('Swedish amounts', () => {
  it.each([
    ['1 500,00', 150000],
    ['1\u00a0500,5', 150050],
    ['1500', 150000],
    ['12 500 000', 1250000000],
    ['-200,25', -20025],
    ['0,01', 1],
  ])('reads %s as %i öre', (text, ore) => {
    expect(readSwedishAmount(text)).toEqual({ ok: true, ore });
  });

  it.each([
    ['12.500', 'ambiguous-point'],
    ['1,500.00', 'ambiguous-point'],
    ['1 50', 'not-a-number'],
    ['abc', 'not-a-number'],
    ['1,234', 'too-many-decimals'],
    ['  ', 'empty'],
  ])('refuses %s (%s), never guessing', (text, reason) => {
    expect(readSwedishAmount(text)).toEqual({ ok: false, reason });
  });

  it('writes amounts the Swedish way, with a hyphen-minus', () => {
    expect(formatAmount(-1500, 'sv').replace(/\s/g, ' ')).toBe('-1 500,00');
    expect(formatAmount(1500, 'en')).toBe('1,500.00');
  });

  it('counts in Swedish with the right number of the noun', () => {
    expect(countOf('sv', 1, 'warning')).toBe('1 varning');
    expect(countOf('sv', 2, 'warning')).toBe('2 varningar');
    expect(countOf('sv', 1, 'row')).toBe('1 rad');
    expect(countOf('sv', 12500, 'row').replace(/\s/g, ' ')).toBe('12 500 rader');
    expect(countOf('en', 1, 'error')).toBe('1 error');
    expect(countOf('sv', 3, 'error')).toBe('3 fel');
  });
});

describe("finance's requisitions and repayments", () => {
  it('accepts a 2014 requisition in time, and flags one after the deadline as late', () => {
    expect(checkFundsLine(LUJ_INITIATIVE, 2014, { kind: 'requisition', amount: '1 500 000,00', date: '2014-05-02' })).toEqual({
      movement: { kind: 'requisition', amount: 1_500_000, date: '2014-05-02' },
      problems: [],
    });
    expect(checkFundsLine(LUJ_INITIATIVE, 2014, { kind: 'requisition', amount: '10', date: '2014-09-02' }).lateAfter).toBe('2014-09-01');
  });

  it('refuses a 2014 requisition dated 2012, a date that does not exist, and an amount of zero', () => {
    const check = checkFundsLine(LUJ_INITIATIVE, 2014, { kind: 'requisition', amount: '0', date: '2012-05-02' });
    expect(check.movement).toBeUndefined();
    expect(check.problems).toEqual([
      { field: 'amount', code: 'not-positive' },
      { field: 'date', code: 'outside-window', from: '2014-01-01', to: '2015-03-01' },
    ]);
    expect(checkFundsLine(LUJ_INITIATIVE, 2014, { kind: 'repayment', amount: '5', date: '2015-02-30' }).problems).toEqual([
      { field: 'date', code: 'not-a-date' },
    ]);
  });

  it('allows a late repayment up to the end of the year after the repayment deadline', () => {
    expect(fundsWindow(LUJ_INITIATIVE, 2013, 'repayment')).toEqual({ from: '2013-01-01', to: '2015-12-31' });
  });

  it('settles a year as the financial report does: unused, repaid, left to repay', () => {
    const settlement = settlementOf(
      LUJ_INITIATIVE,
      2013,
      [
        { kind: 'requisition', amount: 1_000_000, date: '2013-06-01' },
        { kind: 'repayment', amount: 50_000.5, date: '2014-02-01' },
      ],
      800_000.25,
    );
    expect(settlement).toMatchObject({
      ceilingOre: 140_000_000,
      requisitionedOre: 100_000_000,
      requisitionTiming: 'in-time',
      grantOre: 80_000_025,
      unusedOre: 19_999_975,
      repaidOre: 5_000_050,
      toRepayOre: 14_999_925,
      repaymentDeadline: '2014-03-01',
      overCeiling: false,
    });
    expect(settlementOf(LUJ_INITIATIVE, 2013, [], 0).requisitionTiming).toBe('none');
    expect(settlementOf(LUJ_INITIATIVE, 2013, [{ kind: 'requisition', amount: 1, date: '2013-10-01' }], 0).requisitionTiming).toBe('late');
  });
});

describe("the coordinator's overview", () => {
  const entries: RoundEntry[] = [
    {
      board: 'I',
      template: 'activities',
      state: 'accepted',
      late: false,
      nothingToReport: false,
      version: 2,
      summary: {
        rows: 4,
        warnings: 1,
        figures: { participantsWomen: 30, participantsMen: 20, participantsUnspecified: 1, 'participantsWomen.coordination': 30 },
      },
      cells: [],
    },
    {
      board: 'I',
      template: 'expenses',
      state: 'returned',
      late: true,
      nothingToReport: false,
      version: 1,
      summary: { rows: 3, warnings: 0, figures: { grantCosts: 1500.5, ownCosts: 10, costs: 1510.5 } },
      cells: [],
    },
    {
      board: 'AB',
      template: 'activities',
      state: 'submitted',
      late: true,
      nothingToReport: false,
      version: 1,
      summary: { rows: 2, warnings: 2, figures: {} },
      cells: [],
    },
  ];

  it('holds all 21 boards with both templates, a board the server left out as missing', () => {
    const lines = boardLines(entries);
    expect(lines).toHaveLength(21);
    expect(lines.find((line) => line.board === 'Z')?.entries.expenses.state).toBe('missing');
  });

  it('filters for missing, late and returned boards', () => {
    const lines = boardLines(entries);
    expect(filterLines(lines, 'returned').map((line) => line.board)).toEqual(['I']);
    expect(filterLines(lines, 'late').map((line) => line.board)).toEqual(['AB', 'I']);
    expect(filterLines(lines, 'missing')).toHaveLength(20);
  });

  it("totals the nation's states, rows, participants by sex and costs by funding", () => {
    const totals = nationTotals(boardLines(entries));
    expect(totals).toMatchObject({ entries: 42, late: 2, rows: 9, warnings: 3, women: 30, men: 20, unspecified: 1, grant: 1500.5, own: 10 });
    expect(totals.states).toEqual({ missing: 39, submitted: 1, returned: 1, accepted: 1 });
    expect(participantsByStrand(boardLines(entries)).find((entry) => entry.strand === 'coordination')).toEqual({
      strand: 'coordination',
      women: 30,
      men: 0,
      unspecified: 0,
    });
  });

  it('finds a board by its county name, without accents or case', () => {
    expect(boardsMatching('gotland').map((board) => board.code)).toEqual(['I']);
    expect(boardsMatching('ostergotland').map((board) => board.code)).toEqual(['E']);
    expect(boardsMatching('Västra').map((board) => board.code)).toEqual(['O']);
    expect(boardsMatching('')).toHaveLength(21);
  });

  it('asks before far fewer rows replace a current version', () => {
    expect(isFarFewer(10, 1)).toBe(true);
    expect(isFarFewer(10, 6)).toBe(false);
    expect(isFarFewer(2, 1)).toBe(false);
  });
});
