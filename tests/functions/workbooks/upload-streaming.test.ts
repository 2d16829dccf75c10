import { PassThrough, type Readable } from 'node:stream';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type YauzlModule from 'yauzl';
import ExcelJS from 'exceljs';
import { buildTemplateWorkbook } from '../../../functions/src/workbooks/template-workbook';
import { openUploadedWorkbook, readUploadedWorkbook } from '../../../functions/src/workbooks/upload-reader';
import { activitiesSheet, opened, rowsAsGiven } from './stream-support';
import { day, loadWorkbook, sheetOf, workbookBuffer } from './workbook-fixtures';

// The functions app's own yauzl (functions/node_modules), through jest's registry: the very module its zip reader uses.
const yauzl = jest.requireActual<typeof YauzlModule>('../../../functions/node_modules/yauzl');

/** The standard template with `count` activities typed in from row 2, as staff fill it. */
async function filledActivities(count: number, edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = await loadWorkbook(await buildTemplateWorkbook({ template: 'activities', board: 'I', year: 2013, language: 'sv' }));
  const sheet = sheetOf(workbook, 'Aktiviteter');
  for (let index = 0; index < count; index += 1) {
    sheet.getRow(index + 2).values = [
      `A-${index + 1}`,
      'Kompetensutveckling',
      'Utbildning',
      `Grundutbildning ${index + 1} i jämställdhetsintegrering`,
      day('2013-03-01'),
      day('2013-03-02'),
      'Chefer',
      12,
      8,
      0,
      16,
      'Kommun A',
      'Nej',
      null,
      'Genomförd',
      'Alla chefer utbildade',
    ];
  }
  edit?.(sheet);
  return workbookBuffer(workbook);
}

/** Counts the bytes every zip entry stream has given so far (yauzl's own streams, passed through). */
function countUnpackedBytes(): { bytes: () => number; restore: () => void } {
  let bytes = 0;
  const original = yauzl.ZipFile.prototype.openReadStream;
  const spy = jest.spyOn(yauzl.ZipFile.prototype, 'openReadStream').mockImplementation(function (this: YauzlModule.ZipFile, entry, ...rest: unknown[]) {
    const callback = rest.at(-1) as (error: Error | null, stream?: Readable) => void;
    const options = rest.length > 1 ? rest[0] : undefined;
    const counted = (error: Error | null, stream?: Readable) => {
      if (error || !stream) return callback(error);
      const through = new PassThrough();
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.on('error', (failure) => through.destroy(failure));
      stream.pipe(through);
      callback(null, through);
    };
    // yauzl's callback-last signature, with or without options.
    if (options === undefined) return (original as (entry: YauzlModule.Entry, callback: unknown) => void).call(this, entry, counted);
    return (original as (entry: YauzlModule.Entry, options: unknown, callback: unknown) => void).call(this, entry, options, counted);
  });
  return { bytes: () => bytes, restore: () => spy.mockRestore() };
}

