import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LUJ_INITIATIVE, validateSheet, type Language } from '@samla/shared';
import { readUploadedWorkbook } from '../../../functions/src/workbooks/upload-reader';

/*
 * Numbers in the messages about an uploaded file are written the reader's way, and a whole number spelled with more
 * digits than a double holds is quoted as the file spells it. Files from openpyxl and LibreOffice (uploads/make-uploads.py).
 */
const SIBLINGS = join(__dirname, 'uploads');

async function messages(file: string, language: Language): Promise<string[]> {
  const reading = await readUploadedWorkbook(readFileSync(join(SIBLINGS, file)));
  if (!reading.ok) throw new Error(`refused: ${reading.refusal.kind}`);
  const found = reading.sheets.find((sheet) => sheet.template === 'expenses');
  if (!found) throw new Error('no expenses sheet');
  const validation = validateSheet(found.template, found.values, {
    year: 2014,
    settings: LUJ_INITIATIVE,
    sheet: found.sheet,
    origin: found.origin,
    language,
  });
  return validation.issues.map((issue) => issue.message);
}

describe('numbers in messages about an uploaded file', () => {
  it('quotes openpyxl’s whole number beyond 2^53 as the file spells it, and writes 1,234.567 in English', async () => {
    expect(await messages('o11-long-numbers-openpyxl.xlsx', 'en')).toEqual([
      'Kostnader!G2, Amount (SEK excl. VAT): 9007199254740992 is too large. The value may be at most 10,000,000.',
      'Kostnader!G3, Amount (SEK excl. VAT): 1,234.567 has too many decimals. At most 2 are allowed (whole öre, hundredths of a krona).',
    ]);
    expect(await messages('o11-long-numbers-openpyxl.xlsx', 'sv')).toEqual([
      'Kostnader!G2, Belopp (kr exkl. moms): 9007199254740992 är för stort. Värdet får vara högst 10 000 000.',
      'Kostnader!G3, Belopp (kr exkl. moms): 1 234,567 har för många decimaler. Högst 2 decimaler är tillåtna (hela ören).',
    ]);
  });

  it('writes LibreOffice’s 15-digit copy the reader’s way', async () => {
    expect(await messages('lo/o11-long-numbers-openpyxl.xlsx', 'en')).toEqual([
      'Kostnader!G2, Amount (SEK excl. VAT): 9.00719925474099×10^15 is too large. The value may be at most 10,000,000.',
      'Kostnader!G3, Amount (SEK excl. VAT): 1,234.567 has too many decimals. At most 2 are allowed (whole öre, hundredths of a krona).',
    ]);
    expect((await messages('lo/o11-long-numbers-openpyxl.xlsx', 'sv'))[0]).toContain(
      ': 9,00719925474099×10^15 är för stort. Värdet får vara högst 10 000 000.',
    );
  });
});
