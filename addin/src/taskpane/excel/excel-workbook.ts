/// <reference types="office-js" />
import { TABLE_STYLE, TEMPLATE_KEYS, columnLetters, parseCellAddress, templateDefinition, type TemplateKey } from '@samla/shared';
import { PAYLOAD_BUDGET_BYTES, isPayloadTooLarge, jsonBytes, planRowChunks, type RowChunk } from './payload-budget';
import { LISTS_SHEET, listsSheetValues, templateLayout } from './template-layout';
import type { CellMark, TableSnapshot, TemplatesResult, WorkbookPort } from './workbook-port';

/** `Excel.run`, injectable so the round trips can be counted against a mock. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const MARK_COLORS = { error: '#FDE7E9', warning: '#FFF4CE' } as const;
/** Excel refuses a multi-area address much longer than this. */
const MAX_AREAS_ADDRESS = 7000;

interface Area {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

function areaAddress(area: Area, firstRow = 0, rows = area.rows): string {
  const top = area.row + firstRow;
  return `${columnLetters(area.column)}${top}:${columnLetters(area.column + area.columns - 1)}${top + rows - 1}`;
}

function areaOf(range: { address: string; rowCount: number; columnCount: number }): Area {
  const parsed = parseCellAddress(range.address);
  if (!parsed?.sheet) throw new Error(`Excel gave an address Samla can't read: ${range.address}`);
  return { sheet: parsed.sheet, ...parsed.position, rows: range.rowCount, columns: range.columnCount };
}

/** Collects writes and syncs before a batch would outgrow the payload budget. */
class BudgetedBatch {
  private pending = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
  ) {}

  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.budget) await this.flush();
    queue();
    this.pending += bytes;
  }

  async flush(): Promise<void> {
    await this.context.sync();
    this.pending = 0;
  }
}

async function workbookNames(context: Excel.RequestContext): Promise<{ tables: Set<string>; sheets: Set<string> }> {
  const tables = context.workbook.tables.load('items/name');
  const sheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  return { tables: new Set(tables.items.map((table) => table.name)), sheets: new Set(sheets.items.map((sheet) => sheet.name)) };
}

