import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { scanSheetStream, type SheetScanResult } from '../../../functions/src/workbooks/sheet-xml-reader';
import { openUploadedWorkbook, readUploadedWorkbook } from '../../../functions/src/workbooks/upload-reader';
import type { CellContext, UploadedValue } from '../../../functions/src/workbooks/uploaded-cell';
import { CASES_DIR } from '../../support/cases';
import { activitiesSheet, opened, rowsAsGiven } from './stream-support';

// Inputs where the streaming reader (openUploadedWorkbook, scanSheetStream) was compared with the reader that held each
// sheet part whole (a scan over zip.read, before the streaming): what it must answer alike, and what it got wrong.

const baseline = readFileSync(path.join(CASES_DIR, 'c00-baseline.xlsx'));
const WORKSHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** c00-baseline's activities header row, as the file writes it (shared strings 0–16). */
function headerRow(): string {
  const xml = strFromU8(unzipSync(new Uint8Array(baseline))['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
  const header = /<row r="1">.*?<\/row>/.exec(xml)?.[0];
  if (!header) throw new Error('c00-baseline has no header row');
  return header;
}

function inline(reference: string, text: string): string {
  return `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** One activity row as a script writes it by hand; `link` is the Länk (Jämställ.nu) cell (column N), if any. */
function activityRow(row: number, link = ''): string {
  const shared = (column: string, index: number) => `<c r="${column}${row}" t="s"><v>${index}</v></c>`;
  const number = (column: string, value: number, style = 0) => `<c r="${column}${row}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
  return [
    `<row r="${row}">`,
    inline(`A${row}`, `GOT-A${row}`),
    shared('B', 18),
    shared('C', 19),
    inline(`D${row}`, `Nätverksträff ${row}`),
    number('E', 41710, 1),
    number('F', 41710, 1),
    shared('G', 21),
    number('H', 12),
    number('I', 5),
    number('J', 0),
    number('K', 3),
    shared('L', 22),
    shared('M', 23),
    link,
    shared('O', 24),
    shared('P', 25),
    shared('Q', 26),
    '</row>',
  ].join('');
}

/** c00-baseline with its activities sheet's XML replaced (and, when given, the sheet's relationships). */
function withActivitiesSheet(sheetXml: string, relationships?: string): Buffer {
  const parts = unzipSync(new Uint8Array(baseline));
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheetXml);
  if (relationships) parts['xl/worksheets/_rels/sheet1.xml.rels'] = strToU8(relationships);
  return Buffer.from(zipSync(parts));
}

function sheetXml(rows: string, after = ''): string {
  return `${WORKSHEET_START}<sheetData>${headerRow()}${rows}</sheetData>${after}</worksheet>`;
}

/** The Länk (Jämställ.nu) column's offset in a data row (column N of c00-baseline's header, which starts at A). */
const LINK = 13;

describe('a row sink that fails', () => {
  it('is the sink failing, thrown as it was, never a damaged file', async () => {
    const upload = opened(await openUploadedWorkbook(baseline));
    const failing = {
      row: () => {
        throw new Error('a fault in whoever takes the rows');
      },
      restart: () => undefined,
    };
    await expect(upload.rows(activitiesSheet(upload), failing)).rejects.toThrow('a fault in whoever takes the rows');
  });

  it('is the sink failing when what it returns rejects (storage down while rows are stored)', async () => {
    const upload = opened(await openUploadedWorkbook(baseline));
    const storageDown = Object.assign(new Error('storage down'), { statusCode: 503 });
    const failing = { row: () => Promise.reject(storageDown), restart: () => undefined };
    await expect(upload.rows(activitiesSheet(upload), failing)).rejects.toBe(storageDown);
    // The reader is still usable afterwards: the same sheet reads again from the start.
    let rows = 0;
    expect(await upload.rows(activitiesSheet(upload), { row: () => void (rows += 1), restart: () => (rows = 0) })).toBeUndefined();
    expect(rows).toBe(1);
  });
});

describe('hyperlinks written as HYPERLINK formulas in every row', () => {
  const rows = 400;
  const formulaLink = (row: number) => `<c r="N${row}" t="str"><f>HYPERLINK("https://jamstall.nu/aktivitet/${row}","länk ${row}")</f><v>länk ${row}</v></c>`;

  it('are read in one pass, each row handed on once with its address (nothing kept per row for a second pass)', async () => {
    const file = withActivitiesSheet(sheetXml(Array.from({ length: rows }, (_, index) => activityRow(index + 2, formulaLink(index + 2))).join('')));
    const upload = opened(await openUploadedWorkbook(file));
    const { rows: given, restarts, refusal } = await rowsAsGiven(upload, activitiesSheet(upload));
    expect(refusal).toBeUndefined();
    expect(restarts).toBe(0);
    expect(given.map((values) => values[LINK] ?? null)).toEqual(Array.from({ length: rows }, (_, index) => `https://jamstall.nu/aktivitet/${index + 2}`));
  });

  it('keep the old order with merges and Ctrl+K links: the formula over a merge, a Ctrl+K link over the formula', async () => {
    const relationships =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://jamstall.nu/ctrl-k" TargetMode="External"/></Relationships>';
    const after =
      '<mergeCells count="2"><mergeCell ref="N2:N3"/><mergeCell ref="D4:D5"/></mergeCells><hyperlinks><hyperlink ref="N5" r:id="rId1"/></hyperlinks>';
    const file = withActivitiesSheet(sheetXml([2, 3, 4, 5, 6].map((row) => activityRow(row, formulaLink(row))).join(''), after), relationships);
    const reading = await readUploadedWorkbook(file);
    if (!reading.ok) throw new Error(reading.refusal.kind);
    const values = reading.sheets.find((sheet) => sheet.template === 'activities')?.values ?? [];
    // A HYPERLINK formula names its address exactly: it stands even in a merge's covered cell (N3).
    expect(values.slice(1).map((row) => row[LINK])).toEqual([
      'https://jamstall.nu/aktivitet/2',
      'https://jamstall.nu/aktivitet/3',
      'https://jamstall.nu/aktivitet/4',
      'https://jamstall.nu/ctrl-k',
      'https://jamstall.nu/aktivitet/6',
    ]);
    expect(values[4]?.[3]).toMatchObject({ code: 'merged-cell' });
  });

  it('count toward the visits that refuse overlapping merges, as when they were applied as ranges', async () => {
    const twiceOverAll = '<mergeCells count="2"><mergeCell ref="A2:Q6"/><mergeCell ref="A2:Q6"/></mergeCells>';
    const withFormulas = withActivitiesSheet(sheetXml([2, 3, 4, 5, 6].map((row) => activityRow(row, formulaLink(row))).join(''), twiceOverAll));
    const without = withActivitiesSheet(sheetXml([2, 3, 4, 5, 6].map((row) => activityRow(row)).join(''), twiceOverAll));
    expect(await readUploadedWorkbook(withFormulas)).toMatchObject({ ok: false, refusal: { kind: 'damaged-workbook' } });
    expect(await readUploadedWorkbook(without)).toMatchObject({ ok: true });
  });
});

describe('merges and Ctrl+K links applied as ranges while the rows stream', () => {
  const relationships =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://jamstall.nu/forst" TargetMode="External"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://jamstall.nu/sist" TargetMode="External"/></Relationships>';

  it('apply in the file order, whatever rows the ranges start at, on the data rows they cover only', async () => {
    const rows = [2, 3, 4, 5, 6, 8, 9].map((row) => activityRow(row, inline(`N${row}`, 'länk'))).join('');
    const after =
      // Listed bottom-up; the one over rows 7–8 starts at a row without data; two links over N3, the later wins.
      '<mergeCells count="3"><mergeCell ref="G8:G9"/><mergeCell ref="G7:G8"/><mergeCell ref="B2:C3"/></mergeCells>' +
      '<hyperlinks><hyperlink ref="N3:N9" r:id="rId2"/><hyperlink ref="N2:N3" r:id="rId1"/><hyperlink ref="N9" r:id="rId1" location="del"/></hyperlinks>';
    const reading = await readUploadedWorkbook(withActivitiesSheet(sheetXml(rows, after), relationships));
    if (!reading.ok) throw new Error(reading.refusal.kind);
    const values = reading.sheets.find((sheet) => sheet.template === 'activities')?.values ?? [];
    const row = (sheetRow: number) => values[sheetRow - 1] ?? [];
    expect([2, 3, 4, 5, 6, 8, 9].map((sheetRow) => row(sheetRow)[LINK])).toEqual([
      'https://jamstall.nu/forst',
      'https://jamstall.nu/forst',
      'https://jamstall.nu/sist',
      'https://jamstall.nu/sist',
      'https://jamstall.nu/sist',
      'https://jamstall.nu/sist',
      'https://jamstall.nu/forst#del',
    ]);
    expect(row(2)[1]).toBe('Samordning');
    expect(row(2)[2]).toMatchObject({ code: 'merged-cell', params: { range: 'B2:C3' } });
    expect(row(3)[1]).toMatchObject({ code: 'merged-cell', params: { range: 'B2:C3' } });
    // G8 is covered by G7:G8 (a row without data at its top) and is the first cell of G8:G9: the later merge is G7:G8.
    expect(row(8)[6]).toMatchObject({ code: 'merged-cell', params: { range: 'G7:G8' } });
    expect(row(9)[6]).toMatchObject({ code: 'merged-cell', params: { range: 'G8:G9' } });
    expect(row(6)[6]).toBe('Handläggare');
  });
});

const CELLS: CellContext = { sharedStrings: Array.from({ length: 30 }, (_, index) => `s${index}`), dateStyles: new Set([1]), date1904: false };

async function* pieces(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** A streamed scan's rows gathered as a scan without a row taker keeps them (each row's cells by column). */
async function streamedRows(bytes: Buffer, size: number): Promise<{ result: SheetScanResult; rows: [number, [number, UploadedValue][]][] }> {
  const rows: [number, [number, UploadedValue][]][] = [];
  const result = await scanSheetStream(pieces(bytes, size), { cells: CELLS, maxFilledRows: Number.POSITIVE_INFINITY }, (row, cells) => {
    rows.push([row, [...cells]]);
  });
  return { result, rows };
}

describe('a sheet part streamed in pieces cut anywhere', () => {
  const tricky = sheetXml(
    [
      `<row r="2">${inline('A2', 'GOT-A2')}${inline('D2', 'Träff 😀 &amp; 𝄞 &lt;mål&gt; &#x1F600;')}</row>`,
      `<!-- a comment <row> that is no row -->`,
      `<row r="3">${inline('A3', 'GOT-A3')}<c r="D3" t="inlineStr"><is><t><![CDATA[<b>rå</b> & ]]]]><![CDATA[>]]></t></is></c></row>`,
      `<row r="4">${inline('A4', 'GOT-A4')}<c r="D4" t="inlineStr"><is><t xml:space="preserve">rad\r\nrad\rrad</t></is></c></row>`,
      `<row r="5">${inline('A5', 'GOT-A5')}<c r="D5" t="inlineStr"><is><r><t>Rik</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c></row>`,
    ].join(''),
  );
  const encodings: [string, Buffer][] = [
    ['UTF-8', Buffer.from(tricky)],
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(tricky)])],
    ['UTF-16LE with a byte-order mark', Buffer.from(`\ufeff${tricky.replace('UTF-8', 'UTF-16')}`, 'utf16le')],
    ['UTF-16BE with a byte-order mark', Buffer.from(`\ufeff${tricky.replace('UTF-8', 'UTF-16')}`, 'utf16le').swap16()],
  ];

  it.each(encodings)('reads %s alike whatever the pieces, as the part held whole reads', async (_encoding, bytes) => {
    // The part held whole: one piece, its rows kept by the scan itself (no row taker).
    const whole = await scanSheetStream(pieces(bytes, bytes.length), { cells: CELLS, maxFilledRows: Number.POSITIVE_INFINITY });
    if (!whole.ok) throw new Error(whole.problem);
    const expected = [...whole.scan.rows].map(([row, cells]) => [row, [...cells]]);
    expect(expected.find(([row]) => row === 2)?.[1]).toContainEqual([4, 'Träff 😀 & 𝄞 <mål> 😀']);
    for (const size of [1, 2, 3, 5, 7, 64, 65_537]) {
      const { result, rows } = await streamedRows(bytes, size);
      expect(result.ok).toBe(true);
      expect(rows).toEqual(expected);
    }
  });
});
