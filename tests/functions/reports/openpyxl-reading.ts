import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ensureDebianPrograms } from '../../support/debian-packages';

/** Debian's Python with openpyxl: an xlsx reader that shares no code with ExcelJS. */
const PYTHON = '/usr/bin/python3';
const OPENPYXL = { path: '/usr/lib/python3/dist-packages/openpyxl/__init__.py', package: 'python3-openpyxl' };

/** Reads every sheet's cell values (a formula's stored result; dates as ISO text) and prints them as JSON; ASCII-escaped so no byte is lost. */
const SCRIPT = `
import json, sys, datetime
import openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheets = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append([v.isoformat() if isinstance(v, (datetime.datetime, datetime.date)) else v for v in row])
        sheets[ws.title] = rows
    out[path] = sheets
print(json.dumps(out, ensure_ascii=True))
`;

export type OpenpyxlValue = string | number | boolean | null;
/** Sheet name → rows → cell values, as openpyxl reads them. */
export type OpenpyxlSheets = Record<string, OpenpyxlValue[][]>;

/** Opens each workbook with openpyxl (one Python start for all); throws with openpyxl's message when one is invalid. */
export function readWithOpenpyxl(files: Record<string, Buffer>): Record<string, OpenpyxlSheets> {
  ensureDebianPrograms([{ path: PYTHON, package: 'python3' }, OPENPYXL]);
  const directory = mkdtempSync(join(tmpdir(), 'samla-openpyxl-'));
  try {
    const paths = Object.entries(files).map(([name, bytes]) => {
      const path = join(directory, `${name}.xlsx`);
      writeFileSync(path, bytes);
      return [name, path] as const;
    });
    const output = execFileSync(PYTHON, ['-c', SCRIPT, ...paths.map(([, path]) => path)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
    const read = JSON.parse(output) as Record<string, OpenpyxlSheets>;
    return Object.fromEntries(paths.map(([name, path]) => [name, read[path] as OpenpyxlSheets]));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
