/// <reference types="office-js" />
import {
  TABLE_STYLE,
  TEMPLATE_KEYS,
  columnForHeader,
  currentVersion,
  isEmptyCell,
  columnLetters,
  layoutOfVersion,
  parseCellAddress,
  readStamp,
  templateDefinition,
  type TemplateKey,
} from '@samla/shared';
import { queueDateSystem, toDateSystem1900, type DateSystem, type SupportsSet } from './date-system';
import { queueMarks, removeSamlaMarks } from './issue-marks';
import { PAYLOAD_BUDGET_BYTES, isPayloadTooLarge, jsonBytes, planRowChunks, type RowChunk } from './payload-budget';
import { STAMP_NAME, parseStamp, stampFormula, type Stamp, type StampKind } from './template-stamp';
import { cellValue, rowsUnderHeaders, type StoredRow } from './row-cells';
import { LISTS_SHEET, listsSheetValues, templateLayout, type ColumnLayout } from './template-layout';
import type { CellMark, ForeignSheet, OpenedReport, TableSnapshot, TemplatesResult, WorkbookPort, WrittenRows } from './workbook-port';

/** `Excel.run`, injectable so the round trips can be counted against a mock. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Where Samla keeps its dropdown lists when the workbook already has a `Listor` sheet of the user's own. */
export const SPARE_LISTS_SHEET = 'Samla_Listor';

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

const lower = (name: string) => name.toLocaleLowerCase('sv');

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

/** A sheet Samla looked for, as Excel found it: Excel's own spelling of the name, and Samla's stamp if any. */
interface FoundSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly stamp?: Stamp;
  /** Whether the sheet has a `Samla_Mall` name at all, readable or not: writing the stamp must then replace it. */
  readonly stampNamed: boolean;
}

/** A template's table as Excel has it: the data body apart from the header and the Total Row. */
interface FoundTable {
  readonly name: string;
  readonly sheet: string;
  readonly stamp?: Stamp;
  /** Whether the table's sheet has a `Samla_Mall` name at all, readable or not (see FoundSheet). */
  readonly stampNamed: boolean;
  /** The column names, which are the header texts also when the header row is hidden. */
  readonly headers: string[];
  readonly body: Area;
  readonly showHeaders: boolean;
  readonly showTotals: boolean;
}

interface Inventory {
  readonly dateSystem: DateSystem;
  /** By the lower-case name Samla looked for. */
  readonly sheets: ReadonlyMap<string, FoundSheet>;
  readonly tables: ReadonlyMap<TemplateKey, FoundTable>;
}

function stampOf(item: Excel.NamedItem): Stamp | undefined {
  return item.isNullObject ? undefined : parseStamp(item.formula);
}

/**
 * Finds Samla's sheets and tables by name as Excel does, whatever the letter case (Excel's names are
 * case-insensitive; `getItemOrNullObject`, ExcelApi 1.4), with their stamps and the workbook's date system.
 * Two syncs, whatever the workbook holds.
 */
