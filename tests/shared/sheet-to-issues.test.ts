import { EXPENSES_TEMPLATE, serialFromIsoDate, validateSheet } from '@samla/shared';
import { context2013 } from './fixtures';

describe('a filled-in Kostnader sheet from Excel', () => {
  it('reads shuffled Swedish columns, serial dates and Swedish decimals through to the exact issues and cells', () => {
    const header = [
      'Belopp (kr exkl. moms)',
      'Beskrivning',
      'Kostnads-ID',
      'Finansiering',
      'Bokföringsdatum',
      'Kostnadsslag',
      'Aktivitets-ID',
      'Verifikationsnummer',
      'Leverantör',
    ];
    const values: unknown[][] = [
      header,
      ['1 234,50', 'Föreläsare', 'K-1', 'Anslag (3:1 ap. 12)', serialFromIsoDate('2013-04-10'), 'Köpta tjänster (inkl. konsulter)', 'A-1', 'V1', 'Konsult AB'],
      ['12\u00a0000,125', 'Lokalhyra', 'K-2', 'grant', serialFromIsoDate('2013-04-11'), 'premises', '', 'V2', ''],
      ['', '', '', '', '', '', '', '', ''],
      ['-300', '', 'K-1', 'own', serialFromIsoDate('2014-01-03'), 'resor', 'A-7', 'V3', ''],
      ['450', 'Tryck', 'K-4', 'eget', '2013-13-01', 'Material och tryck', '', '', ''],
    ];
    const validation = validateSheet('expenses', values, {
      ...context2013,
      activityIds: ['A-1'],
      origin: { row: 2, column: 2 },
    });
    expect(validation.rows).toHaveLength(4);
    expect(validation.rows[0]).toEqual({
      sheetRow: 3,
      values: {
        amount: 1234.5,
        description: 'Föreläsare',
        expenseId: 'K-1',
        funding: 'grant',
        date: '2013-04-10',
        category: 'purchased-services',
        activityId: 'A-1',
        voucher: 'V1',
        supplier: 'Konsult AB',
      },
    });
    expect(validation.issues.map((issue) => [issue.severity, issue.code, issue.column, issue.row, issue.cell])).toEqual([
      ['error', 'too-many-decimals', 'amount', 4, 'Kostnader!B4'],
      ['warning', 'correction', 'amount', 6, 'Kostnader!B6'],
      ['error', 'required', 'description', 6, 'Kostnader!C6'],
      ['error', 'duplicate-id', 'expenseId', 6, 'Kostnader!D6'],
      ['error', 'date-outside-year', 'date', 6, 'Kostnader!F6'],
      ['error', 'unknown-activity', 'activityId', 6, 'Kostnader!H6'],
      ['error', 'invalid-list-value', 'funding', 7, 'Kostnader!E7'],
      ['error', 'nonexistent-date', 'date', 7, 'Kostnader!F7'],
      ['error', 'required', 'voucher', 7, 'Kostnader!I7'],
    ]);
    expect(validation.valid).toBe(false);
    expect(validation.issues[4]?.message).toBe(
      'Kostnader!F6, Bokföringsdatum: 2014-01-03 ligger utanför redovisningsåret 2013. Ange ett datum mellan 2013-01-01 och 2013-12-31.',
    );
    expect(EXPENSES_TEMPLATE.sheetName).toBe(validation.layout.sheet);
  });
});