/** The Excel workbook behind Samla's pane: every Office.js call Samla makes is in this class. */
export class ExcelWorkbook implements WorkbookPort {
  private areas: Area[] = [];

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    private readonly createWorkbook: (base64: string) => Promise<void> = (base64) => Excel.createWorkbook(base64),
    private readonly budget = PAYLOAD_BUDGET_BYTES,
  ) {}

  ensureTemplates(): Promise<TemplatesResult> {
    return this.run(async (context) => {
      const names = await workbookNames(context);
      const batch = new BudgetedBatch(context, this.budget);
      const created: TemplateKey[] = [];
      const found: TemplateKey[] = [];
      const toConvert: { template: TemplateKey; used: Excel.Range }[] = [];
      await this.writeListsSheet(context, names.sheets.has(LISTS_SHEET), batch);
      for (const template of TEMPLATE_KEYS) {
        const definition = templateDefinition(template);
        if (names.tables.has(definition.tableName)) found.push(template);
        else if (names.sheets.has(definition.sheetName)) {
          const used = context.workbook.worksheets.getItem(definition.sheetName).getUsedRangeOrNullObject(true);
          toConvert.push({ template, used: used.load('address,rowCount,columnCount') });
        } else {
          await this.insertTable(context.workbook.worksheets.add(definition.sheetName), template, undefined, batch);
          created.push(template);
        }
      }
      const first = created[0];
      if (first) context.workbook.worksheets.getItem(templateDefinition(first).sheetName).activate();
      await batch.flush();
      if (toConvert.length === 0) return { created, found };
      for (const { template, used } of toConvert) {
        const sheet = context.workbook.worksheets.getItem(templateDefinition(template).sheetName);
        await this.insertTable(sheet, template, used.isNullObject ? undefined : areaOf(used), batch);
        (used.isNullObject ? created : found).push(template);
      }
      await batch.flush();
      return { created, found };
    });
  }

  private async writeListsSheet(context: Excel.RequestContext, exists: boolean, batch: BudgetedBatch): Promise<void> {
    const values = listsSheetValues();
    const sheet = exists ? context.workbook.worksheets.getItem(LISTS_SHEET) : context.workbook.worksheets.add(LISTS_SHEET);
    await batch.add(jsonBytes(values), () => {
      sheet.getRange(areaAddress({ sheet: LISTS_SHEET, row: 1, column: 1, rows: values.length, columns: values[0]?.length ?? 1 })).values = values;
      sheet.visibility = 'Hidden';
    });
  }

  /** Makes a template's table: over the data already on the sheet (`existing`), or a new header at A1. */
  private async insertTable(sheet: Excel.Worksheet, template: TemplateKey, existing: Area | undefined, batch: BudgetedBatch): Promise<void> {
    const layout = templateLayout(template);
    const header = [layout.map((column) => column.header)];
    const area: Area = existing ?? { sheet: '', row: 1, column: 1, rows: 2, columns: layout.length };
    await batch.add(existing ? 0 : jsonBytes(header), () => {
      if (!existing) sheet.getRange(areaAddress({ ...area, rows: 1 })).values = header;
      const table = sheet.tables.add(areaAddress(area), true);
      table.name = templateDefinition(template).tableName;
      table.style = TABLE_STYLE;
      sheet.freezePanes.freezeRows(area.row);
    });
    const dataRows = Math.max(1, area.rows - 1);
    for (const [index, column] of layout.slice(0, area.columns).entries()) {
      const body: Area = { sheet: '', row: area.row + 1, column: area.column + index, rows: dataRows, columns: 1 };
      for (const chunk of planRowChunks(dataRows, 1, this.budget)) {
        const formats = Array.from({ length: chunk.count }, () => [column.numberFormat]);
        await batch.add(jsonBytes(formats), () => {
          sheet.getRange(areaAddress(body, chunk.first, chunk.count)).numberFormat = formats;
        });
      }
      await batch.add(0, () => {
        const range = sheet.getRange(areaAddress(body));
        range.format.columnWidth = column.widthPoints;
        if (!column.choicesSource) return;
        range.dataValidation.clear();
        range.dataValidation.rule = { list: { inCellDropDown: true, source: column.choicesSource } };
        // A list value may also be typed as its key: the check, not Excel, decides.
        range.dataValidation.errorAlert = { showAlert: false, style: 'Information', title: '', message: '' };
      });
    }
  }

  readTemplates(): Promise<TableSnapshot[]> {
    return this.run(async (context) => {
      const names = await workbookNames(context);
      const sources = TEMPLATE_KEYS.flatMap((template) => {
        const definition = templateDefinition(template);
        if (names.tables.has(definition.tableName)) {
          return [{ template, range: context.workbook.tables.getItem(definition.tableName).getRange().load('address,rowCount,columnCount') }];
        }
        if (!names.sheets.has(definition.sheetName)) return [];
        const used = context.workbook.worksheets.getItem(definition.sheetName).getUsedRangeOrNullObject(true);
        return [{ template, range: used.load('address,rowCount,columnCount') }];
      });
      await context.sync();
      const snapshots: TableSnapshot[] = [];
      const areas: Area[] = [];
      for (const { template, range } of sources) {
        if (range.isNullObject) continue;
        const area = areaOf(range);
        const values = await this.readArea(context, area);
        snapshots.push({ template, sheet: area.sheet, origin: { row: area.row, column: area.column }, values });
        areas.push(area);
      }
      this.areas = areas;
      return snapshots;
    });
  }

  /** Reads an area's values, one sync per chunk; a chunk Excel finds too large is halved and read again. */
  private async readArea(context: Excel.RequestContext, area: Area): Promise<unknown[][]> {
    const sheet = context.workbook.worksheets.getItem(area.sheet);
    const values: unknown[][] = [];
    const pending: RowChunk[] = planRowChunks(area.rows, area.columns, this.budget).reverse();
    while (pending.length > 0) {
      const chunk = pending.pop() as RowChunk;
      const range = sheet.getRange(areaAddress(area, chunk.first, chunk.count)).load('values');
      try {
        await context.sync();
      } catch (error) {
        if (!isPayloadTooLarge(error) || chunk.count < 2) throw error;
        const half = Math.ceil(chunk.count / 2);
        pending.push({ first: chunk.first + half, count: chunk.count - half }, { first: chunk.first, count: half });
        continue;
      }
      values.push(...range.values);
    }
    return values;
  }

  markCells(marks: readonly CellMark[]): Promise<void> {
    const areas = this.areas;
    return this.run(async (context) => {
      const batch = new BudgetedBatch(context, this.budget);
      for (const area of areas) {
        if (area.rows < 2) continue;
        await batch.add(0, () =>
          context.workbook.worksheets
            .getItem(area.sheet)
            .getRange(areaAddress({ ...area, row: area.row + 1, rows: area.rows - 1 }))
            .format.fill.clear(),
        );
      }
      // Errors last, so a cell with both shows the error's colour.
      for (const severity of ['warning', 'error'] as const) {
        for (const [sheet, addresses] of groupAddresses(marks.filter((mark) => mark.severity === severity))) {
          await batch.add(addresses.length * 2, () => {
            context.workbook.worksheets.getItem(sheet).getRanges(addresses).format.fill.color = MARK_COLORS[severity];
          });
        }
      }
      await batch.flush();
    });
  }

  selectCell(sheet: string, address: string): Promise<void> {
    return this.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(address).select();
      await context.sync();
    });
  }

  async openWorkbook(base64: string, _fileName: string): Promise<void> {
    await this.createWorkbook(base64);
  }
}

/** Groups marks by sheet into comma-separated multi-area addresses Excel accepts in one call. */
export function groupAddresses(marks: readonly CellMark[]): [string, string][] {
  const groups: [string, string][] = [];
  const bySheet = new Map<string, string[]>();
  for (const mark of marks) {
    const addresses = bySheet.get(mark.sheet) ?? [];
    addresses.push(mark.address);
    bySheet.set(mark.sheet, addresses);
  }
  for (const [sheet, addresses] of bySheet) {
    let current = '';
    for (const address of new Set(addresses)) {
      if (current.length + address.length + 1 > MAX_AREAS_ADDRESS) {
        groups.push([sheet, current]);
        current = '';
      }
      current = current ? `${current},${address}` : address;
    }
    if (current) groups.push([sheet, current]);
  }
  return groups;
}
