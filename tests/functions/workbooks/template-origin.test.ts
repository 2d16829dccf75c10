import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BoardCode } from '@samla/shared';
import { buildTemplateWorkbook } from '../../../functions/src/workbooks/template-workbook';
import { originMismatch, originOfInformationSheet, type TemplateOrigin } from '../../../functions/src/workbooks/template-origin';
import { readUploadedWorkbook } from '../../../functions/src/workbooks/upload-reader';
import { CASES_DIR } from '../../support/cases';
import { ensureDebianPrograms } from '../../support/debian-packages';
import { recalculateInLibreOffice } from '../../support/libreoffice';

const PYTHON = '/usr/bin/python3';
const OPENPYXL = { path: '/usr/lib/python3/dist-packages/openpyxl/__init__.py', package: 'python3-openpyxl' };

/**
 * openpyxl fills the first data row of the template's first sheet; then, as argv says, rewrites the Information
 * sheet's letter and year (`B5`, `B6`), deletes that sheet or empties it, or clears the document keywords.
 */
const FILL = `
import sys, datetime
import openpyxl
src, dst, action = sys.argv[1], sys.argv[2], sys.argv[3]
wb = openpyxl.load_workbook(src)
ws = wb.worksheets[0]
row = ['P-1', 'Kompetensutveckling', 'Utbildning', 'Grundkurs', datetime.datetime(2014, 3, 2), datetime.datetime(2014, 3, 3), 'Chefer', 3, 2, 0, 4, '', 'Nej', '', 'Genomförd', 'Klar', '']
for column, value in enumerate(row, start=1):
    ws.cell(row=2, column=column, value=value)
if action.startswith('info='):
    letter, year = action[5:].split('/')
    wb['Information']['B5'] = letter
    wb['Information']['B6'] = int(year)
elif action == 'no-info':
    del wb['Information']
elif action == 'cleared-info':
    for cells in wb['Information'].iter_rows():
        for cell in cells:
            if type(cell).__name__ != 'MergedCell':
                cell.value = None
elif action == 'no-keywords':
    wb.properties.keywords = None
    del wb['Information']
wb.save(dst)
`;

