import { validateRecords, type ValidationContext } from '@samla/shared';
import { context2013, expense } from './fixtures';

function findings(rows: Record<string, unknown>[], context: ValidationContext = context2013): string[] {
  return validateRecords('expenses', rows, context).issues.map((issue) => `${issue.severity} ${issue.code} ${issue.cell}`);
}

describe('expense rows', () => {
  it('accepts a complete, correct expense', () => {
    expect(findings([expense()])).toEqual([]);
  });

  it('requires an expense ID without forbidden characters, unique within the sheet', () => {
    expect(findings([expense({ expenseId: '' })])).toEqual(['error required Kostnader!A2']);
    expect(findings([expense({ expenseId: 'K#1' })])).toEqual(['error invalid-id Kostnader!A2']);
    expect(findings([expense(), expense()])).toEqual(['error duplicate-id Kostnader!A3']);
  });

  it('requires a booking date within the reported year', () => {
    expect(findings([expense({ date: '2013-12-31' })])).toEqual([]);
    expect(findings([expense({ date: '2014-01-01' })])).toEqual(['error date-outside-year Kostnader!B2']);
    expect(findings([expense({ date: '' })])).toEqual(['error required Kostnader!B2']);
  });

  it('requires a category from the list', () => {
    expect(findings([expense({ category: 'Köpta tjänster (inkl. konsulter)' })])).toEqual([]);
    expect(findings([expense({ category: 'konsult' })])).toEqual(['error invalid-list-value Kostnader!C2']);
  });

  it('requires a linked activity to exist among the board activities for the year', () => {
    const context = { ...context2013, activityIds: ['A-1', 'A-2'] };
    expect(findings([expense({ activityId: 'a-2' })], context)).toEqual([]);
    expect(findings([expense({ activityId: '' })], context)).toEqual([]);
    expect(findings([expense({ activityId: 'A-9' })], context)).toEqual(['error unknown-activity Kostnader!D2']);
  });

  it('does not check links when the board activities are not known', () => {
    expect(findings([expense({ activityId: 'A-9' })])).toEqual([]);
  });

  it('requires a description of 1–500 characters', () => {
    expect(findings([expense({ description: '' })])).toEqual(['error required Kostnader!E2']);
    expect(findings([expense({ description: 'd'.repeat(501) })])).toEqual(['error too-long Kostnader!E2']);
  });

  it('takes the supplier as optional text', () => {
    expect(findings([expense({ supplier: undefined })])).toEqual([]);
  });

  it('requires a non-zero amount with at most two decimals', () => {
    expect(findings([expense({ amount: 0.01 })])).toEqual([]);
    expect(findings([expense({ amount: 0 })])).toEqual(['error zero-amount Kostnader!G2']);
    expect(findings([expense({ amount: 10.005 })])).toEqual(['error too-many-decimals Kostnader!G2']);
    expect(findings([expense({ amount: '' })])).toEqual(['error required Kostnader!G2']);
    expect(findings([expense({ amount: 'tusen' })])).toEqual(['error invalid-number Kostnader!G2']);
  });

  it('accepts amounts that carry floating-point noise from Excel formulas', () => {
    expect(findings([expense({ amount: 0.1 + 0.2 })])).toEqual([]);
  });

  it('treats a negative amount as a correction that needs a description', () => {
    expect(findings([expense({ amount: -500 })])).toEqual(['warning correction Kostnader!G2']);
    expect(findings([expense({ amount: -500, description: '' })])).toEqual(['error required Kostnader!E2', 'warning correction Kostnader!G2']);
  });

  it('requires a voucher number', () => {
    expect(findings([expense({ voucher: ' ' })])).toEqual(['error required Kostnader!H2']);
  });

  it('requires the funding to be the grant or own funds', () => {
    expect(findings([expense({ funding: 'Egna medel' })])).toEqual([]);
    expect(findings([expense({ funding: 'EU' })])).toEqual(['error invalid-list-value Kostnader!I2']);
  });
});
