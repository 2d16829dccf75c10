import fc from 'fast-check';
import { CASES_DIR } from '../../support/cases';
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  ACTIVITIES_TEMPLATE,
  EXPENSES_TEMPLATE,
  finalReport,
  financialReport,
  LUJ_INITIATIVE,
  statusReport,
  tableSheet,
  type ActivityRow,
  type ReportModel,
} from '@samla/shared';
import { REPLACEMENT_CHARACTER, xmlSafeText } from '../../../functions/src/workbooks/inert-text';
import { reportWorkbookBuffer } from '../../../functions/src/workbooks/report-workbook';
import { buildTemplateWorkbook } from '../../../functions/src/workbooks/template-workbook';
import { recalculateInLibreOffice } from '../../support/libreoffice';
import { activityRow, expenseRow, smallNation, version } from '../../shared/reports/nation-fixture';
import { readWithOpenpyxl, type OpenpyxlSheets } from './openpyxl-reading';

/** One code point of every class XML 1.0 cannot hold (W3C XML 1.0 §2.2), and DEL, which ExcelJS drops. */
const NOT_XML = {
  nul: '\u0000',
  c0Low: '\u0001',
  backspace: '\u0008',
  verticalTab: '\u000B',
  formFeed: '\u000C',
  shiftOut: '\u000E',
  unitSeparator: '\u001F',
  del: '\u007F',
  fffe: '\uFFFE',
  ffff: '\uFFFF',
  loneHigh: '\uD800',
  loneLow: '\uDFFF',
} as const;

/** The stored title of case j05, exactly as it was accepted before the reader refused it. */
const J05 = JSON.parse(readFileSync(join(CASES_DIR, 'j05-uffff-in-title.json'), 'utf8')) as { rows: ActivityRow[] };
const J05_TITLE = (J05.rows[0] as ActivityRow).title;

const textKeys = (columns: readonly { key: string; type: string }[]): string[] =>
  columns.filter((column) => ['text', 'id', 'url'].includes(column.type)).map((column) => column.key);

/** A nation whose every text field holds one class of invalid code point each, as rows stored before the fix could. */
function pollutedNation() {
  const classes = Object.entries(NOT_XML);
  const activities = [
    activityRow('J05', { title: J05_TITLE }),
    ...classes.map(([name, char], index) =>
      activityRow(`A-${index}`, {
        ...Object.fromEntries(textKeys(ACTIVITIES_TEMPLATE.columns).map((key) => [key, `${name} ${char} ${key}`])),
        learningExample: true,
      }),
    ),
  ];
  const expenses = classes.map(([name, char], index) =>
    expenseRow(`K-${index}`, Object.fromEntries(textKeys(EXPENSES_TEMPLATE.columns).map((key) => [key, `=${name}${char}`]))),
  );
  const submitted = '2013-12-01T10:00:00Z';
  return smallNation({
    years: [
      {
        year: 2013,
        activities: [{ version: { ...version('I', 2013, 'activities', activities.length, submitted), submittedBy: `Namn\uFFFF\u0000` }, rows: activities }],
        expenses: [{ version: { ...version('I', 2013, 'expenses', expenses.length, submitted), submittedBy: `\uD800Namn` }, rows: expenses }],
      },
    ],
  });
}

const input = pollutedNation();
const models: Record<string, ReportModel> = { status: statusReport(input), final: finalReport(input), financial: financialReport(input) };

/** Every text of a model's plain cells in its text columns. */
function modelTexts(model: ReportModel): Map<string, string[]> {
  return new Map(
    model.sheets.map(
      (sheet) =>
        [
          sheet.name,
          [...sheet.rows()].flatMap((row) => row.filter((cell, index): cell is string => typeof cell === 'string' && sheet.columns[index]?.kind === 'text')),
        ] as const,
    ),
  );
}

const textsOf = (rows: OpenpyxlSheets[string] | undefined): string[] =>
  (rows ?? []).slice(1).flatMap((row) => row.filter((v): v is string => typeof v === 'string'));

