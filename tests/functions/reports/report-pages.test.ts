import { join } from 'path';
import { finalReport, financialReport, reportDraft, statusReport, type ReportModel } from '@samla/shared';
import { reportDocxBuffer } from '../../../functions/src/reports/report-docx';
import { reportWorkbookBuffer } from '../../../functions/src/workbooks/report-workbook';
import { printToPdf } from '../../support/printed-pages';
import { smallNation } from '../../shared/reports/nation-fixture';

/** Where the printed reports are left for a person to look at (`pdftoppm -png` turns a page into an image). */
const PRINTED = join(__dirname, '..', '..', '..', 'test-output', 'reports');

const input = smallNation();
const models: ReportModel[] = [statusReport(input), finalReport(input), financialReport(input)];

/** The sheet a printed page belongs to: the page header names it at its right. */
function sheetOfPage(page: string, model: ReportModel): string | undefined {
  const head = page.split('\n').find((line) => line.trim() !== '') ?? '';
  return [...model.sheets]
    .map((sheet) => sheet.name)
    .sort((a, b) => b.length - a.length)
    .find((name) => head.trimEnd().endsWith(name));
}

describe('the reports printed by LibreOffice', () => {
  let pages: Record<string, string[]>;
  beforeAll(async () => {
    const files: Record<string, Buffer> = {};
    for (const model of models) files[model.fileName] = await reportWorkbookBuffer(model);
    for (const model of models.slice(0, 2)) {
      const draft = reportDraft(model);
      // Its own name: LibreOffice names each PDF after its file, and the workbook's has the same stem.
      files[`utkast-${draft.fileName}`] = await reportDocxBuffer(draft);
    }
    pages = printToPdf(PRINTED, files);
  }, 240_000);

  it.each(models.map((model) => [model.fileName, model] as const))('%s: the overview prints on one page, labels and values together', (name, model) => {
    const printed = pages[name] as string[];
    const bySheet = printed.map((page) => sheetOfPage(page, model));
    expect(bySheet.filter((sheet) => sheet === 'Översikt')).toHaveLength(1);
    expect(printed[0]).toContain('Satsning');
    expect(printed[0]).toContain('Kontroll: stämmer alla summor?');
  });

  it.each(models.map((model) => [model.fileName, model] as const))('%s: every sheet prints; summaries on one page each, Kontroll on two', (name, model) => {
    const bySheet = (pages[name] as string[]).map((page) => sheetOfPage(page, model));
    for (const sheet of model.sheets) expect(bySheet).toContain(sheet.name);
    const counts = new Map<string, number>();
    for (const sheet of bySheet) counts.set(String(sheet), (counts.get(String(sheet)) ?? 0) + 1);
    // Detail sheets grow with the rows; every summary of a nation prints on one page (A4, fitted to the width).
    const growing = new Set(['Aktiviteter', 'Kostnader', 'Resultat och effekter', 'Lärande exempel', 'Kontroll', 'Kontroll källor']);
    for (const sheet of model.sheets.filter((candidate) => !growing.has(candidate.name))) expect([sheet.name, counts.get(sheet.name)]).toEqual([sheet.name, 1]);
    expect(counts.get('Kontroll')).toBeLessThanOrEqual(2);
    console.log(`${name}: ${(pages[name] as string[]).length} pages`, JSON.stringify([...counts]));
  });
});
