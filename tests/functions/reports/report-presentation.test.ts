import JSZip from 'jszip';
import {
  auditReport,
  CHECK_ANSWERS,
  CHECK_LINE_LABEL,
  columnIndex,
  finalReport,
  financialReport,
  statusReport,
  type ReportCell,
  type ReportModel,
  type ReportSheet,
} from '@samla/shared';
import { reportWorkbookBuffer } from '../../../functions/src/workbooks/report-workbook';
import { recalculateInLibreOffice } from '../../support/libreoffice';
import { smallNation } from '../../shared/reports/nation-fixture';
import { readWithOpenpyxl, type OpenpyxlSheets } from './openpyxl-reading';

const input = smallNation();
const models: ReportModel[] = [statusReport(input), finalReport(input), financialReport(input)];

/** Each sheet's XML by sheet name, and the workbook's XML. */
async function sheetXml(bytes: Buffer): Promise<{ workbook: string; sheets: Map<string, string> }> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string): Promise<string> => (zip.file(name) as JSZip.JSZipObject).async('string');
  const workbook = await read('xl/workbook.xml');
  const names = [...workbook.matchAll(/<sheet\s[^>]*?name="([^"]+)"/g)].map((match) => match[1] as string);
  const sheets = new Map<string, string>();
  for (const [index, name] of names.entries()) sheets.set(name, await read(`xl/worksheets/sheet${index + 1}.xml`));
  return { workbook, sheets };
}

describe.each(models.map((model) => [model.fileName, model] as const))('%s printed and read', (_name, model) => {
  let xml: Awaited<ReturnType<typeof sheetXml>>;
  beforeAll(async () => {
    xml = await sheetXml(await reportWorkbookBuffer(model));
  });

  it('prints every sheet on A4 fitted to the width, the header row repeated, the title and page numbers in header and footer', () => {
    for (const sheet of model.sheets) {
      const text = xml.sheets.get(sheet.name) as string;
      expect(text).toMatch(/<pageSetup [^>]*paperSize="9"/);
      expect(text).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
      expect(text).toMatch(/<pageSetUpPr fitToPage="1"/);
      expect(text).toContain(`<oddHeader>&amp;L&amp;B${model.title}`);
      expect(text).toMatch(/<oddFooter>[^<]*&amp;P av &amp;N/);
      expect(xml.workbook).toMatch(
        new RegExp(`<definedName name="_xlnm.Print_Titles" localSheetId="${model.sheets.indexOf(sheet)}">&apos;${sheet.name}&apos;!\\$1:\\$1<`),
      );
    }
  });

  it('prints the overview on one page and wide sheets landscape', () => {
    expect(xml.sheets.get('Översikt')).toMatch(/<pageSetup [^>]*fitToHeight="1"/);
    expect(xml.sheets.get('Kostnader')).toMatch(/<pageSetup [^>]*orientation="landscape"[^>]*fitToHeight="0"/);
  });

  it('gives detail and summary sheets filter buttons, and the overview none', () => {
    for (const sheet of model.sheets)
      expect([sheet.name, /<autoFilter ref="A1:/.test(xml.sheets.get(sheet.name) as string)]).toEqual([sheet.name, sheet.name !== 'Översikt']);
  });

  it('highlights with conditional formats over the live cells, and explains them in a legend', () => {
    const overview = xml.sheets.get('Översikt') as string;
    expect(overview).toContain('Röd markering');
    expect(overview).toMatch(/<conditionalFormatting sqref="A2:B\d+"><cfRule type="expression" dxfId="\d+" priority="1"><formula>LEFT\(\$A2,/);
    const withFlags = model.sheets.find((sheet) => sheet.name === 'Takbelopp' || sheet.name === 'Avräkning') as ReportSheet;
    const letters = String.fromCharCode(65 + columnIndex(withFlags, 'assessment'));
    expect(xml.sheets.get(withFlags.name)).toContain(`<formula>LEFT($${letters}2,LEN(&quot;Överskrider taket&quot;))=&quot;Överskrider taket&quot;</formula>`);
  });

  it('checks every total on the Kontroll sheet, and all agree in the model', () => {
    const check = model.sheets.find((sheet) => sheet.name === 'Kontroll') as ReportSheet;
    expect(check.rowCount).toBeGreaterThan(10);
    expect(auditReport(model)).toEqual([]);
    const sources = model.sheets.find((sheet) => sheet.name === 'Kontroll källor') as ReportSheet;
    const rows = [...sources.rows()];
    expect(rows.some((row) => row[1] === 'AB' && row[5] === 'Handläggare AB' && row[8] === 'x')).toBe(true);
    expect(rows.some((row) => row[5] === CHECK_ANSWERS.notSubmitted)).toBe(true);
  });
});

describe('the participants summary', () => {
  it('has no rows of zeros', () => {
    const sheet = statusReport(input).sheets.find((candidate) => candidate.name === 'Deltagare') as ReportSheet;
    const rows = [...sheet.rows()];
    expect(rows.length).toBeLessThan(10);
    const total = columnIndex(sheet, 'total');
    for (const row of rows) expect((row[total] as { value: number }).value).toBeGreaterThan(0);
  });
});

/** The financial report with one cost line's amount changed after the totals were computed: as if finance edited it. */
function withEditedCostLine(model: ReportModel): ReportModel {
  const edit = (sheet: ReportSheet): ReportSheet => {
    if (sheet.name !== 'Kostnader') return sheet;
    const amount = columnIndex(sheet, 'amount');
    return {
      ...sheet,
      rows: function* () {
        let first = true;
        for (const row of sheet.rows()) {
          yield first ? row.map((cell, index): ReportCell => (index === amount ? 777 : cell)) : row;
          first = false;
        }
      },
    };
  };
  return { ...model, sheets: model.sheets.map(edit) };
}

describe('the Kontroll sheet recalculated by LibreOffice', () => {
  it('says all agree for the report as written, and names the totals that moved when a cost line is edited', async () => {
    const model = financialReport(input);
    const recalculated = recalculateInLibreOffice({
      asWritten: await reportWorkbookBuffer(model),
      edited: await reportWorkbookBuffer(withEditedCostLine(model)),
    });
    const read = readWithOpenpyxl(recalculated);
    const answer = (sheets: OpenpyxlSheets | undefined) => (sheets?.['Översikt'] ?? []).find((row) => row[0] === CHECK_LINE_LABEL)?.[1];
    expect(answer(read.asWritten)).toBe(CHECK_ANSWERS.allAgree);
    expect(answer(read.edited)).toBe(CHECK_ANSWERS.someDiffer);
    const differing = (read.edited?.['Kontroll'] ?? []).filter((row) => row[5] === CHECK_ANSWERS.no).map((row) => row[0]);
    expect(differing).toContain('Kostnader per län');
    expect(differing).toContain('Översikt');
    // The line names the totals that moved, with what Samla computed; the lines that agree name none.
    const lines = read.edited?.['Kontroll'] ?? [];
    const named = lines.filter((row) => row[5] === CHECK_ANSWERS.no).map((row) => String(row[4]));
    expect(named.every((text) => /^[A-Z]+\d+ .+ \(Samla: .+\); /.test(text))).toBe(true);
    expect(named.join('')).toContain('Summa kostnader (Samla:');
    expect(lines.filter((row) => row[5] === CHECK_ANSWERS.yes).every((row) => row[4] === null || row[4] === '')).toBe(true);
  }, 300_000);
});