function byOpenpyxl(template: Buffer, action: string): Buffer {
  ensureDebianPrograms([{ path: PYTHON, package: 'python3' }, OPENPYXL]);
  const directory = mkdtempSync(join(tmpdir(), 'samla-origin-'));
  try {
    writeFileSync(join(directory, 'in.xlsx'), template);
    execFileSync(PYTHON, ['-c', FILL, join(directory, 'in.xlsx'), join(directory, 'out.xlsx'), action], { timeout: 120_000 });
    return readFileSync(join(directory, 'out.xlsx'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function originOf(file: Buffer): Promise<TemplateOrigin> {
  const reading = await readUploadedWorkbook(file);
  if (!reading.ok) throw new Error(`refused: ${reading.refusal.detail.en}`);
  return reading.origin;
}

const said = (origin: TemplateOrigin) => ({ board: origin.board?.code, year: origin.year?.year, places: [origin.board?.place, origin.year?.place] });
const template = (board: BoardCode, year: 2013 | 2014, language: 'sv' | 'en' = 'sv') =>
  buildTemplateWorkbook({ template: 'activities', board, year, language });

describe('the board and year a template file says it was downloaded for', () => {
  it('is read from the Information sheet of a download filled in by ExcelJS', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await template('C', 2013)).buffer);
    const sheet = workbook.getWorksheet('Aktiviteter');
    if (sheet) sheet.getRow(2).values = ['P-1', 'Kompetensutveckling'];
    const origin = await originOf(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(said(origin)).toEqual({
      board: 'C',
      year: 2013,
      places: [
        { kind: 'cell', cell: 'Information!B5', label: 'Länsbokstav' },
        { kind: 'cell', cell: 'Information!B6', label: 'År' },
      ],
    });
  });

  it('is read from an English download’s labels', async () => {
    expect(said(await originOf(await template('AB', 2014, 'en')))).toMatchObject({
      board: 'AB',
      year: 2014,
      places: [{ label: 'County letter' }, { label: 'Year' }],
    });
  });

  it('survives openpyxl and LibreOffice, and an Information sheet rewritten by hand is what the file says', async () => {
    const downloaded = await template('C', 2013);
    const filled = byOpenpyxl(downloaded, 'none');
    expect(said(await originOf(filled))).toMatchObject({ board: 'C', year: 2013 });
    const { resaved } = recalculateInLibreOffice({ resaved: filled });
    expect(said(await originOf(resaved ?? Buffer.alloc(0)))).toMatchObject({ board: 'C', year: 2013, places: [{ kind: 'cell' }, { kind: 'cell' }] });
    // The sheet is what the user sees and corrects: it wins over the download's keywords.
    expect(said(await originOf(byOpenpyxl(downloaded, 'info=i/2014')))).toMatchObject({ board: 'I', year: 2014 });
  });

  it('falls back on the document keywords when the Information sheet is gone, also after LibreOffice', async () => {
    const noInfo = byOpenpyxl(await template('C', 2013), 'no-info');
    expect(said(await originOf(noInfo))).toEqual({ board: 'C', year: 2013, places: [{ kind: 'properties' }, { kind: 'properties' }] });
    // (openpyxl leaves the deleted sheet's neighbour's stamp pointing past the sheets, which LibreOffice can't open: empty it instead.)
    const cleared = byOpenpyxl(await template('C', 2013), 'cleared-info');
    expect(said(await originOf(cleared))).toEqual({ board: 'C', year: 2013, places: [{ kind: 'properties' }, { kind: 'properties' }] });
    const { resaved } = recalculateInLibreOffice({ resaved: cleared });
    expect(said(await originOf(resaved ?? Buffer.alloc(0)))).toMatchObject({ board: 'C', year: 2013 });
  });

  it('is nothing for a file that says nothing: no Information sheet and no keywords', async () => {
    expect(await originOf(byOpenpyxl(await template('C', 2013), 'no-keywords'))).toEqual({});
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Aktiviteter').addRow(['Aktivitets-ID', 'Uppdragsdel', 'Aktivitetstyp', 'Rubrik']);
    // A sheet of the user's own named Information, with no board or year on it, says nothing either.
    plain.addWorksheet('Information').addRows([['Anteckningar'], ['År', 'ej bestämt'], ['Länsbokstav', 'Gotland?']]);
    expect(await originOf(Buffer.from(await plain.xlsx.writeBuffer()))).toEqual({});
  });

  it('reads the Information sheet’s labels also when they are written decomposed (NFD), as some programs save them', () => {
    const rows = new Map([
      [
        5,
        new Map([
          [1, 'Länsbokstav'.normalize('NFD')],
          [2, 'C'],
        ]),
      ],
      [
        6,
        new Map<number, string | number>([
          [1, 'År'.normalize('NFD')],
          [2, 2013],
        ]),
      ],
    ]);
    expect(said(originOfInformationSheet('Information', rows))).toMatchObject({ board: 'C', year: 2013 });
  });

  it('is nothing for a workbook Samla did not make (no stamp, no keywords), even with a cover sheet named Information', async () => {
    const own = new ExcelJS.Workbook();
    own.addWorksheet('Aktiviteter').addRow(['Aktivitets-ID', 'Uppdragsdel', 'Aktivitetstyp', 'Rubrik']);
    // The user's own cover sheet, naming a board and a year as Samla's Information sheet does.
    own.addWorksheet('Information').addRows([['Projektets information'], ['År', 2013], ['Länsstyrelse', 'Länsstyrelsen i Uppsala län'], ['Länsbokstav', 'C']]);
    expect(await originOf(Buffer.from(await own.xlsx.writeBuffer()))).toEqual({});
  });

  it('agrees with board I and 2014 for every case file Samla reads', async () => {
    const files = readdirSync(CASES_DIR).filter((name) => name.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const reading = await readUploadedWorkbook(readFileSync(join(CASES_DIR, name)));
      if (reading.ok) expect([name, originMismatch(reading.origin, { board: 'I', year: 2014 })]).toEqual([name, undefined]);
    }
  });
});

describe('a file made for another board or year', () => {
  it('names both, where the file says so, and how to go on, in Swedish and English', async () => {
    const mismatch = originMismatch(await originOf(await template('C', 2013)), { board: 'I', year: 2014 });
    expect(mismatch?.file).toEqual({ board: 'C', year: 2013 });
    expect(mismatch?.detail.sv).toBe(
      'Filen hämtades som mall för Länsstyrelsen i Uppsala län (C) 2013 enligt bladet Information (Information!B5, Information!B6), men lämnades in för ' +
        'Länsstyrelsen i Gotlands län (I) 2014. Inget sparades: raderna gäller troligen Länsstyrelsen i Uppsala län (C) 2013. Gäller de Länsstyrelsen i Uppsala län (C) 2013, ' +
        'lämna in dem för det länet och året. Gäller de Länsstyrelsen i Gotlands län (I) 2014, skriv I i Information!B5 (Länsbokstav), 2014 i Information!B6 (År) och lämna in filen igen.',
    );
    expect(mismatch?.detail.en).toMatch(
      /^The file was downloaded as the template for Länsstyrelsen i Uppsala län \(C\) 2013 according to its Information sheet/,
    );
    expect(mismatch?.detail.en).toMatch(/write I in Information!B5 \(Länsbokstav\), 2014 in Information!B6 \(År\) and submit the file again\.$/);
  });

  it('names only what differs, and says to copy the rows into a new template when only the keywords tell', async () => {
    const year = originMismatch(await originOf(await template('I', 2013)), { board: 'I', year: 2014 });
    expect(year?.detail.sv).toMatch(/enligt bladet Information \(Information!B6\).* skriv 2014 i Information!B6 \(År\) och lämna in filen igen\.$/);
    const keywords = originMismatch(await originOf(byOpenpyxl(await template('C', 2014), 'no-info')), { board: 'I', year: 2014 });
    expect(keywords?.detail.sv).toMatch(
      /enligt filens egenskaper \(Taggar\/Nyckelord\).* klistra in raderna i en mall hämtad för Länsstyrelsen i Gotlands län \(I\) 2014 och lämna in den\.$/,
    );
    expect(originMismatch(await originOf(await template('I', 2014)), { board: 'I', year: 2014 })).toBeUndefined();
  });
});
