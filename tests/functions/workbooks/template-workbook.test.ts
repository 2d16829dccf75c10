import ExcelJS from 'exceljs';
import { EXPENSES_TEMPLATE, ACTIVITIES_TEMPLATE, NUMBER_FORMATS, STRANDS, TARGET_GROUPS, YES_NO, type AnyTemplate } from '@samla/shared';
import { buildTemplateWorkbook, LISTS_SHEET, TEMPLATE_DATA_ROWS, INFO_SHEET } from '../../../functions/src/workbooks/template-workbook';
import { TEXT_FORMAT } from '../../../functions/src/workbooks/inert-text';
import { loadWorkbook as load, sheetOf } from './workbook-fixtures';

function headerTexts(sheet: ExcelJS.Worksheet, count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => sheet.getCell(1, index + 1).value);
}

/** The labels a list validation offers: the cells of the range its formula names. */
function dropdownLabels(workbook: ExcelJS.Workbook, validation: ExcelJS.DataValidation | undefined): string[] {
  const formula = String(validation?.formulae[0]);
  const match = /^(\w+)!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!match) throw new Error(`not a range: ${formula}`);
  const sheet = sheetOf(workbook, match[1] ?? '');
  const labels: string[] = [];
  for (let row = Number(match[3]); row <= Number(match[5]); row += 1) labels.push(String(sheet.getCell(`${match[2]}${row}`).value));
  return labels;
}

function columnLetter(template: AnyTemplate, key: string): string {
  return String.fromCharCode(65 + template.columns.findIndex((column) => column.key === key));
}