async function takeInventory(context: Excel.RequestContext, supports: SupportsSet): Promise<Inventory> {
  const dateSystem = queueDateSystem(context, supports);
  const wanted = [...TEMPLATE_KEYS.map((template) => templateDefinition(template).sheetName), LISTS_SHEET, SPARE_LISTS_SHEET];
  const sheets = wanted.map((name) => ({ name, sheet: context.workbook.worksheets.getItemOrNullObject(name).load('name,visibility') }));
  const tables = TEMPLATE_KEYS.map((template) => ({
    template,
    table: context.workbook.tables.getItemOrNullObject(templateDefinition(template).tableName).load('name,showHeaders,showTotals'),
  }));
  await context.sync();
  const sheetDetails = sheets
    .filter(({ sheet }) => !sheet.isNullObject)
    .map(({ name, sheet }) => ({ name, sheet, stamp: sheet.names.getItemOrNullObject(STAMP_NAME).load('formula') }));
  const tableDetails = tables
    .filter(({ table }) => !table.isNullObject)
    .map(({ template, table }) => ({
      template,
      table,
      worksheet: table.worksheet.load('name'),
      stamp: table.worksheet.names.getItemOrNullObject(STAMP_NAME).load('formula'),
      columns: table.columns.load('items/name'),
      body: table.getDataBodyRange().load('address,rowCount,columnCount'),
    }));
  await context.sync();
  const found = new Map<string, FoundSheet>();
  for (const { name, sheet, stamp } of sheetDetails) {
    const entry = { name: sheet.name, hidden: sheet.visibility !== 'Visible', stampNamed: !stamp.isNullObject };
    const parsed = stampOf(stamp);
    found.set(lower(name), parsed ? { ...entry, stamp: parsed } : entry);
  }
  const foundTables = new Map<TemplateKey, FoundTable>();
  for (const { template, table, worksheet, stamp, columns, body } of tableDetails) {
    const parsed = stampOf(stamp);
    const entry: FoundTable = {
      name: table.name,
      sheet: worksheet.name,
      stampNamed: !stamp.isNullObject,
      headers: columns.items.map((column) => column.name),
      body: areaOf(body),
      showHeaders: table.showHeaders,
      showTotals: table.showTotals,
    };
    foundTables.set(template, parsed ? { ...entry, stamp: parsed } : entry);
  }
  return { dateSystem: dateSystem(), sheets: found, tables: foundTables };
}

/** Samla's lists sheet in this workbook, if it has one: stamped, or (made before stamps) hidden beside Samla's tables. */
function samlaListsSheet(inventory: Inventory): FoundSheet | undefined {
  for (const name of [LISTS_SHEET, SPARE_LISTS_SHEET]) {
    const sheet = inventory.sheets.get(lower(name));
    if (sheet?.stamp?.kind === 'lists') return sheet;
    if (sheet && !sheet.stamp && name === LISTS_SHEET && sheet.hidden && inventory.tables.size > 0) return sheet;
  }
  return undefined;
}

/** A dropdown's source on the lists sheet Samla uses here: `=Listor!$A$1:$A$7` → `=Samla_Listor!$A$1:$A$7`. */
function sourceOn(source: string, listsSheet: string): string {
  return source.replace(`=${LISTS_SHEET}!`, `=${listsSheet}!`);
}

/** Whether a row of header texts names every required column of the template: the sheet holds that template. */
function holdsTemplate(template: TemplateKey, header: readonly unknown[]): boolean {
  const definition = templateDefinition(template);
  const keys = new Set(header.flatMap((text) => columnForHeader(definition, text)?.key ?? []));
  return definition.columns.every((column) => !column.required || keys.has(column.key));
}

