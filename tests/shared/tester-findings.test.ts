import { ACTIVITIES_TEMPLATE, CellProblem, normalizeId, readCell } from '@samla/shared';

const title = ACTIVITIES_TEMPLATE.columns.find((column) => column.key === 'title');
if (!title) throw new Error('no title column');

describe('findings of a fresh tester, as kinds', () => {
  it.each(['\u2028', '\u2029'])('refuses a line or paragraph separator (%j) in text at its position', (separator) => {
    const reading = readCell(title, `Rad ett${separator}rad två`);
    expect(reading).toBeInstanceOf(CellProblem);
    expect(reading).toMatchObject({
      code: 'line-separator-character',
      params: { position: 8, codePoint: `U+${separator.charCodeAt(0).toString(16).toUpperCase()}` },
    });
  });

  it('keeps an ordinary line break in text', () => {
    expect(readCell(title, 'Rad ett\nrad två')).toBe('Rad ett\nrad två');
  });

  it('compares IDs across case, compatibility forms and kinds of dash, keeping the stored spelling', () => {
    expect(normalizeId('GOT\u2011A5')).toBe(normalizeId('got-a5'));
    expect(normalizeId('GOT-\uFF214')).toBe(normalizeId('GOT-A4'));
    expect(normalizeId('GOT\u2212A6')).toBe('got-a6');
    expect(normalizeId('GOT-A7')).not.toBe(normalizeId('GOT-A8'));
  });
});