describe('buildTemplateWorkbook', () => {
  let both: ExcelJS.Workbook;

  beforeAll(async () => {
    both = await load(await buildTemplateWorkbook({ template: 'both', board: 'I', year: 2013, language: 'sv' }));
  });

  it('puts each template on its own sheet, then the information sheet and the hidden lists', () => {
    expect(both.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Aktiviteter', 'visible'],
      ['Kostnader', 'visible'],
      [INFO_SHEET, 'visible'],
      [LISTS_SHEET, 'hidden'],
    ]);
  });

  it.each([ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE] as AnyTemplate[])('writes the exact Swedish headers of $sheetName in row 1, as text', (template) => {
    const sheet = sheetOf(both, template.sheetName);
    expect(headerTexts(sheet, template.columns.length + 1)).toEqual([...template.columns.map((column) => column.label.sv), null]);
    expect(sheet.getCell('A1').numFmt).toBe(TEXT_FORMAT);
  });

  it.each([ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE] as AnyTemplate[])('makes $sheetName one Excel table named after the template', (template) => {
    const sheet = sheetOf(both, template.sheetName);
    expect(sheet.getTables()).toHaveLength(1);
    const table = sheet.getTable(template.tableName) as unknown as { table: { tableRef: string; headerRow: boolean; columns: { name: string }[] } };
    const lastLetter = String.fromCharCode(64 + template.columns.length);
    expect(table.table.tableRef).toBe(`A1:${lastLetter}2`);
    expect(table.table.headerRow).toBe(true);
    expect(table.table.columns.map((column) => column.name)).toEqual(template.columns.map((column) => column.label.sv));
  });

  it('freezes the header row', () => {
    for (const name of ['Aktiviteter', 'Kostnader']) {
      expect(sheetOf(both, name).views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    }
  });

  it('sets each column to its width', () => {
    const sheet = sheetOf(both, 'Kostnader');
    EXPENSES_TEMPLATE.columns.forEach((column, index) => expect(sheet.getColumn(index + 1).width).toBe(column.width));
  });

  it('formats dates, amounts and counts, and text as text, on the first data rows', () => {
    const expenses = sheetOf(both, 'Kostnader');
    const activities = sheetOf(both, 'Aktiviteter');
    for (const row of [2, 250, TEMPLATE_DATA_ROWS + 1]) {
      expect(expenses.getCell(`B${row}`).numFmt).toBe(NUMBER_FORMATS.date);
      expect(expenses.getCell(`G${row}`).numFmt).toBe(NUMBER_FORMATS.amount);
      expect(expenses.getCell(`E${row}`).numFmt).toBe(TEXT_FORMAT);
      expect(activities.getCell(`${columnLetter(ACTIVITIES_TEMPLATE, 'participantsWomen')}${row}`).numFmt).toBe(NUMBER_FORMATS.count);
      expect(activities.getCell(`${columnLetter(ACTIVITIES_TEMPLATE, 'hours')}${row}`).numFmt).toBe(NUMBER_FORMATS.hours);
      expect(activities.getCell(`${columnLetter(ACTIVITIES_TEMPLATE, 'startDate')}${row}`).numFmt).toBe(NUMBER_FORMATS.date);
    }
  });

  it('offers the Swedish labels of every list column in a dropdown, from the hidden lists sheet', () => {
    const activities = sheetOf(both, 'Aktiviteter');
    const strand = activities.getCell(`${columnLetter(ACTIVITIES_TEMPLATE, 'strand')}2`).dataValidation;
    expect(strand).toMatchObject({ type: 'list', allowBlank: true });
    expect(dropdownLabels(both, strand)).toEqual(STRANDS.options.map((option) => option.label.sv));
    const target = activities.getCell(`${columnLetter(ACTIVITIES_TEMPLATE, 'targetGroup')}${TEMPLATE_DATA_ROWS + 1}`).dataValidation;
    expect(dropdownLabels(both, target)).toEqual(TARGET_GROUPS.options.map((option) => option.label.sv));
    for (const template of [ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE] as AnyTemplate[]) {
      const sheet = sheetOf(both, template.sheetName);
      for (const column of template.columns) {
        if (column.type !== 'list') continue;
        const validation = sheet.getCell(`${columnLetter(template, column.key)}2`).dataValidation;
        expect(dropdownLabels(both, validation)).toEqual(column.list.options.map((option) => option.label.sv));
      }
    }
  });

  it('offers Ja and Nej for the yes/no column', () => {
    const cell = sheetOf(both, 'Aktiviteter').getCell(`${columnLetter(ACTIVITIES_TEMPLATE, 'learningExample')}2`);
    expect(dropdownLabels(both, cell.dataValidation)).toEqual([YES_NO.yes.sv, YES_NO.no.sv]);
  });

  it('puts no dropdown on free text columns nor below the prepared rows', () => {
    const sheet = sheetOf(both, 'Aktiviteter');
    expect(sheet.getCell(`${columnLetter(ACTIVITIES_TEMPLATE, 'title')}2`).dataValidation).toBeUndefined();
    expect(sheet.getCell(`B${TEMPLATE_DATA_ROWS + 2}`).dataValidation).toBeUndefined();
  });

  it('names the board, year and initiative on the information sheet and in the document properties', () => {
    const info = sheetOf(both, INFO_SHEET);
    const texts = info
      .getSheetValues()
      .flat()
      .filter((value) => typeof value === 'string');
    expect(texts).toEqual(expect.arrayContaining(['Länsstyrelsen i Gotlands län', 'I', '2013', 'Aktiviteter, Kostnader']));
    expect(texts.some((text) => String(text).includes('Länsstyrelserna utvecklar jämställdhet'))).toBe(true);
    expect(both.title).toBe('Aktiviteter, Kostnader – Länsstyrelsen i Gotlands län 2013');
    expect(both.keywords).toContain('board=I; year=2013; template=both');
  });

  it('builds one template alone, with only the lists it uses', async () => {
    const expenses = await load(await buildTemplateWorkbook({ template: 'expenses', board: 'AB', year: 2014, language: 'sv' }));
    expect(expenses.worksheets.map((sheet) => sheet.name)).toEqual(['Kostnader', INFO_SHEET, LISTS_SHEET]);
    const lists = sheetOf(expenses, LISTS_SHEET);
    expect(lists.getCell('A1').value).toBe('Personal');
    expect(lists.getCell('B1').value).toBe('Anslag (3:1 ap. 12)');
    expect(lists.getCell('C1').value).toBeNull();
  });

  it('writes the information in English when asked, and the headers and lists still in Swedish', async () => {
    const english = await load(await buildTemplateWorkbook({ template: 'activities', board: 'BD', year: 2014, language: 'en' }));
    const texts = sheetOf(english, INFO_SHEET).getSheetValues().flat();
    expect(texts).toEqual(expect.arrayContaining(['County administrative board', 'Year', 'Länsstyrelsen i Norrbottens län']));
    expect(sheetOf(english, 'Aktiviteter').getCell('A1').value).toBe('Aktivitets-ID');
    expect(sheetOf(english, LISTS_SHEET).getCell('A1').value).toBe('Samordning');
  });
});
