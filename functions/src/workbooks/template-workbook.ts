import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  boardByCode,
  columnFormat,
  columnLetters,
  DEFAULT_LANGUAGE,
  dropdownList,
  dropdownLists,
  LISTS_SHEET,
  LUJ_INITIATIVE,
  STAMP_NAME,
  stampDefinedNameText,
  TABLE_STYLE,
  templateDefinition,
  templateModules,
  type AnyTemplate,
  type BoardCode,
  type DropdownList,
  type InitiativeSettings,
  type Language,
  type Localized,
  type StampKind,
  type TemplateKey,
  type Year,
} from '@samla/shared';
import { safeSheetName, writeText, xmlSafeText } from './inert-text';
import { INFO_LABELS, INFO_SHEET, originKeywords } from './template-origin';

export type TemplateChoice = TemplateKey | 'both';

export interface TemplateWorkbookRequest {
  readonly template: TemplateChoice;
  readonly board: BoardCode;
  readonly year: Year;
  /** The language of the information texts and input messages; headers and lists are always Swedish. */
  readonly language?: Language;
  /** The initiative the template reports to; LUJ by default. */
  readonly settings?: InitiativeSettings;
}

/** How many rows below the header get formats and dropdowns ready for typing. */
export const TEMPLATE_DATA_ROWS = 500;
export { LISTS_SHEET };
/** The visible sheet saying which board, year and initiative the file is for (its labels: template-origin.ts). */
export { INFO_SHEET };

const HEADER_ROW = 1;
const FIRST_DATA_ROW = HEADER_ROW + 1;
const LAST_DATA_ROW = HEADER_ROW + TEMPLATE_DATA_ROWS;

const TEXTS = {
  listErrorTitle: { sv: 'Värde utanför listan', en: 'Value not in the list' },
  listError: {
    sv: 'Välj ett av värdena i listan. Samla kontrollerar värdet när filen lämnas in.',
    en: 'Choose one of the values in the list. Samla checks the value when the file is submitted.',
  },
  infoHeading: { sv: 'Samla – standardmall', en: 'Samla – standard template' },
  initiative: { sv: 'Satsning', en: 'Initiative' },
  ...INFO_LABELS,
  sheets: { sv: 'Blad', en: 'Sheets' },
  howTo: {
    sv: 'Fyll i en rad per aktivitet eller kostnad i tabellen på bladet. Välj värden i listorna, skriv datum som ÅÅÅÅ-MM-DD och belopp i kronor. Ändra inte rubrikraden. Lämna in filen i Samla.',
    en: 'Fill in one row per activity or expense in the table on the sheet. Choose values from the lists, write dates as YYYY-MM-DD and amounts in SEK. Do not change the header row. Submit the file in Samla.',
  },
} as const satisfies Record<string, Localized>;

function chosenTemplates(choice: TemplateChoice): AnyTemplate[] {
  return choice === 'both' ? templateModules().map((module) => module.definition) : [templateDefinition(choice)];
}

/** The stamp each sheet gets, by the sheet's ExcelJS id (the info sheet gets none). */
type Stamps = Map<number, StampKind | (string & {})>;

function addListsSheet(workbook: ExcelJS.Workbook, lists: ReadonlyMap<string, DropdownList>, stamps: Stamps): void {
  const sheet = workbook.addWorksheet(safeSheetName(LISTS_SHEET), { state: 'hidden' });
  [...lists.values()].forEach(({ choices }, index) => {
    choices.forEach((choice, row) => writeText(sheet.getCell(row + 1, index + 1), choice));
    sheet.getColumn(index + 1).width = Math.max(...choices.map((choice) => choice.length)) + 2;
  });
  stamps.set(sheet.id, 'lists');
}

function listValidation(range: string, language: Language): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [range],
    showErrorMessage: true,
    // A warning, not a stop: keys and English labels are valid too, and the server has the last word.
    errorStyle: 'warning',
    errorTitle: xmlSafeText(TEXTS.listErrorTitle[language]),
    error: xmlSafeText(TEXTS.listError[language]),
  };
}

interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/**
 * A sheet's validations by range. ExcelJS keeps them so but doesn't declare it; set cell by cell instead, its
 * writer merges them into overlapping ranges (it sorts `B10` before `B2`), which Excel may call damaged.
 */
