import { parseNumberText, validateRecords } from '@samla/shared';
import { context2013, expense } from './fixtures';

/**
 * The validation's fast paths must answer exactly what the general rules answer. Surrounding spaces mean the same
 * number (the rule trims) but take the general path, so each text is read both ways and the answers compared.
 */
describe('number text read without the pattern', () => {
  function texts(): string[] {
    let state = 2015;
    const random = (): number => {
      state = (state * 1_664_525 + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    const digits = (count: number): string => Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('');
    const shapes = ['0', '00', '007', '1', '12', '123', '1234', '0,5', '0,125', '12,500', '1234,500', '12.50', '12,', ',5', '.5', '1,2,3', '1.2,3', '1,,2', ''];
    for (let index = 0; index < 400; index += 1) {
      const separator = ['', ',', '.'][Math.floor(random() * 3)] as string;
      const whole = digits(Math.floor(random() * 6));
      shapes.push(separator === '' ? whole : `${whole}${separator}${digits(Math.floor(random() * 6))}`);
    }
    return shapes;
  }

  it.each(texts())('reads %p as the pattern does', (text) => {
    expect(parseNumberText(text)).toEqual(parseNumberText(` ${text} `));
  });

  it('reads the common shapes with their decimals, and still refuses the ambiguous one', () => {
    expect(parseNumberText('12,5')).toEqual({ kind: 'number', value: 12.5, decimals: 1 });
    expect(parseNumberText('1234,500')).toEqual({ kind: 'number', value: 1234.5, decimals: 1 });
    expect(parseNumberText('0,125')).toEqual({ kind: 'number', value: 0.125, decimals: 3 });
    expect(parseNumberText('007')).toEqual({ kind: 'number', value: 7, decimals: 0 });
    expect(parseNumberText('12,500')?.kind).toBe('ambiguous');
    expect(parseNumberText('12,')).toBeUndefined();
  });
});

describe('unique IDs compared as normalizeId compares them', () => {
  const duplicates = (first: string, second: string): string[] =>
    validateRecords('expenses', [expense({ expenseId: first }), expense({ expenseId: second })], context2013)
      .issues.filter((issue) => issue.code === 'duplicate-id')
      .map((issue) => issue.cell);

  it.each([
    ['K-1', 'k-1'],
    ['k-1', 'K-1'],
    ['\uFF2B-1', 'k-1'],
    ['K\u20111', 'k-1'],
    ['k-1', 'K\u20111'],
    ['\u1E9E-1', '\u00DF-1'],
  ])('%p and %p are the same ID', (first, second) => {
    expect(duplicates(first, second)).toEqual(['Kostnader!A3']);
  });

  it.each([
    ['\u00DF-1', 'SS-1'],
    ['K-1', 'K-11'],
    ['K-1', 'K_1'],
  ])('%p and %p are different IDs', (first, second) => {
    expect(duplicates(first, second)).toEqual([]);
  });
});
