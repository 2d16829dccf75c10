import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openUploadedWorkbook, readUploadedWorkbook, type UploadedValue, type UploadReading } from '../../../functions/src/workbooks/upload-reader';
import { comparedFiles, plainOf, REGISTRIES, type Plain } from './stream-readings';

// Issue 15: an upload's template sheets are streamed row by row. Every upload file the tests know must read exactly as
// the reader read it when it held each sheet whole (recorded once, at commit 51a49e9, in readings-before-streaming.json).

const BEFORE_STREAMING = JSON.parse(readFileSync(join(__dirname, 'uploads/stream/readings-before-streaming.json'), 'utf8')) as Record<
  keyof typeof REGISTRIES,
  Record<string, Plain>
>;

/** A reading as readUploadedWorkbook gives it, built here from openUploadedWorkbook and each sheet's streamed rows. */
async function streamedReading(file: Buffer): Promise<UploadReading> {
  const upload = await openUploadedWorkbook(file);
  if (!upload.ok) return upload;
  const sheets = [];
  for (const sheet of upload.sheets) {
    let values: UploadedValue[][] = [[...sheet.header]];
    let last = 0;
    const refusal = await upload.rows(sheet, {
      row: (index, row) => {
        // Ascending, each row once (until a restart gives them all again).
        expect(index).toBeGreaterThan(last);
        last = index;
        values[index] = row;
      },
      restart: () => {
        values = [[...sheet.header]];
        last = 0;
      },
    });
    if (refusal) return { ok: false, refusal };
    sheets.push({ template: sheet.template, sheet: sheet.sheet, origin: sheet.origin, values });
  }
  return { ok: true, sheets, origin: upload.origin };
}

describe.each(Object.keys(REGISTRIES) as (keyof typeof REGISTRIES)[])('every upload file read streamed (%s templates)', (registry) => {
  let clear: () => void;
  beforeAll(() => {
    clear = REGISTRIES[registry]();
  });
  afterAll(() => clear());

  it.each(comparedFiles().map(({ name, path }) => [name, path]))(
    '%s: the rows streamed, and readUploadedWorkbook, read exactly as the reader did before it streamed',
    async (name, path) => {
      const file = readFileSync(path);
      const before = BEFORE_STREAMING[registry][name];
      expect(before).toBeDefined();
      expect(plainOf(await streamedReading(file))).toEqual(before);
      expect(plainOf(await readUploadedWorkbook(file))).toEqual(before);
    },
  );
});
