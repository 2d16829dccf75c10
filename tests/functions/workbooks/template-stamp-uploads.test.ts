import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clearRegisteredTemplateHistories,
  clearRegisteredTemplateModules,
  LUJ_INITIATIVE,
  registerTemplateHistory,
  registerTemplateModule,
  TEMPLATE_VERSIONS,
  validateSheet,
} from '@samla/shared';
import { buildTemplateWorkbook } from '../../../functions/src/workbooks/template-workbook';
import { readUploadedWorkbook, type UploadedSheet, type UploadReading } from '../../../functions/src/workbooks/upload-reader';
import type { UploadRefusal } from '../../../functions/src/workbooks/upload-refusal';
import { ensureDebianPrograms } from '../../support/debian-packages';
import { CASES_DIR } from '../../support/cases';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';
import { INDICATORS_HISTORY } from '../third-template/indicators-history';
import { INDICATORS_MODULE } from '../third-template/indicators-module';

/** Stamped files written by openpyxl, and the same re-saved by LibreOffice (uploads/stamp/make-stamped-uploads.py). */
const STAMPED = join(__dirname, 'uploads', 'stamp');
const BY_LIBREOFFICE = join(STAMPED, 'lo');

const PYTHON = '/usr/bin/python3';
const OPENPYXL = { path: '/usr/lib/python3/dist-packages/openpyxl/__init__.py', package: 'python3-openpyxl' };

/** Every sheet-scoped defined name openpyxl finds, as `sheet title → name → text` (openpyxl 3.0 and 3.1 alike). */
const DEFINED_NAMES = `
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
names = getattr(wb.defined_names, 'definedName', None)
if names is not None:
    for name in names:
        if name.localSheetId is not None:
            out.setdefault(wb.worksheets[int(name.localSheetId)].title, {})[name.name] = name.attr_text
for ws in wb.worksheets:
    for key, name in getattr(ws, 'defined_names', {}).items():
        out.setdefault(ws.title, {})[key] = name.attr_text
print(json.dumps(out, ensure_ascii=True))
`;