describe('an uploaded sheet streamed row by row', () => {
  it('hands on the first rows while the sheet is still being unpacked, never the part whole first', async () => {
    const file = await filledActivities(6_000);
    const sheetPart = unzipSync(new Uint8Array(file))['xl/worksheets/sheet1.xml'];
    const partSize = sheetPart?.length ?? 0;
    expect(partSize).toBeGreaterThan(1_000_000);
    const counter = countUnpackedBytes();
    try {
      const upload = opened(await openUploadedWorkbook(file));
      const before = counter.bytes();
      let atFirstRow: number | undefined;
      let rows = 0;
      const refusal = await upload.rows(activitiesSheet(upload), {
        row: () => {
          atFirstRow ??= counter.bytes() - before;
          rows += 1;
        },
        restart: () => {
          throw new Error('no merges or links: no second pass');
        },
      });
      expect(refusal).toBeUndefined();
      expect(rows).toBe(6_000);
      expect(atFirstRow).toBeLessThan(partSize / 4);
      // The whole part was unpacked by the time the last row came: one pass, not two.
      expect(counter.bytes() - before).toBeGreaterThanOrEqual(partSize);
      expect(counter.bytes() - before).toBeLessThan(2 * partSize);
    } finally {
      counter.restore();
    }
  });

  it('waits for the sink before it reads on, and gives every row once, in order', async () => {
    const upload = opened(await openUploadedWorkbook(await filledActivities(3_000)));
    const given: number[] = [];
    let waiting = false;
    const refusal = await upload.rows(activitiesSheet(upload), {
      row: async (index) => {
        expect(waiting).toBe(false);
        given.push(index);
        if (index % 500 === 0) {
          waiting = true;
          await new Promise((resolve) => setTimeout(resolve, 5));
          waiting = false;
        }
      },
      restart: () => undefined,
    });
    expect(refusal).toBeUndefined();
    expect(given).toEqual(Array.from({ length: 3_000 }, (_, index) => index + 1));
  });

  it('gives the rows again with a merge applied when the merge, written after the rows, covers data', async () => {
    const file = await filledActivities(50, (sheet) => sheet.mergeCells('D10:E10'));
    const upload = opened(await openUploadedWorkbook(file));
    const { rows, restarts } = await rowsAsGiven(upload, activitiesSheet(upload));
    expect(restarts).toBe(1);
    expect(rows).toHaveLength(50);
    expect(rows[8]?.[4]).toMatchObject({ code: 'merged-cell' });
  });

  it('reads a URL that Excel linked to itself in one pass, and a link with friendly text in two, giving its address', async () => {
    const selfLinked = await filledActivities(40, (sheet) => {
      sheet.getCell('N5').value = { text: 'https://www.jamstall.nu/exempel', hyperlink: 'https://www.jamstall.nu/exempel' };
    });
    const friendly = await filledActivities(40, (sheet) => {
      sheet.getCell('N5').value = { text: 'Jämställ.nu', hyperlink: 'https://www.jamstall.nu/exempel' };
    });
    for (const [file, restartsExpected] of [
      [selfLinked, 0],
      [friendly, 1],
    ] as const) {
      const upload = opened(await openUploadedWorkbook(file));
      const { rows, restarts } = await rowsAsGiven(upload, activitiesSheet(upload));
      expect(restarts).toBe(restartsExpected);
      expect(rows).toHaveLength(40);
      expect(rows[3]?.[13]).toBe('https://www.jamstall.nu/exempel');
    }
  });

  it('reads rows written out of order as the sheet shows them, sorted', async () => {
    const file = await filledActivities(5);
    const parts = unzipSync(new Uint8Array(file));
    const xml = strFromU8(parts['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    const rowsXml = [...xml.matchAll(/<row [^>]*r="(\d+)"[\s\S]*?<\/row>/g)].map((match) => match[0]);
    expect(rowsXml.length).toBeGreaterThanOrEqual(6);
    // Rows 4 and 3 swapped in the file: the format allows it, Excel shows them in order.
    const swapped = xml.replace(`${rowsXml[2]}${rowsXml[3]}`, `${rowsXml[3]}${rowsXml[2]}`);
    expect(swapped).not.toBe(xml);
    const shuffled = Buffer.from(zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(swapped) }));
    const expected = await readUploadedWorkbook(file);
    expect(await readUploadedWorkbook(shuffled)).toEqual(expected);
    const upload = opened(await openUploadedWorkbook(shuffled));
    let given: number[] = [];
    await upload.rows(activitiesSheet(upload), {
      row: (index) => {
        given.push(index);
      },
      restart: () => {
        given = [];
      },
    });
    expect(given).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a sheet with more rows than allowed, naming how many, whatever it gave before', async () => {
    const upload = opened(await openUploadedWorkbook(await filledActivities(120), { maxRows: 100 }));
    const refusal = await upload.rows(activitiesSheet(upload), { row: () => undefined, restart: () => undefined });
    expect(refusal).toMatchObject({ kind: 'too-many-rows', params: { rows: 120, maxRows: 100 } });
  });
});
