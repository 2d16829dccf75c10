import { CompactTexts } from '@samla/shared';
import { scanSheetStream } from '../../../functions/src/workbooks/sheet-xml-reader';
import { cellValue, type CellContext, type UploadedValue } from '../../../functions/src/workbooks/uploaded-cell';

/**
 * A shared-string cell (`<c t="s"><v>n</v></c>`) names its text by a 0-based index into xl/sharedStrings.xml
 * (ECMA-376 Part 1, §18.3.1.4 and §18.4.9): an index the table does not hold reads as an empty cell, never as
 * some other cell's text.
 */

const strings = new CompactTexts();
for (const text of ['noll', 'ett', 'två']) strings.add(text);
strings.finish();
const CELLS: CellContext = { sharedStrings: strings, dateStyles: new Set(), date1904: false };

const shared = (value: string | undefined): UploadedValue => cellValue({ type: 's', style: 0, value, inline: undefined, formula: undefined }, CELLS);

describe('a shared-string index', () => {
  it('reads the text at a whole index the table holds', () => {
    expect(shared('0')).toBe('noll');
    expect(shared('2')).toBe('två');
    expect(shared(' 1 ')).toBe('ett');
  });

  it('reads an index the table does not hold as an empty cell: past the end, negative, fractional, missing', () => {
    for (const value of ['3', '-1', '0.5', '4294967296', 'NaN', undefined]) expect([value, shared(value)]).toEqual([value, null]);
  });

  it('reads an empty or non-decimal <v> as an empty cell, not as the first text (Number("") is 0)', () => {
    for (const value of ['', ' ', '0x1', '1e0', '+1', '0b1', '1.0', '-0']) expect([value, shared(value)]).toEqual([value, null]);
  });

  it('reads an empty <v></v> in a sheet part as an empty cell', async () => {
    const xml = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="A2" t="s"><v></v></c><c r="B2" t="s"><v>1</v></c></row></sheetData></worksheet>`;
    async function* one(): AsyncIterable<Buffer> {
      yield Buffer.from(xml);
    }
    const result = await scanSheetStream(one(), { cells: CELLS, maxFilledRows: Number.POSITIVE_INFINITY });
    if (!result.ok) throw new Error(result.problem);
    // Cells by column number: A is 1.
    const cells = new Map(result.scan.rows.get(2) ?? []);
    expect(cells.get(1) ?? null).toBeNull();
    expect(cells.get(2)).toBe('ett');
  });
});

describe('CompactTexts once finished', () => {
  it('takes no more texts: one added after finish would be read from the wrong segment', () => {
    for (const before of [0, 1, 5_000]) {
      const store = new CompactTexts();
      for (let index = 0; index < before; index += 1) store.add(`t${index}`);
      store.finish();
      expect(() => store.add('later')).toThrow(/finished/);
      expect(store.length).toBe(before);
      if (before > 0) expect(store.at(before - 1)).toBe(`t${before - 1}`);
    }
  });
});