function definedNamesByOpenpyxl(xlsx: Buffer): Record<string, Record<string, string>> {
  ensureDebianPrograms([{ path: PYTHON, package: 'python3' }, OPENPYXL]);
  const directory = mkdtempSync(join(tmpdir(), 'samla-stamp-'));
  try {
    const path = join(directory, 'template.xlsx');
    writeFileSync(path, xlsx);
    return JSON.parse(execFileSync(PYTHON, ['-c', DEFINED_NAMES, path], { encoding: 'utf8', timeout: 120_000 })) as Record<string, Record<string, string>>;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function read(path: string): Promise<UploadReading> {
  return readUploadedWorkbook(readFileSync(path));
}

function sheetsOf(reading: UploadReading): readonly UploadedSheet[] {
  if (!reading.ok) throw new Error(`refused: ${reading.refusal.detail.en}`);
  return reading.sheets;
}

function refusalOf(reading: UploadReading): UploadRefusal {
  if (reading.ok) throw new Error('the file was read, not refused');
  return reading.refusal;
}

function validate(found: UploadedSheet) {
  return validateSheet(found.template, found.values, { year: 2014, settings: LUJ_INITIATIVE, sheet: found.sheet, origin: found.origin });
}

describe('the downloaded template carries the stamp', () => {
  it('stamps each template sheet and the lists sheet where openpyxl reads it: a sheet-scoped Samla_Mall', async () => {
    const names = definedNamesByOpenpyxl(await buildTemplateWorkbook({ template: 'both', board: 'I', year: 2014 }));
    expect(names).toEqual({
      Aktiviteter: { Samla_Mall: `"samla:activities:${TEMPLATE_VERSIONS.activities}"` },
      Kostnader: { Samla_Mall: `"samla:expenses:${TEMPLATE_VERSIONS.expenses}"` },
      Listor: { Samla_Mall: `"samla:lists:${TEMPLATE_VERSIONS.lists}"` },
    });
  });

  it('stamps the one sheet of a one-template download, which the upload reader reads as today’s template', async () => {
    const xlsx = await buildTemplateWorkbook({ template: 'expenses', board: 'I', year: 2014 });
    expect(definedNamesByOpenpyxl(xlsx).Kostnader).toEqual({ Samla_Mall: '"samla:expenses:1"' });
    expect(sheetsOf(await readUploadedWorkbook(xlsx)).map((sheet) => [sheet.template, sheet.sheet])).toEqual([['expenses', 'Kostnader']]);
  });
});

describe('uploads stamped with today’s version', () => {
  it.each([
    ['openpyxl', STAMPED],
    ['LibreOffice', BY_LIBREOFFICE],
  ])('reads a sheet stamped as today’s activities as before (%s)', async (_program, directory) => {
    const [activities, ...others] = sheetsOf(await read(join(directory, 's1-activities-current.xlsx')));
    expect(others).toEqual([]);
    const validation = validate(activities as UploadedSheet);
    expect(validation.valid).toBe(true);
    expect(validation.rows.map((row) => row.values.activityId)).toEqual(['S1-A', 'S1-B']);
  });

  it('takes a stamped sheet for its stamp’s template, whatever the user renamed it to', async () => {
    const sheets = sheetsOf(await read(join(STAMPED, 's2-stamped-sheet-renamed.xlsx')));
    expect(sheets.map((sheet) => [sheet.template, sheet.sheet])).toEqual([['activities', 'Kostnader']]);
    expect(validate(sheets[0] as UploadedSheet).rows.map((row) => row.values.activityId)).toEqual(['S2-A']);
  });

  it('reads unstamped files from other programs exactly as before (the cases of ../shared/cases)', async () => {
    const sheets = sheetsOf(await read(join(CASES_DIR, 'c00-baseline.xlsx')));
    expect(sheets.map((sheet) => [sheet.template, sheet.sheet])).toEqual([
      ['activities', 'Aktiviteter'],
      ['expenses', 'Kostnader'],
    ]);
    expect(sheets.every((sheet) => sheet.values.length > 1)).toBe(true);
  });
});

describe('uploads that are not today’s template, named as such', () => {
  it('refuses a version newer than Samla knows, naming the sheet and both versions', async () => {
    const refusal = refusalOf(await read(join(STAMPED, 's3-newer-version.xlsx')));
    expect(refusal).toMatchObject({ kind: 'newer-template-version', status: 422, problem: 'template-version-unsupported' });
    expect(refusal.detail.sv).toContain('Bladet ”Aktiviteter” är märkt som version 7 av mallen Aktiviteter');
    expect(refusal.detail.sv).toContain('till och med 1');
  });

  it.each([
    ['openpyxl', STAMPED],
    ['LibreOffice', BY_LIBREOFFICE],
  ])('names a sheet called Aktiviteter that carries another program’s mark (%s)', async (_program, directory) => {
    const refusal = refusalOf(await read(join(directory, 's4-foreign-stamp.xlsx')));
    expect(refusal).toMatchObject({ kind: 'foreign-sheet', problem: 'foreign-sheet', params: { sheet: 'Aktiviteter', why: 'foreign-stamp' } });
    expect(refusal.detail.sv).toMatch(/^Bladet ”Aktiviteter” är inte Samlas mall: det är märkt som ”budgetverktyget:aktiviteter:2”/);
    expect(refusal.detail.en).toContain('The sheet "Aktiviteter" is not Samla\'s template');
  });

  it.each([
    ['openpyxl', STAMPED],
    ['LibreOffice', BY_LIBREOFFICE],
  ])('refuses two sheets stamped as one template (a copied sheet keeps its stamp), naming both, instead of dropping one (%s)', async (_program, directory) => {
    const refusal = refusalOf(await read(join(directory, 's8-two-stamped-activities.xlsx')));
    expect(refusal).toMatchObject({
      kind: 'duplicate-template-sheet',
      status: 422,
      problem: 'duplicate-template-sheet',
      params: { template: 'Aktiviteter', sheets: ['Aktiviteter', 'Aktiviteter (2)'] },
    });
    expect(refusal.detail.sv).toContain('Bladen ”Aktiviteter” och ”Aktiviteter (2)” är båda märkta som mallen Aktiviteter');
    expect(refusal.detail.en).toContain('The sheets "Aktiviteter" and "Aktiviteter (2)" are both marked as the Aktiviteter template');
  });

  it('names a sheet whose stamp says one template and whose headers are another’s, instead of judging it as the wrong one', async () => {
    const refusal = refusalOf(await read(join(STAMPED, 's9-stamp-disagrees-with-headers.xlsx')));
    expect(refusal).toMatchObject({
      kind: 'foreign-sheet',
      params: { sheet: 'Aktiviteter', why: 'stamp-mismatch', template: 'Kostnader', headersOf: 'Aktiviteter' },
    });
    expect(refusal.detail.sv).toContain('det är märkt som mallen Kostnader men har rubrikerna för mallen Aktiviteter');
  });

  it('names an unstamped sheet called Aktiviteter whose header is mostly other headers, instead of header errors', async () => {
    const refusal = refusalOf(await read(join(STAMPED, 's5-foreign-headers.xlsx')));
    expect(refusal).toMatchObject({ kind: 'foreign-sheet', params: { why: 'foreign-header', found: 1, expected: 17, row: 1 } });
    expect(refusal.detail.sv).toBe(
      'Bladet ”Aktiviteter” är inte Samlas mall: dess rubrikrad (rad 1) har 1 av mallens 17 rubriker. Byt namn på bladet om det inte ska lämnas in, eller hämta en ny mall Aktiviteter från Samla och för över raderna.',
    );
  });
});

describe('uploads with Samla’s lists stamp or a stamp version Samla never writes', () => {
  it.each([
    ['openpyxl', STAMPED],
    ['LibreOffice', BY_LIBREOFFICE],
  ])('skips a sheet stamped as the lists sheet and names it, rather than saying there is no sheet like a template (%s)', async (_program, directory) => {
    const refusal = refusalOf(await read(join(directory, 's10-activities-stamped-as-lists.xlsx')));
    expect(refusal).toMatchObject({ kind: 'no-template-sheet', status: 422, params: { sheets: ['Aktiviteter'], stamp: 'samla:lists:1' } });
    expect(refusal.detail.sv).toBe(
      'Filen har inget blad med mallen Aktiviteter eller Kostnader att lämna in. Bladet ”Aktiviteter” är märkt som Samlas listblad (”samla:lists:1”), som inte lämnas in; ligger raderna där, för över dem till mallens blad. Hämta mallen från Samla, fyll i den och ladda upp den igen.',
    );
    expect(refusal.detail.en).toContain('The sheet "Aktiviteter" is marked as Samla\'s lists sheet ("samla:lists:1"), which is not submitted');
    expect(refusal.detail.en).not.toContain('no sheet that looks like');
  });

  it.each([
    ['openpyxl', STAMPED],
    ['LibreOffice', BY_LIBREOFFICE],
  ])('reads the activities beside a stamped lists sheet, which is simply skipped (%s)', async (_program, directory) => {
    const sheets = sheetsOf(await read(join(directory, 's11-lists-sheet-beside-activities.xlsx')));
    expect(sheets.map((found) => [found.template, found.sheet])).toEqual([['activities', 'Aktiviteter']]);
    expect(validate(sheets[0] as UploadedSheet).rows.map((row) => row.values.activityId)).toEqual(['S11-A']);
  });

  it.each([
    ['openpyxl', 's12-version-0.xlsx', 'samla:activities:0'],
    ['openpyxl', 's12-version-minus-1.xlsx', 'samla:activities:-1'],
    ['openpyxl', 's12-version-1.5.xlsx', 'samla:activities:1.5'],
    ['openpyxl', 's12-version-01.xlsx', 'samla:activities:01'],
    ['LibreOffice', join('lo', 's12-version-0.xlsx'), 'samla:activities:0'],
    ['LibreOffice', join('lo', 's12-version-1.5.xlsx'), 'samla:activities:1.5'],
  ])('refuses a stamp version Samla never writes in words, quoting the stamp (%s, %s)', async (_program, file, stamp) => {
    const refusal = refusalOf(await read(join(STAMPED, file)));
    expect(refusal).toMatchObject({
      kind: 'unknown-template-version',
      status: 422,
      problem: 'template-version-unsupported',
      params: { sheet: 'Aktiviteter', template: 'Aktiviteter', stamp, current: 1 },
    });
    expect(refusal.detail.sv).toBe(
      `Bladet ”Aktiviteter” är märkt som ”${stamp}”, men det är ingen version av mallen Aktiviteter som Samla har gjort (den enda versionen är 1). Märkningen är ändrad för hand eller av ett program; hämta en ny mall Aktiviteter från Samla och för över raderna.`,
    );
    expect(refusal.detail.en).toBe(
      `The sheet "Aktiviteter" is marked "${stamp}", but that is no version of the Aktiviteter template Samla has made (the only version is 1). The mark was changed by hand or by a program; download a new Aktiviteter template from Samla and move the rows over.`,
    );
  });
});

describe('uploads of an older layout version (the test template Resultatindikatorer with a history)', () => {
  let api: RunningSamla;

  beforeAll(async () => {
    registerTemplateModule(INDICATORS_MODULE as never);
    registerTemplateHistory('indicators', INDICATORS_HISTORY);
    api = await startSamlaApi();
  });

  afterAll(async () => {
    await api?.stop();
    clearRegisteredTemplateHistories();
    clearRegisteredTemplateModules();
  });

  it.each([
    ['openpyxl', STAMPED],
    ['LibreOffice', BY_LIBREOFFICE],
  ])('reads a version 2 sheet with its renamed headers mapped to today’s columns (%s)', async (_program, directory) => {
    const [indicators] = sheetsOf(await read(join(directory, 's6-indicators-v2.xlsx')));
    expect(indicators?.values[0]).toEqual(['Indikator-ID', 'Uppdragsdel', 'Mätdatum', 'Värde']);
    const validation = validate(indicators as UploadedSheet);
    expect(validation.issues).toEqual([]);
    expect(validation.rows.map((row) => row.values)).toEqual([
      { indicatorId: 'S6-1', strand: 'coordination', measuredOn: '2014-05-20', value: 14 },
      { indicatorId: 'S6-2', strand: 'support', measuredOn: '2014-09-01', value: 3 },
    ]);
  });

  it.each([
    ['openpyxl', STAMPED],
    ['LibreOffice', BY_LIBREOFFICE],
  ])('refuses a version 1 sheet, whose values meant something else, in words naming the version (%s)', async (_program, directory) => {
    const refusal = refusalOf(await read(join(directory, 's7-indicators-v1.xlsx')));
    expect(refusal).toMatchObject({ kind: 'old-template-version', params: { version: 1, current: 3 } });
    expect(refusal.detail.sv).toContain('”Värde”: värdet är ett antal per mätning, inte årets summa');
    expect(refusal.detail.sv).toContain(
      'Mallen är version 1; hämta en ny mall Resultatindikatorer från Samla och för över raderna, eller öppna filen i Excel med Samla så uppgraderas den.',
    );
  });

  it('stores the version 2 sheet through the file route, and answers the version 1 sheet with a problem document', async () => {
    const staff = await api.token('staff', 'I');
    const upload = (name: string) =>
      api.call('POST', 'submissions/file?board=I&year=2014', {
        token: staff,
        body: new Uint8Array(readFileSync(join(STAMPED, name))),
        headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
    const stored = await upload('s6-indicators-v2.xlsx');
    expect(stored.status).toBe(201);
    expect(await stored.json()).toMatchObject({ template: 'indicators', rows: 2 });
    const refused = await upload('s7-indicators-v1.xlsx');
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ type: expect.stringMatching(/template-version-unsupported$/), reason: 'old-template-version', version: 1 });
    expect(String(problem.detail)).toContain('Mallen är version 1');
  });
});