/** The Excel workbook behind Samla's pane: every Office.js call Samla makes is in this module and its neighbours. */
export class ExcelWorkbook implements WorkbookPort {
  /** Sheets that may carry Samla's marks: those read last, and those marked. */
  private markedSheets: string[] = [];

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    private readonly createWorkbook: (base64: string) => Promise<void> = (base64) => Excel.createWorkbook(base64),
    private readonly budget = PAYLOAD_BUDGET_BYTES,
    private readonly supports: SupportsSet = (name, version) => Office.context.requirements.isSetSupported(name, version),
  ) {}

  ensureTemplates(): Promise<TemplatesResult> {
    return this.run(async (context) => {
      const inventory = await takeInventory(context, this.supports);
      const batch = new BudgetedBatch(context, this.budget);
      const lists = await this.writeListsSheet(context, inventory, batch);
      const created: TemplateKey[] = [];
      const found: TemplateKey[] = [];
      const upgraded: TemplateKey[] = [];
      const foreign: ForeignSheet[] = [];
      const toConvert: { template: TemplateKey; sheet: string; stamped: boolean; used: Excel.Range }[] = [];
      for (const template of TEMPLATE_KEYS) {
        const definition = templateDefinition(template);
        const table = inventory.tables.get(template);
        if (table) {
          // A table without a stamp was made by Samla before stamps (version 0, version 1's layout).
          const reading = readStamp(definition, table.stamp ?? { kind: template, version: 0 });
          if (reading.status === 'current' && (table.stamp?.version ?? 0) >= currentVersion(template)) found.push(template);
          else if (reading.status === 'current' || reading.status === 'older') {
            await this.upgradeTable(context, template, table, lists, batch);
            upgraded.push(template);
          } else if (reading.status === 'other') foreign.push({ template, sheet: table.sheet });
          else foreign.push({ template, sheet: table.sheet, ...(reading.status === 'newer' ? { newer: reading.version } : { unmappable: reading.version }) });
          continue;
        }
        const sheet = inventory.sheets.get(lower(definition.sheetName));
        if (!sheet) {
          const added = context.workbook.worksheets.add(definition.sheetName);
          await this.insertTable(added, template, undefined, lists, batch);
          created.push(template);
        } else if (sheet.stamp && sheet.stamp.kind !== template) foreign.push({ template, sheet: sheet.name });
        else {
          const used = context.workbook.worksheets.getItem(sheet.name).getUsedRangeOrNullObject(true);
          toConvert.push({ template, sheet: sheet.name, stamped: sheet.stampNamed, used: used.load('address,rowCount,columnCount') });
        }
      }
      const first = created[0];
      if (first) context.workbook.worksheets.getItem(templateDefinition(first).sheetName).activate();
      await batch.flush();
      if (toConvert.length === 0) return { created, found, upgraded, foreign };
      const headers = toConvert.map(({ used }) => (used.isNullObject ? undefined : used.getRow(0).load('values')));
      await context.sync();
      for (const [index, { template, sheet, stamped, used }] of toConvert.entries()) {
        const header = headers[index];
        const worksheet = context.workbook.worksheets.getItem(sheet);
        if (!header) {
          await this.insertTable(worksheet, template, undefined, lists, batch, stamped);
          created.push(template);
        } else if (holdsTemplate(template, header.values[0] ?? [])) {
          await this.insertTable(worksheet, template, { area: areaOf(used), header: header.values[0] ?? [] }, lists, batch, stamped);
          found.push(template);
        } else foreign.push({ template, sheet });
      }
      await batch.flush();
      return { created, found, upgraded, foreign };
    });
  }

  /** Writes the dropdowns' choices on Samla's lists sheet, never on a sheet of the user's; returns the sheet's name. */
  private async writeListsSheet(context: Excel.RequestContext, inventory: Inventory, batch: BudgetedBatch): Promise<string> {
    const values = listsSheetValues();
    const existing = samlaListsSheet(inventory);
    let name = existing?.name;
    let sheet: Excel.Worksheet;
    if (existing) sheet = context.workbook.worksheets.getItem(existing.name);
    else {
      name = inventory.sheets.has(lower(LISTS_SHEET)) ? SPARE_LISTS_SHEET : LISTS_SHEET;
      if (inventory.sheets.has(lower(name))) {
        throw new Error(`Arbetsboken har redan blad som heter ${LISTS_SHEET} och ${SPARE_LISTS_SHEET}. Byt namn på ett av dem och försök igen.`);
      }
      sheet = context.workbook.worksheets.add(name);
    }
    const listsName = name ?? LISTS_SHEET;
    const stale = existing?.stamp && existing.stamp.version >= currentVersion('lists') ? undefined : existing;
    await batch.add(jsonBytes(values), () => {
      sheet.getRange(areaAddress({ sheet: listsName, row: 1, column: 1, rows: values.length, columns: values[0]?.length ?? 1 })).values = values;
      sheet.visibility = 'Hidden';
      if (!existing || stale) this.writeStamp(sheet, 'lists', existing?.stampNamed ?? false);
    });
    return listsName;
  }

  private writeStamp(sheet: Excel.Worksheet, kind: StampKind, replace: boolean): void {
    if (replace) sheet.names.getItem(STAMP_NAME).delete();
    sheet.names.add(STAMP_NAME, stampFormula(kind));
  }

  /** Makes a template's table: over the data already on the sheet (`existing`), or a new header at A1. */
  private async insertTable(
    sheet: Excel.Worksheet,
    template: TemplateKey,
    existing: { area: Area; header: readonly unknown[] } | undefined,
    lists: string,
    batch: BudgetedBatch,
    replaceStamp = false,
  ): Promise<void> {
    const layout = templateLayout(template);
    const header = existing?.header ?? layout.map((column) => column.header);
    const area: Area = existing?.area ?? { sheet: '', row: 1, column: 1, rows: 2, columns: layout.length };
    await batch.add(existing ? 0 : jsonBytes([header]), () => {
      if (!existing) sheet.getRange(areaAddress({ ...area, rows: 1 })).values = [header as string[]];
      const table = sheet.tables.add(areaAddress(area), true);
      table.name = templateDefinition(template).tableName;
      table.style = TABLE_STYLE;
      sheet.freezePanes.freezeRows(area.row);
      this.writeStamp(sheet, template, replaceStamp);
    });
    const body: Area = { ...area, row: area.row + 1, rows: Math.max(1, area.rows - 1) };
    await this.applyColumnRules(sheet, template, header, body, lists, batch, new Set(header.keys()));
  }

  /**
   * Upgrades a template of an older version (or one made before stamps) in place: recognised headers get today's
   * Swedish label, missing columns are added at the end, dropdowns and formats are laid anew; the rows stay.
   */
  private async upgradeTable(context: Excel.RequestContext, template: TemplateKey, found: FoundTable, lists: string, batch: BudgetedBatch): Promise<void> {
    const definition = templateDefinition(template);
    // The headers as the sheet's version laid them out, mapped to today's columns (template-stamp.ts in shared).
    const oldLayout = layoutOfVersion(definition, found.stamp?.version ?? 0);
    const table = context.workbook.tables.getItem(found.name);
    const headers = [...found.headers];
    const present = new Set<string>();
    const added = new Set<number>();
    await batch.add(jsonBytes(definition.columns.map((column) => column.label.sv)), () => {
      headers.forEach((header, index) => {
        const old = columnForHeader(oldLayout, header) ?? columnForHeader(definition, header);
        const column = old && definition.columns.find((candidate) => candidate.key === old.key);
        if (!column || present.has(column.key)) return;
        present.add(column.key);
        if (header !== column.label.sv) table.columns.getItemAt(index).name = column.label.sv;
        headers[index] = column.label.sv;
      });
      for (const column of definition.columns) {
        if (present.has(column.key)) continue;
        table.columns.add(undefined, undefined, column.label.sv);
        added.add(headers.length);
        headers.push(column.label.sv);
      }
      this.writeStamp(context.workbook.worksheets.getItem(found.sheet), template, found.stampNamed);
    });
    const body: Area = { ...found.body, columns: headers.length };
    await this.applyColumnRules(context.workbook.worksheets.getItem(found.sheet), template, headers, body, lists, batch, added);
  }

  /**
   * Lays the template's number formats and dropdowns on every data row of the columns it recognises by header
   * (pasting removes both); a column the user added is left as the user made it. `widths`: column indexes to size.
   */
  private async applyColumnRules(
    sheet: Excel.Worksheet,
    template: TemplateKey,
    headers: readonly unknown[],
    body: Area,
    lists: string | undefined,
    batch: BudgetedBatch,
    widths: ReadonlySet<number> = new Set(),
  ): Promise<void> {
    const definition = templateDefinition(template);
    const layouts = new Map<string, ColumnLayout>(templateLayout(template).map((column) => [column.key, column]));
    for (const [index, header] of headers.entries()) {
      const column = columnForHeader(definition, header);
      const layout = column ? layouts.get(column.key) : undefined;
      if (!layout) continue;
      const area: Area = { ...body, column: body.column + index, columns: 1 };
      for (const chunk of planRowChunks(area.rows, 1, this.budget)) {
        const formats = Array.from({ length: chunk.count }, () => [layout.numberFormat]);
        await batch.add(jsonBytes(formats), () => {
          sheet.getRange(areaAddress(area, chunk.first, chunk.count)).numberFormat = formats;
        });
      }
      if (!widths.has(index) && !(layout.choicesSource && lists)) continue;
      await batch.add(0, () => {
        const range = sheet.getRange(areaAddress(area));
        if (widths.has(index)) range.format.columnWidth = layout.widthPoints;
        if (!layout.choicesSource || !lists) return;
        range.dataValidation.clear();
        range.dataValidation.rule = { list: { inCellDropDown: true, source: sourceOn(layout.choicesSource, lists) } };
        // A list value may also be typed as its key: the check, not Excel, decides.
        range.dataValidation.errorAlert = { showAlert: false, style: 'Information', title: '', message: '' };
      });
    }
  }

  readTemplates(): Promise<TableSnapshot[]> {
    return this.run(async (context) => {
      const inventory = await takeInventory(context, this.supports);
      const batch = new BudgetedBatch(context, this.budget);
      const lists = samlaListsSheet(inventory)?.name;
      type Source = { template: TemplateKey } & ({ header: string[]; area: Area } | { used: Excel.Range });
      const sources: Source[] = [];
      for (const template of TEMPLATE_KEYS) {
        const table = inventory.tables.get(template);
        if (table) {
          // The data body alone: a Total Row is not data, and a hidden header row is not the first data row.
          await this.applyColumnRules(context.workbook.worksheets.getItem(table.sheet), template, table.headers, table.body, lists, batch);
          sources.push({ template, header: table.headers, area: table.body });
          continue;
        }
        const sheet = inventory.sheets.get(lower(templateDefinition(template).sheetName));
        if (!sheet || (sheet.stamp && sheet.stamp.kind !== template)) continue;
        const used = context.workbook.worksheets.getItem(sheet.name).getUsedRangeOrNullObject(true);
        sources.push({ template, used: used.load('address,rowCount,columnCount') });
      }
      await batch.flush();
      const snapshots: TableSnapshot[] = [];
      for (const source of sources) {
        const { template } = source;
        if ('used' in source && source.used.isNullObject) continue;
        const header = 'header' in source ? source.header : undefined;
        const area = 'area' in source ? source.area : areaOf(source.used);
        const values = await this.readArea(context, area);
        if (header) values.unshift([...header]);
        toDateSystem1900(template, values, inventory.dateSystem);
        const origin = header ? { row: area.row - 1, column: area.column } : { row: area.row, column: area.column };
        snapshots.push({ template, sheet: area.sheet, origin, values });
      }
      this.markedSheets = [...new Set([...this.markedSheets, ...snapshots.map((snapshot) => snapshot.sheet)])];
      return snapshots;
    });
  }

  /**
   * Loads stored rows back into the template's table, as Microsoft documents table edits (ExcelApi 1.1): surplus
   * data rows go with `Range.delete('Up')` on them (the Total Row moves up with them), missing ones come with
   * `table.rows.add(undefined, blanks)` in chunks under the payload budget; the template's formats and dropdowns are
   * laid on the rows before the values are written (text columns are `@`, so an id like `0012` stays text), and the
   * values go in chunks, dates as serials of this workbook's date system. A table keeps at least one data row, as
   * Excel's do. Samla's marks on the sheet are removed: they belonged to the rows replaced.
   */
  writeRows(template: TemplateKey, rows: readonly StoredRow[]): Promise<WrittenRows> {
    return this.run(async (context) => {
      const inventory = await takeInventory(context, this.supports);
      const found = inventory.tables.get(template);
      if (!found) {
        const sheetName = templateDefinition(template).sheetName;
        throw new Error(`Arbetsboken saknar tabellen ${templateDefinition(template).tableName} på bladet ${sheetName}. Välj Skapa mallar och försök igen.`);
      }
      const before = await this.readArea(context, found.body);
      const replaced = before.filter((cells) => cells.some((cell) => !isEmptyCell(cell))).length;
      await removeSamlaMarks(context, [found.sheet]);
      const batch = new BudgetedBatch(context, this.budget);
      const table = context.workbook.tables.getItem(found.name);
      const sheet = context.workbook.worksheets.getItem(found.sheet);
      const columns = found.headers.length;
      const wanted = Math.max(1, rows.length);
      if (wanted < found.body.rows) {
        await batch.add(0, () => sheet.getRange(areaAddress(found.body, wanted, found.body.rows - wanted)).delete('Up'));
      }
      for (const chunk of planRowChunks(Math.max(0, wanted - found.body.rows), columns, this.budget)) {
        const blanks = Array.from({ length: chunk.count }, () => Array.from({ length: columns }, () => ''));
        await batch.add(jsonBytes(blanks), () => table.rows.add(undefined, blanks));
      }
      const body: Area = { ...found.body, rows: wanted };
      await this.applyColumnRules(sheet, template, found.headers, body, samlaListsSheet(inventory)?.name, batch);
      const values = rowsUnderHeaders(template, found.headers, rows, (column, value) => cellValue(column, value, inventory.dateSystem), '' as string | number);
      if (values.length === 0) values.push(Array.from({ length: columns }, () => ''));
      for (const chunk of planRowChunks(values.length, columns, this.budget)) {
        const part = values.slice(chunk.first, chunk.first + chunk.count);
        await batch.add(jsonBytes(part), () => {
          sheet.getRange(areaAddress(body, chunk.first, chunk.count)).values = part;
        });
      }
      await batch.flush();
      this.markedSheets = this.markedSheets.filter((name) => name !== found.sheet);
      return { template, sheet: found.sheet, replaced, written: rows.length };
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
    const sheets = [...new Set([...this.markedSheets, ...marks.map((mark) => mark.sheet)])];
    return this.run(async (context) => {
      await removeSamlaMarks(context, sheets);
      const batch = new BudgetedBatch(context, this.budget);
      await batch.add(0, () => queueMarks(context, marks));
      await batch.flush();
      this.markedSheets = sheets;
    });
  }

  clearMarks(): Promise<void> {
    return this.run(async (context) => {
      const inventory = await takeInventory(context, this.supports);
      const templateSheets = [
        ...[...inventory.tables.values()].map((table) => table.sheet),
        ...TEMPLATE_KEYS.flatMap((template) => inventory.sheets.get(lower(templateDefinition(template).sheetName))?.name ?? []),
      ];
      const sheets = [...new Set([...templateSheets, ...this.markedSheets.filter((sheet) => templateSheets.includes(sheet))])];
      await removeSamlaMarks(context, sheets);
      await context.sync();
      this.markedSheets = [];
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

  /**
   * Opens a report as a new workbook with `Excel.createWorkbook` (ExcelApi 1.8), whose base64 argument travels in
   * one request: over the budget (Excel on the web refuses requests over 5 MB) the report is `download`ed instead.
   */
  async openWorkbook(base64: string, _fileName: string): Promise<OpenedReport> {
    if (base64.length > this.budget) return 'download';
    try {
      await this.createWorkbook(base64);
      return 'opened';
    } catch (error) {
      if (isPayloadTooLarge(error)) return 'download';
      throw error;
    }
  }
}

export { groupAddresses } from './issue-marks';