function rangeValidations(sheet: ExcelJS.Worksheet): RangeValidations {
  return (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
}

function addTemplateSheet(
  workbook: ExcelJS.Workbook,
  template: AnyTemplate,
  lists: ReadonlyMap<string, DropdownList>,
  language: Language,
  stamps: Stamps,
): void {
  const sheet = workbook.addWorksheet(safeSheetName(template.sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `A${FIRST_DATA_ROW}` }],
  });
  stamps.set(sheet.id, template.key);
  sheet.addTable({
    name: template.tableName,
    displayName: template.tableName,
    ref: `A${HEADER_ROW}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: TABLE_STYLE, showRowStripes: true },
    columns: template.columns.map((column) => ({ name: xmlSafeText(column.label.sv), filterButton: true })),
    // Excel wants a table to hold at least one row; the user's rows extend it.
    rows: [template.columns.map(() => null)],
  });
  template.columns.forEach((column, index) => {
    const sheetColumn = index + 1;
    sheet.getColumn(sheetColumn).width = column.width;
    writeText(sheet.getCell(HEADER_ROW, sheetColumn), column.label.sv);
    const list = dropdownList(column);
    const range = list ? lists.get(list.name)?.range : undefined;
    const letters = columnLetters(sheetColumn);
    if (range) rangeValidations(sheet).add(`${letters}${FIRST_DATA_ROW}:${letters}${LAST_DATA_ROW}`, listValidation(range, language));
    const numFmt = columnFormat(column);
    for (let row = FIRST_DATA_ROW; row <= LAST_DATA_ROW; row += 1) sheet.getCell(row, sheetColumn).numFmt = numFmt;
  });
}

function addInfoSheet(workbook: ExcelJS.Workbook, request: Required<TemplateWorkbookRequest>, templates: readonly AnyTemplate[]): void {
  const { language, settings } = request;
  const sheet = workbook.addWorksheet(safeSheetName(INFO_SHEET));
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 60;
  writeText(sheet.getCell('A1'), TEXTS.infoHeading[language]);
  sheet.getCell('A1').font = { bold: true, size: 14 };
  const facts: [Localized, string][] = [
    [TEXTS.initiative, `${settings.name[language]} (${settings.shortName})`],
    [TEXTS.board, boardByCode(request.board).name],
    [TEXTS.boardCode, request.board],
    [TEXTS.year, String(request.year)],
    [TEXTS.sheets, templates.map((template) => template.sheetName).join(', ')],
  ];
  facts.forEach(([label, value], index) => {
    writeText(sheet.getCell(index + 3, 1), label[language]);
    sheet.getCell(index + 3, 1).font = { bold: true };
    writeText(sheet.getCell(index + 3, 2), value);
  });
  const howTo = sheet.getCell(facts.length + 4, 1);
  writeText(howTo, TEXTS.howTo[language]);
  howTo.alignment = { wrapText: true, vertical: 'top' };
  sheet.mergeCells(facts.length + 4, 1, facts.length + 4, 2);
  sheet.getRow(facts.length + 4).height = 60;
}

function setProperties(workbook: ExcelJS.Workbook, request: Required<TemplateWorkbookRequest>, templates: readonly AnyTemplate[]): void {
  const { language, settings } = request;
  const board = boardByCode(request.board);
  // The settings come from configuration: their texts go through the same XML-safe path as cell text.
  workbook.creator = 'Samla';
  workbook.company = xmlSafeText(board.name);
  workbook.title = xmlSafeText(`${templates.map((template) => template.label[language]).join(', ')} – ${board.name} ${request.year}`);
  workbook.subject = xmlSafeText(settings.name[language]);
  workbook.category = xmlSafeText(settings.shortName);
  // Machine-readable too, so that a file can be traced to what it was made for.
  workbook.keywords = xmlSafeText(originKeywords({ board: request.board, year: request.year, template: request.template, initiative: settings.key }));
}

/**
 * Writes each sheet's template stamp into `xl/workbook.xml` as the add-in does through Office.js: a sheet-scoped
 * defined name `Samla_Mall` holding the text constant `"samla:activities:1"` (shared/src/templates/template-stamp.ts).
 * ExcelJS writes only names over ranges, so the names are added to its output; `kinds` is by the sheets' position
 * (`localSheetId`, ECMA-376 Part 1, §18.2.5), and `definedNames` follows `sheets` in the workbook part (§18.2.27).
 */
function stampSheets(xlsx: Uint8Array, kinds: readonly (string | undefined)[]): Buffer {
  const parts = unzipSync(xlsx);
  const workbookPart = parts['xl/workbook.xml'];
  if (!workbookPart) throw new Error('ExcelJS wrote no xl/workbook.xml');
  const names = kinds
    .flatMap((kind, index) => (kind ? [`<definedName name="${STAMP_NAME}" localSheetId="${index}">${stampDefinedNameText(kind)}</definedName>`] : []))
    .join('');
  const xml = strFromU8(workbookPart);
  const stamped = xml.includes('</definedNames>')
    ? xml.replace('</definedNames>', `${names}</definedNames>`)
    : xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
  if (stamped === xml) throw new Error('ExcelJS wrote a workbook part without sheets');
  parts['xl/workbook.xml'] = strToU8(stamped);
  return Buffer.from(zipSync(parts, { level: 6 }));
}

/**
 * An empty standard template, built from the shared definitions only: each template's sheet with one Excel
 * table (Swedish headers), frozen header, widths, formats and dropdowns for the first rows, the lists on a
 * hidden sheet, and an information sheet naming the board, year and initiative. Each template sheet and the lists
 * sheet carry the template stamp (`stampSheets`).
 */
export async function buildTemplateWorkbook(request: TemplateWorkbookRequest): Promise<Buffer> {
  const complete: Required<TemplateWorkbookRequest> = {
    language: DEFAULT_LANGUAGE,
    settings: LUJ_INITIATIVE,
    ...request,
  };
  const templates = chosenTemplates(request.template);
  const lists = dropdownLists(templates);
  const workbook = new ExcelJS.Workbook();
  setProperties(workbook, complete, templates);
  // Template sheets first, so that the file opens on the first table.
  const stamps: Stamps = new Map();
  for (const template of templates) addTemplateSheet(workbook, template, lists, complete.language, stamps);
  addInfoSheet(workbook, complete, templates);
  addListsSheet(workbook, lists, stamps);
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  // ExcelJS writes its sheets in `worksheets` order, which is the order of their `<sheet>` elements.
  return stampSheets(
    written,
    workbook.worksheets.map((sheet) => stamps.get(sheet.id)),
  );
}
