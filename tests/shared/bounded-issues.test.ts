import { MAX_ISSUES, validateRecords, validateSheet, EXPENSES_TEMPLATE } from '@samla/shared';
import { activity, context2013, expense } from './fixtures';

describe('a bounded answer about a submission with many bad rows', () => {
  const rows = Array.from({ length: 50_000 }, (_, index) => expense({ expenseId: `K-${index}`, amount: 'tusen', voucher: '' }));

  it('keeps the first 1 000 issues in sheet order and counts every issue by code and severity', () => {
    const validation = validateRecords('expenses', rows, context2013);
    expect(MAX_ISSUES).toBe(1000);
    expect(validation.issues).toHaveLength(1000);
    expect(validation.issues[0]?.cell).toBe('Kostnader!G2');
    expect(validation.issues[1]?.cell).toBe('Kostnader!H2');
    expect(validation.issues[999]?.cell).toBe('Kostnader!H501');
    expect(validation.issueCounts).toEqual([
      { code: 'required', severity: 'error', count: 50_000 },
      { code: 'invalid-number', severity: 'error', count: 50_000 },
    ]);
    expect(validation.omittedIssues).toBe(99_000);
    expect(validation.valid).toBe(false);
    expect(JSON.stringify(validation.issues).length).toBeLessThan(1_000_000);
  });

  it('counts the issues of the rules and of the cells alike, and finds a duplicate far down', () => {
    const many: Record<string, unknown>[] = rows.map((row) => ({ ...row, amount: -5, voucher: 'V1' }));
    many.push(expense({ expenseId: 'K-3' }));
    const validation = validateRecords('expenses', many, context2013);
    expect(validation.issues).toHaveLength(1000);
    expect(validation.issueCounts).toEqual([
      { code: 'duplicate-id', severity: 'error', count: 1 },
      { code: 'correction', severity: 'warning', count: 50_000 },
    ]);
    expect(validation.omittedIssues).toBe(49_001);
    expect(validation.valid).toBe(false);
  });

  it('is not valid when its only error lies beyond the issues kept', () => {
    const warnings = Array.from({ length: 1500 }, (_, index) => expense({ expenseId: `K-${index}`, amount: -5 }));
    warnings.push(expense({ expenseId: 'K-last', amount: 'tusen' }));
    const validation = validateRecords('expenses', warnings, context2013);
    expect(validation.issues.every((issue) => issue.severity === 'warning')).toBe(true);
    expect(validation.issueCounts).toEqual([
      { code: 'invalid-number', severity: 'error', count: 1 },
      { code: 'correction', severity: 'warning', count: 1500 },
    ]);
    expect(validation.omittedIssues).toBe(501);
    expect(validation.valid).toBe(false);
  });

  it('keeps the first issues in sheet order however the rules order them within a row', () => {
    // Every row after the first: the rules report J (unspecified-majority) before A (duplicate-id), the sheet shows A first.
    const rows = Array.from({ length: 800 }, () => activity({ participantsUnspecified: 50 }));
    const validation = validateRecords('activities', rows, context2013);
    expect(validation.issues).toHaveLength(1000);
    // Row 2 has one issue, rows 3–501 two each: 999; the 1 000th is the first of row 502 in sheet order.
    expect(validation.issues.slice(997).map((issue) => `${issue.code} ${issue.cell}`)).toEqual([
      'duplicate-id Aktiviteter!A501',
      'unspecified-majority Aktiviteter!J501',
      'duplicate-id Aktiviteter!A502',
    ]);
    expect(validation.omittedIssues).toBe(800 * 2 - 1 - 1000);
  });

  it('answers the same for a sheet with every issue on the header row', () => {
    const header = [...EXPENSES_TEMPLATE.columns.map((column) => column.label.sv), ...Array.from({ length: 3000 }, (_, index) => `Extra ${index}`)];
    const validation = validateSheet('expenses', [header], context2013);
    expect(validation.issues.length).toBeLessThanOrEqual(1000 + 64);
    expect(validation.issueCounts).toEqual([{ code: 'unknown-column', severity: 'warning', count: 3000 }]);
    expect(validation.omittedIssues + validation.issues.length).toBe(3000);
    expect(validation.valid).toBe(true);
  });
});