describe('a report built from rows holding every XML-invalid code point', () => {
  let files: Record<string, Buffer>;
  beforeAll(async () => {
    files = Object.fromEntries(await Promise.all(Object.entries(models).map(async ([name, model]) => [name, await reportWorkbookBuffer(model)] as const)));
  });

  it('holds them in the model, so the writer is what is tested', () => {
    const all = [...modelTexts(models.final as ReportModel).values()].flat().join('');
    for (const char of Object.values(NOT_XML)) expect(all).toContain(char);
  });

  it.each(Object.keys(models))('opens in openpyxl as the %s report, every row and text kept, invalid code points shown as U+FFFD', (name) => {
    const model = models[name] as ReportModel;
    const read = readWithOpenpyxl({ [name]: files[name] as Buffer })[name] as OpenpyxlSheets;
    expect(Object.keys(read)).toEqual(model.sheets.map((sheet) => sheet.name));
    for (const sheet of model.sheets) {
      expect(read[sheet.name]?.length).toBe(sheet.rowCount + 1);
      const written = textsOf(read[sheet.name]);
      for (const text of modelTexts(model).get(sheet.name) ?? []) expect(written).toContain(xmlSafeText(text));
    }
    const [sheetName, shown] = read['Aktiviteter'] ? ['Aktiviteter', 'Text med \uFFFD tecken'] : ['Kostnader', '=nul\uFFFD'];
    expect((read[sheetName] ?? []).some((row) => row.includes(shown))).toBe(true);
  });

  it('opens in LibreOffice with every row of every sheet kept', () => {
    const recalculated = recalculateInLibreOffice(files);
    const read = readWithOpenpyxl(recalculated);
    for (const [name, model] of Object.entries(models)) {
      for (const sheet of model.sheets) expect([name, sheet.name, read[name]?.[sheet.name]?.length]).toEqual([name, sheet.name, sheet.rowCount + 1]);
      const activities = read[name]?.['Aktiviteter'] ?? read[name]?.['Kostnader'];
      const lastRow = activities?.[activities.length - 1] ?? [];
      expect(lastRow.join(' ')).toContain(REPLACEMENT_CHARACTER);
    }
  }, 300_000);
});

describe('a template made for settings holding XML-invalid code points', () => {
  it('opens in openpyxl with the texts shown with U+FFFD', async () => {
    const name = { sv: `Satsning\uFFFF\u0001`, en: 'Initiative\uD800' };
    const bytes = await buildTemplateWorkbook({ template: 'both', board: 'I', year: 2014, settings: { ...LUJ_INITIATIVE, name } });
    const read = readWithOpenpyxl({ template: bytes }).template as OpenpyxlSheets;
    const info = (read['Information'] ?? []).flat();
    expect(info).toContain(`Satsning\uFFFD\uFFFD (${LUJ_INITIATIVE.shortName})`);
  });
});

/** The reference the writer is held to, written independently: each code point either kept or, if XML 1.0 can't hold it, U+FFFD. */
function expectedText(text: string): string {
  const codePoints = Array.from(text.replace(/\r\n?/g, '\n'));
  const invalid = (cp: number): boolean =>
    (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff;
  return codePoints.map((char) => (invalid(char.codePointAt(0) as number) ? '\uFFFD' : char)).join('');
}

describe('random text through a written workbook, read back by openpyxl', () => {
  const pieces = fc.oneof(
    fc.constantFrom(
      ...Object.values(NOT_XML),
      '\t',
      '\n',
      '\r',
      '\r\n',
      '=',
      '+1',
      '-',
      '@',
      '"',
      "'",
      '&',
      '<',
      '>',
      ']]>',
      ' ',
      '\u00A0',
      '\u200B',
      '\u{1F600}',
    ),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
  );
  const text = fc.array(pieces, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

  it('either replaces a code point where XML 1.0 cannot hold it or gives it back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 40 }), async (texts) => {
        const sheet = tableSheet(
          'Text',
          [
            { key: 'row', label: 'Rad', kind: 'count', width: 6 },
            { key: 'text', label: 'Text', kind: 'text', width: 40 },
          ],
          texts.map((value, index) => [index, value]),
        );
        const model: ReportModel = { kind: 'status', fileName: 'x.xlsx', title: 'Egenskapstest', sheets: [sheet] };
        const read = readWithOpenpyxl({ random: await reportWorkbookBuffer(model) }).random as OpenpyxlSheets;
        const back = (read['Text'] ?? []).slice(1).map((row) => row[1] ?? '');
        expect(back).toEqual(texts.map(expectedText));
        expect(texts.map(xmlSafeText)).toEqual(texts.map(expectedText));
      }),
      { seed: 20141231, numRuns: 12 },
    );
  }, 120_000);
});
