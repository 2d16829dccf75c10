import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { ACTIVITIES_TEMPLATE } from '@samla/shared';
import { buildTemplateWorkbook } from '../../../functions/src/workbooks/template-workbook';
import { MAX_UPLOAD_BYTES, readUploadedWorkbook, type UploadReading } from '../../../functions/src/workbooks/upload-reader';
import { refusalProblem } from '../../../functions/src/functions/submission-files';
import type { UploadRefusal } from '../../../functions/src/workbooks/upload-refusal';
import { handmadeZip, loadWorkbook, sheetOf, workbookBuffer } from './workbook-fixtures';

function refusalOf(reading: UploadReading): UploadRefusal {
  if (reading.ok) throw new Error('the file was read, not refused');
  return reading.refusal;
}

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A workbook whose one sheet, Aktiviteter, is `xl/worksheets/sheet1.xml`: the tests add that part. */
const MINIMAL_PARTS = [
  { name: '[Content_Types].xml', content: Buffer.from('<Types/>') },
  {
    name: '_rels/.rels',
    content: Buffer.from(`<Relationships><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
  },
  {
    name: 'xl/workbook.xml',
    content: Buffer.from(`<workbook xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="Aktiviteter" sheetId="1" r:id="rId1"/></sheets></workbook>`),
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    content: Buffer.from(`<Relationships><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
  },
];

/** A template with `rows` activity rows, written the fast way (no table, same headers). */
async function activitiesWithRows(rows: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
  const sheet = workbook.addWorksheet(ACTIVITIES_TEMPLATE.sheetName);
  sheet.addRow(ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv)).commit();
  const start = new Date(Date.UTC(2013, 2, 1));
  for (let index = 1; index <= rows; index += 1) {
    const row = sheet.addRow([
      `A-${index}`,
      'Stöd',
      'Utbildning',
      `Aktivitet ${index}`,
      start,
      start,
      'Chefer',
      index % 30,
      index % 20,
      0,
      8,
      'Kommun',
      'Nej',
      null,
      'Genomförd',
      'Klart',
    ]);
    row.getCell(5).numFmt = 'yyyy-mm-dd';
    row.getCell(6).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

describe('readUploadedWorkbook refuses', () => {
  it('random bytes as not a workbook (415)', async () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 251));
    const refusal = refusalOf(await readUploadedWorkbook(random));
    expect(refusal).toMatchObject({ kind: 'not-a-workbook', status: 415 });
    expect(refusal.detail.sv).toBe('Filen är ingen Excel-arbetsbok. Spara filen som Excel-arbetsbok (.xlsx) och ladda upp den igen.');
  });

  it('a text file as not a workbook (415)', async () => {
    const refusal = refusalOf(await readUploadedWorkbook(Buffer.from('Kostnads-ID;Belopp\nK-1;100\n', 'utf8')));
    expect(refusal).toMatchObject({ kind: 'not-a-workbook', status: 415 });
  });

  it('an empty body as not a workbook (415)', async () => {
    expect(refusalOf(await readUploadedWorkbook(Buffer.alloc(0)))).toMatchObject({ kind: 'not-a-workbook', status: 415 });
  });

  it('a zip that holds no workbook, such as a Word document, as not a workbook (415)', async () => {
    const docx = handmadeZip([{ name: 'word/document.xml', content: Buffer.from('<document/>') }]);
    expect(refusalOf(await readUploadedWorkbook(docx))).toMatchObject({ kind: 'not-a-workbook', status: 415 });
  });

  it('a password-protected workbook (a compound file with EncryptionInfo) with a word about the password (415)', async () => {
    const encrypted = Buffer.concat([CFB_SIGNATURE, Buffer.alloc(512), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(512)]);
    const refusal = refusalOf(await readUploadedWorkbook(encrypted));
    expect(refusal).toMatchObject({ kind: 'encrypted-workbook', status: 415 });
    expect(refusal.detail.sv).toContain('utan lösenord som Excel-arbetsbok (.xlsx)');
  });

  it('a zip whose entries are encrypted (the zip flag) as protected by a password (415)', async () => {
    const encrypted = handmadeZip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', content: Buffer.from('<worksheet/>'), flags: 0x1 }]);
    expect(refusalOf(await readUploadedWorkbook(encrypted))).toMatchObject({ kind: 'encrypted-workbook', status: 415 });
  });

  it('an old .xls file (a compound file) asking for .xlsx without password (415)', async () => {
    const refusal = refusalOf(await readUploadedWorkbook(Buffer.concat([CFB_SIGNATURE, Buffer.alloc(2048)])));
    expect(refusal).toMatchObject({ kind: 'legacy-workbook', status: 415 });
    expect(refusal.detail.sv).toContain('.xls');
    expect(refusal.detail.sv).toContain('utan lösenord');
  });

  it('a body larger than the limit before looking inside (413)', async () => {
    const refusal = refusalOf(await readUploadedWorkbook(Buffer.alloc(MAX_UPLOAD_BYTES + 1)));
    expect(refusal).toMatchObject({ kind: 'too-large', status: 413, params: { maxMegabytes: 10 } });
    expect(refusal.detail.sv).toBe('Filen är större än 10 MB. Ta bort annat än mallens blad, eller dela upp inlämningen.');
  });

  it('a zip bomb whose parts declare more than the unpacked limit, without unpacking it (413)', async () => {
    const bomb = handmadeZip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', content: Buffer.from('<worksheet/>'), declaredSize: 4_000_000_000 }]);
    expect(bomb.length).toBeLessThan(1000);
    const refusal = refusalOf(await readUploadedWorkbook(bomb));
    expect(refusal).toMatchObject({ kind: 'expands-too-far', status: 413, params: { maxMegabytes: 100 } });
    expect(refusal.detail.sv).toContain('100 MB uppackat');
    const byTotalAlone = refusalOf(await readUploadedWorkbook(bomb, { maxCompressionRatio: Number.POSITIVE_INFINITY }));
    expect(byTotalAlone).toMatchObject({ kind: 'expands-too-far', status: 413 });
  });

  it('a part that packs far tighter than any sheet does (413)', async () => {
    const zeros = handmadeZip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(5_000_000) }]);
    expect(zeros.length).toBeLessThan(10_000);
    expect(refusalOf(await readUploadedWorkbook(zeros))).toMatchObject({ kind: 'expands-too-far', status: 413 });
  });

  it('a part that unpacks to more than it declares, stopped at the declared size (422)', async () => {
    const lying = handmadeZip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(5_000_000), declaredSize: 1000 }]);
    expect(refusalOf(await readUploadedWorkbook(lying))).toMatchObject({ kind: 'damaged-workbook', status: 422 });
  });

  it('a workbook cut short (422)', async () => {
    const template = await buildTemplateWorkbook({ template: 'both', board: 'I', year: 2013 });
    const refusal = refusalOf(await readUploadedWorkbook(template.subarray(0, Math.floor(template.length / 2))));
    expect(refusal).toMatchObject({ kind: 'damaged-workbook', status: 422 });
  });

  it('a zip with a workbook part that is not a workbook (422)', async () => {
    const broken = handmadeZip([
      { name: 'xl/workbook.xml', content: Buffer.from('<<<not xml') },
      { name: 'xl/worksheets/sheet1.xml', content: Buffer.from('<x') },
    ]);
    expect(refusalOf(await readUploadedWorkbook(broken))).toMatchObject({ status: 422 });
  });

  it('a workbook without a template sheet (422)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Budget').addRow(['Konto', 'Belopp']);
    const refusal = refusalOf(await readUploadedWorkbook(await workbookBuffer(workbook)));
    expect(refusal).toMatchObject({ kind: 'no-template-sheet', status: 422 });
    expect(refusal.detail.sv).toContain('Aktiviteter eller Kostnader');
  });

  it('a template sheet with more data rows than allowed, naming the sheet and the count (413)', async () => {
    const workbook = await loadWorkbook(await buildTemplateWorkbook({ template: 'activities', board: 'I', year: 2013 }));
    const sheet = sheetOf(workbook, 'Aktiviteter');
    for (let row = 2; row <= 13; row += 1) sheet.getCell(row, 1).value = `A-${row}`;
    const refusal = refusalOf(await readUploadedWorkbook(await workbookBuffer(workbook), { maxRows: 10 }));
    expect(refusal).toMatchObject({ kind: 'too-many-rows', status: 413, params: { sheet: 'Aktiviteter', rows: 12, maxRows: 10 } });
    expect(refusal.detail.sv).toBe('Bladet ”Aktiviteter” har 12 rader, men högst 10 rader kan lämnas in per blad.');
  });

  it('a sheet with far too many rows as soon as the streaming read has passed the limit (413)', async () => {
    const refusal = refusalOf(await readUploadedWorkbook(await activitiesWithRows(100), { maxRows: 10 }));
    expect(refusal).toMatchObject({ kind: 'too-many-rows', status: 413, params: { sheet: 'Aktiviteter', maxRows: 10 } });
    expect(refusal.params.rows).toBeUndefined();
    expect(refusal.detail.sv).toBe('Bladet ”Aktiviteter” har fler rader, men högst 10 rader kan lämnas in per blad.');
  });
});

describe('refusalProblem', () => {
  it('makes a problem document with the status, a Swedish title and the refusal as reason', async () => {
    const problem = refusalProblem(refusalOf(await readUploadedWorkbook(Buffer.from('hej'))));
    expect(problem).toMatchObject({ status: 415, kind: 'unsupported-media-type', title: 'Fel innehållstyp', extensions: { reason: 'not-a-workbook' } });
    expect(problem.detailIn('sv')).toContain('Excel-arbetsbok');
    expect(problem.detailIn('en')).toBe('The file is not an Excel workbook. Save the file as an Excel workbook (.xlsx) and upload it again.');
  });
});

describe('readUploadedWorkbook at size', () => {
  it('reads a sheet with the most rows allowed, 50 000', async () => {
    const reading = await readUploadedWorkbook(await activitiesWithRows(50_000));
    expect(reading.ok && reading.sheets[0]?.values.length).toBe(50_001);
  }, 60_000);
});
