import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { columnLetters, isFormulaCell, type ReportModel } from '@samla/shared';

export async function loadWorkbook(bytes: Buffer | string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  if (typeof bytes === 'string') await workbook.xlsx.readFile(bytes);
  else await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

export interface XmlCell {
  readonly formula?: string;
  readonly value?: string;
  readonly type?: string;
}

function xmlDecode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The cells of every sheet as the file holds them (formula text, stored value, type), read from the XML itself:
 * ExcelJS's reader drops a formula's stored 0, and what matters is what Excel and LibreOffice will read.
 */
export async function xmlCells(bytes: Buffer): Promise<Map<string, Map<string, XmlCell>>> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string): Promise<string> => (zip.file(name) as JSZip.JSZipObject).async('string');
  const rels = new Map(
    [...(await read('xl/_rels/workbook.xml.rels')).matchAll(/<Relationship\s[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((match) => [match[1], match[2]]),
  );
  const sheets = new Map<string, Map<string, XmlCell>>();
  for (const match of (await read('xl/workbook.xml')).matchAll(/<sheet\s[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = (rels.get(match[2] as string) as string).replace(/^\/?(xl\/)?/, '');
    const xml = await read(`xl/${target}`);
    const cells = new Map<string, XmlCell>();
    for (const cell of xml.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1] ?? '';
      const address = /r="([A-Z]+\d+)"/.exec(attributes)?.[1] as string;
      const type = /t="([a-zA-Z]+)"/.exec(attributes)?.[1];
      const body = cell[2] ?? '';
      const formula = /<f(?:\s[^>]*)?>([^<]*)<\/f>/.exec(body)?.[1];
      const value = /<v>([^<]*)<\/v>/.exec(body)?.[1];
      cells.set(address, {
        ...(formula !== undefined ? { formula: xmlDecode(formula) } : {}),
        ...(value !== undefined ? { value: xmlDecode(value) } : {}),
        ...(type ? { type } : {}),
      });
    }
    sheets.set(xmlDecode(match[1] as string), cells);
  }
  return sheets;
}

export interface TotalCheck {
  readonly sheet: string;
  readonly address: string;
  readonly expected: number | string;
  readonly formula: string | undefined;
  readonly result: unknown;
}

/** Every total of the model beside what the file holds at its cell. */
export function totalsOf(model: ReportModel, cells: Map<string, Map<string, XmlCell>>): TotalCheck[] {
  const checks: TotalCheck[] = [];
  for (const sheet of model.sheets) {
    const sheetCells = cells.get(sheet.name);
    if (!sheetCells) throw new Error(`The workbook has no sheet ${sheet.name}`);
    let row = 0;
    for (const reportCells of sheet.rows()) {
      reportCells.forEach((cell, column) => {
        if (!isFormulaCell(cell)) return;
        const address = `${columnLetters(column + 1)}${row + 2}`;
        const found = sheetCells.get(address);
        const result = found?.value === undefined ? undefined : found.type === 'str' ? found.value : Number(found.value);
        checks.push({ sheet: sheet.name, address, expected: cell.value, formula: found?.formula, result });
      });
      row += 1;
    }
  }
  return checks;
}

/** Whether a stored or recalculated result is the model's value (a cent's rounding aside; '' may read as nothing). */
export function sameResult(result: unknown, expected: number | string): boolean {
  if (typeof expected === 'number') return typeof result === 'number' && Math.abs(result - expected) < 0.005;
  if (expected === '') return result === '' || result === undefined || result === null;
  return result === expected;
}

/** The text of every `<f>` element of every sheet in the file. */
export async function formulaTexts(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const texts: string[] = [];
  for (const name of Object.keys(zip.files).filter((file) => /^xl\/worksheets\/sheet\d+\.xml$/.test(file))) {
    const xml = await (zip.file(name) as JSZip.JSZipObject).async('string');
    for (const match of xml.matchAll(/<f(?:\s[^>]*)?>([^<]*)<\/f>/g)) texts.push(xmlDecode(match[1] ?? ''));
  }
  return texts;
}
