/// <reference types="office-js" />
/**
 * A workbook for the Excel adapter to talk to outside Excel, behaving as Microsoft's Office.js documentation says:
 * ranges are office-addin-mock objects and every other loaded property is readable only after `context.sync()`
 * (reading one earlier throws, as in Excel); sheet, table and name look-ups are case-insensitive; a table has a data
 * body apart from its header row (which can be hidden) and its Total Row; a null object says so only after a sync;
 * `Workbook.use1904DateSystem` exists only where `ExcelApiOnline 1.1` is supported; conditional formats have an
 * order of priority. It counts every `context.sync()` and measures each batch's payload as Excel on the web would
 * (JSON of the values sent and received), refusing one over the 5 MB limit the way Excel does.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { columnLetters, parseCellAddress, serialFromIsoDate } from '@samla/shared';

export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

interface Area {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export interface MockTable {
  name: string;
  sheet: string;
  /** The table's whole range, as `table.getRange()` gives it: header row (when shown), data body, Total Row (when shown). */
  area: Area;
  columnNames: string[];
  showHeaders: boolean;
  showTotals: boolean;
  style?: string;
}

export interface MockConditionalFormat {
  readonly id: string;
  readonly type: string;
  readonly cells: ReadonlySet<string>;
  formula: string;
  fill: string;
  stopIfTrue: boolean;
}

export interface MockSheet {
  name: string;
  readonly cells: Map<string, unknown>;
  readonly numberFormats: Map<string, string>;
  /** The user's own fills, by cell. */
  readonly fills: Map<string, string>;
  /** Each cell's dropdown source. */
  readonly validations: Map<string, string>;
  readonly columnWidths: Map<number, number>;
  /** Highest priority first. */
  readonly conditionalFormats: MockConditionalFormat[];
  /** Sheet-scoped defined names, by lower-case name. */
  readonly names: Map<string, { name: string; formula: string }>;
  readonly hiddenRows: Set<number>;
  visibility: string;
  frozenRows: number;
}

export interface SyncRecord {
  readonly requestBytes: number;
  readonly responseBytes: number;
}

function key(row: number, column: number): string {
  return `${row},${column}`;
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

export function parseArea(address: string): Area {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [from, to = from] = local.split(':');
  const start = parseCellAddress(from ?? '')?.position;
  const end = parseCellAddress(to ?? '')?.position;
  if (!start || !end) throw new Error(`Mock Excel can't read the address ${address}`);
  return { row: start.row, column: start.column, rows: end.row - start.row + 1, columns: end.column - start.column + 1 };
}

export function areaText(area: Area): string {
  return `${columnLetters(area.column)}${area.row}:${columnLetters(area.column + area.columns - 1)}${area.row + area.rows - 1}`;
}

function cellsOf(area: Area): [number, number][] {
  const cells: [number, number][] = [];
  for (let row = area.row; row < area.row + area.rows; row += 1)
    for (let column = area.column; column < area.column + area.columns; column += 1) cells.push([row, column]);
  return cells;
}

/** The data body of a table: its range without the header row and the Total Row. */
export function bodyOf(table: MockTable): Area {
  const top = table.showHeaders ? 1 : 0;
  return { ...table.area, row: table.area.row + top, rows: table.area.rows - top - (table.showTotals ? 1 : 0) };
}

/** An Excel error as Office.js raises it: an Error with a `code`. */
export class MockExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Methods = Record<string, unknown>;

export class OfficeMockExcel {
  readonly sheets = new Map<string, MockSheet>();
  readonly tables = new Map<string, MockTable>();
  readonly syncRecords: SyncRecord[] = [];
  /** Requirement sets the host supports beyond the manifest's, as `"ExcelApiOnline 1.1"`. */
  readonly supportedSets = new Set<string>();
  /** Whether the workbook uses the 1904 date system (Excel for Mac's old default; LibreOffice can write it). */
  date1904 = false;
  activeSheet?: string;
  selected?: string;
  createdWorkbooks: string[] = [];
  private pendingRequest = 0;
  private pendingLoads: { sheet: MockSheet; area: Area }[] = [];
  private pendingResolves: (() => void)[] = [];
  private batchMocks: OfficeMockObject[] = [];
  private internal = false;
  private nextFormatId = 1;

  /** The response limit, when a test wants it lower than the request limit. */
  responseLimit?: number;

  constructor(readonly payloadLimit = EXCEL_WEB_PAYLOAD_LIMIT) {}

  get syncs(): number {
    return this.syncRecords.length;
  }

  get maxPayloadBytes(): number {
    return Math.max(0, ...this.syncRecords.map((record) => Math.max(record.requestBytes, record.responseBytes)));
  }

  resetCounts(): void {
    this.syncRecords.length = 0;
  }

  /** `Office.context.requirements.isSetSupported` for this host: ExcelApi up to 1.9 (the manifest's), plus `supportedSets`. */
  readonly supports = (name: string, version: string): boolean => {
    if (name === 'ExcelApi') return Number(version.split('.')[1]) <= 9;
    return this.supportedSets.has(`${name} ${version}`);
  };

  /** `Excel.run` against this workbook. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    // Why the cast: the mock implements only the part of the object model Samla's adapter uses.
    return batch(this.context() as unknown as Excel.RequestContext);
  };

  readonly createWorkbook = async (base64: string): Promise<void> => {
    if (base64.length > this.payloadLimit) throw new MockExcelError('RequestPayloadSizeLimitExceeded', 'The request payload exceeds the limit');
    this.createdWorkbooks.push(base64);
  };

  findSheet(name: string): MockSheet | undefined {
    return [...this.sheets.values()].find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  findTable(name: string): MockTable | undefined {
    return [...this.tables.values()].find((table) => table.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): MockSheet {
    if (this.findSheet(name)) throw new MockExcelError('ItemAlreadyExists', `A sheet named ${name} exists`);
    const sheet: MockSheet = {
      name,
      cells: new Map(),
      numberFormats: new Map(),
      fills: new Map(),
      validations: new Map(),
      columnWidths: new Map(),
      conditionalFormats: [],
      names: new Map(),
      hiddenRows: new Set(),
      visibility: 'Visible',
      frozenRows: 0,
    };
    this.sheets.set(name, sheet);
    return sheet;
  }

  sheet(name: string): MockSheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new MockExcelError('ItemNotFound', `No sheet named ${name}`);
    return sheet;
  }

  table(name: string): MockTable {
    const table = this.findTable(name);
    if (!table) throw new MockExcelError('ItemNotFound', `No table ${name}`);
    return table;
  }

  /** Writes a 2-D array at a cell, as a user typing it would. */
  write(sheetName: string, topLeft: string, values: readonly (readonly unknown[])[]): void {
    const sheet = this.sheet(sheetName);
    const start = parseArea(topLeft);
    values.forEach((row, rowIndex) => row.forEach((value, columnIndex) => this.setCell(sheet, start.row + rowIndex, start.column + columnIndex, value)));
  }

  /** Pastes cells copied from another workbook: the values arrive, and the cells' formats and dropdowns are replaced. */
  paste(sheetName: string, topLeft: string, values: readonly (readonly unknown[])[]): void {
    this.write(sheetName, topLeft, values);
    const sheet = this.sheet(sheetName);
    const start = parseArea(topLeft);
    for (const [row, column] of cellsOf({ ...start, rows: values.length, columns: values[0]?.length ?? 1 })) {
      sheet.numberFormats.set(key(row, column), 'General');
      sheet.validations.delete(key(row, column));
    }
  }

  /** Types rows into a table from its first data row on, growing it as Excel does (the Total Row moves down). */
  fillTable(tableName: string, rows: readonly (readonly unknown[])[]): void {
    const table = this.table(tableName);
    const sheet = this.sheet(table.sheet);
    const body = bodyOf(table);
    const totals = table.showTotals ? this.valuesAt(sheet.name, areaText({ ...body, row: body.row + body.rows, rows: 1 })) : undefined;
    rows.forEach((row, rowIndex) => row.forEach((value, columnIndex) => this.setCell(sheet, body.row + rowIndex, table.area.column + columnIndex, value)));
    const grown = Math.max(body.rows, rows.length);
    table.area = { ...table.area, rows: table.area.rows - body.rows + grown };
    if (totals) this.write(sheet.name, `${columnLetters(table.area.column)}${body.row + grown}`, totals);
  }

  /** Makes a table over an area whose first row is the header, as Insert → Table does. */
  addTable(sheetName: string, address: string, name: string): MockTable {
    const area = parseArea(address);
    const header = this.valuesAt(sheetName, areaText({ ...area, rows: 1 }))[0] ?? [];
    const table: MockTable = { name, sheet: this.sheet(sheetName).name, area, columnNames: header.map(String), showHeaders: true, showTotals: false };
    this.tables.set(name, table);
    return table;
  }

  /** Switches on Excel's Total Row (Table Design → Total Row) with these cells, e.g. `['Summa', …, '=SUBTOTAL(109,…)']`. */
  showTotalRow(tableName: string, totals: readonly unknown[]): void {
    const table = this.table(tableName);
    const body = bodyOf(table);
    this.write(table.sheet, `${columnLetters(table.area.column)}${body.row + body.rows}`, [totals]);
    table.area = { ...table.area, rows: table.area.rows + 1 };
    table.showTotals = true;
  }

  /** Switches off the header row (Table Design → Header Row): the row leaves the table; the column names stay. */
  hideHeaderRow(tableName: string): void {
    const table = this.table(tableName);
    const sheet = this.sheet(table.sheet);
    for (let column = table.area.column; column < table.area.column + table.area.columns; column += 1) sheet.cells.delete(key(table.area.row, column));
    table.area = { ...table.area, row: table.area.row + 1, rows: table.area.rows - 1 };
    table.showHeaders = false;
  }

  /** Types a header right of the table: Excel widens the table with a column of the user's own. */
  addUserColumn(tableName: string, header: string, values: readonly unknown[]): void {
    const table = this.table(tableName);
    const column = table.area.column + table.area.columns;
    const body = bodyOf(table);
    if (table.showHeaders) this.write(table.sheet, `${columnLetters(column)}${table.area.row}`, [[header]]);
    values.forEach((value, index) => this.write(table.sheet, `${columnLetters(column)}${body.row + index}`, [[value]]));
    table.area = { ...table.area, columns: table.area.columns + 1 };
    table.columnNames.push(header);
  }

  valuesAt(sheetName: string, address: string): unknown[][] {
    const sheet = this.sheet(sheetName);
    const area = parseArea(address);
    return Array.from({ length: area.rows }, (_, row) =>
      Array.from({ length: area.columns }, (_unused, column) => sheet.cells.get(key(area.row + row, area.column + column)) ?? ''),
    );
  }

  /** The fill Excel shows at a cell for Samla-style conditional formats: the first format by priority that covers it. */
  conditionalFillAt(sheetName: string, address: string): string | undefined {
    const { row, column } = parseArea(address);
    return this.sheet(sheetName).conditionalFormats.find((format) => format.cells.has(key(row, column)))?.fill;
  }

  private setCell(sheet: MockSheet, row: number, column: number, value: unknown): void {
    if (value === '' || value === null || value === undefined) sheet.cells.delete(key(row, column));
    else sheet.cells.set(key(row, column), value);
  }

  /**
   * Moves every cell of columns `first`..`last` from `fromRow` down by `delta` rows (up when negative; the `-delta`
   * rows from `fromRow` are then removed), with its number format, fill and dropdown: what Excel does to the cells
   * below when table rows are inserted or deleted. A table below, within those columns, moves with them.
   */
  private shiftRows(sheet: MockSheet, fromRow: number, first: number, last: number, delta: number): void {
    for (const map of [sheet.cells, sheet.numberFormats, sheet.fills, sheet.validations] as Map<string, unknown>[]) {
      const moved: [string, unknown][] = [];
      for (const [cell, value] of map) {
        const [row, column] = cell.split(',').map(Number) as [number, number];
        if (column < first || column > last || row < fromRow) continue;
        map.delete(cell);
        if (delta < 0 && row < fromRow - delta) continue;
        moved.push([key(row + delta, column), value]);
      }
      for (const [cell, value] of moved) map.set(cell, value);
    }
    for (const table of this.tables.values()) {
      if (table.sheet !== sheet.name || table.area.row < fromRow) continue;
      if (table.area.column < first || table.area.column + table.area.columns - 1 > last)
        throw new MockExcelError('InvalidOperation', 'This operation is attempting to shift cells in a table on your worksheet');
      table.area = { ...table.area, row: table.area.row + delta };
    }
  }

  /** `Range.delete(shift)` (ExcelApi 1.1): only `Up` is modelled; inside a table it must cover whole data rows. */
  private deleteArea(sheet: MockSheet, area: Area, shift: string): void {
    if (shift !== 'Up') throw new MockExcelError('InvalidArgument', `The mock models Range.delete('Up') only, not ${shift}`);
    this.pendingRequest += bytes(shift);
    const last = area.column + area.columns - 1;
    const table = [...this.tables.values()].find(
      (candidate) =>
        candidate.sheet === sheet.name &&
        candidate.area.row <= area.row + area.rows - 1 &&
        candidate.area.row + candidate.area.rows - 1 >= area.row &&
        candidate.area.column <= last &&
        candidate.area.column + candidate.area.columns - 1 >= area.column,
    );
    if (table) {
      const body = bodyOf(table);
      const whole = area.column === table.area.column && area.columns === table.area.columns;
      if (!whole || area.row < body.row || area.row + area.rows > body.row + body.rows)
        throw new MockExcelError('InvalidOperation', 'This operation is attempting to shift cells in a table on your worksheet');
      if (area.rows >= body.rows) throw new MockExcelError('InvalidOperation', 'A table keeps at least one data row');
      table.area = { ...table.area, rows: table.area.rows - area.rows };
      // The table's own cells move, so the table itself is not shifted again below.
      this.shiftTableCells(sheet, table, area.row, -area.rows);
      return;
    }
    this.shiftRows(sheet, area.row, area.column, last, -area.rows);
  }

  private shiftTableCells(sheet: MockSheet, table: MockTable, fromRow: number, delta: number): void {
    const row = table.area.row;
    table.area = { ...table.area, row: -1_000_000 };
    try {
      this.shiftRows(sheet, fromRow, table.area.column, table.area.column + table.area.columns - 1, delta);
    } finally {
      table.area = { ...table.area, row };
    }
  }

  /**
   * `TableRowCollection.add(index, values)` (ExcelApi 1.1): rows inserted at `index` of the data body (at its end when
   * `index` is undefined, null or -1), above the Total Row; the cells below, in the table's columns, move down.
   * `values` must be one array per row, as wide as the table.
   */
  private addTableRows(table: MockTable, index: number | null | undefined, values: unknown): void {
    const rows = values as unknown[][];
    if (!Array.isArray(rows) || rows.length === 0 || rows.some((row) => !Array.isArray(row) || row.length !== table.area.columns))
      throw new MockExcelError('InvalidArgument', 'The values do not match the table: one array per row, as wide as the table');
    this.pendingRequest += bytes(rows);
    const sheet = this.sheet(table.sheet);
    const body = bodyOf(table);
    const at = index === undefined || index === null || index === -1 ? body.rows : index;
    if (at < 0 || at > body.rows) throw new MockExcelError('InvalidArgument', `No row ${at} in the table`);
    const fromRow = body.row + at;
    // Each new row takes the number formats and dropdowns of the row above it, as Excel's table does.
    const above = new Map<number, [string | undefined, string | undefined]>();
    for (let column = table.area.column; column < table.area.column + table.area.columns; column += 1)
      above.set(column, [sheet.numberFormats.get(key(fromRow - 1, column)), sheet.validations.get(key(fromRow - 1, column))]);
    this.shiftTableCells(sheet, table, fromRow, rows.length);
    table.area = { ...table.area, rows: table.area.rows + rows.length };
    rows.forEach((row, offset) =>
      row.forEach((value, column) => {
        const at2 = table.area.column + column;
        this.setCell(sheet, fromRow + offset, at2, value);
        const [format, validation] = above.get(at2) ?? [];
        if (format !== undefined && at > 0) sheet.numberFormats.set(key(fromRow + offset, at2), format);
        if (validation !== undefined && at > 0) sheet.validations.set(key(fromRow + offset, at2), validation);
      }),
    );
  }

  private usedArea(sheet: MockSheet): Area | undefined {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    for (const cell of sheet.cells.keys()) {
      const [row, column] = cell.split(',').map(Number) as [number, number];
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    return bottom === 0 ? undefined : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  private context() {
    return { workbook: this.workbook(), sync: () => this.sync() };
  }

  private async sync(): Promise<void> {
    const responseBytes = this.pendingLoads.reduce((sum, load) => sum + bytes(this.valuesAt(load.sheet.name, areaText(load.area))), 0);
    const record = { requestBytes: this.pendingRequest, responseBytes };
    const mocks = this.batchMocks;
    const resolves = this.pendingResolves;
    this.pendingRequest = 0;
    this.pendingLoads = [];
    this.batchMocks = [];
    this.pendingResolves = [];
    this.syncRecords.push(record);
    if (record.requestBytes > this.payloadLimit) throw new MockExcelError('RequestPayloadSizeLimitExceeded', 'The request payload exceeds the limit');
    if (record.responseBytes > (this.responseLimit ?? this.payloadLimit))
      throw new MockExcelError('ResponsePayloadSizeLimitExceeded', 'The response payload exceeds the limit');
    for (const resolve of resolves) resolve();
    this.internal = true;
    try {
      for (const mock of mocks) await mock.sync();
    } finally {
      this.internal = false;
    }
  }

  /**
   * A client object whose methods work at once and whose properties are read only after `load()` and a sync, as in
   * Office.js: `read` gives the properties (`isNullObject` among them) at the sync.
   */
  private deferred<T extends Methods>(read: () => Methods, methods: T, loadedNow = false): T {
    let loaded: Methods | undefined = loadedNow ? read() : undefined;
    let requested = false;
    const proxy: T = new Proxy(methods, {
      get: (target, property) => {
        if (property === 'load') {
          return () => {
            if (!requested) this.pendingResolves.push(() => (loaded = read()));
            requested = true;
            return proxy;
          };
        }
        const descriptor = typeof property === 'string' ? Object.getOwnPropertyDescriptor(target, property) : undefined;
        const writeOnly = descriptor?.set !== undefined && descriptor.get === undefined;
        if (typeof property !== 'string' || (property in target && !writeOnly)) return Reflect.get(target, property);
        if (property === 'then' || property === 'toJSON') return undefined;
        if (!loaded) throw new MockExcelError('PropertyNotLoaded', `The property ${property} was read before load() and context.sync()`);
        return loaded[property];
      },
      set: (target, property, value) => Reflect.set(target, property, value),
    });
    return proxy;
  }

  /** Wraps an office-addin-mock object so that writes reach the cells; `fixed` answers without a load. */
  private watch(
    mock: OfficeMockObject,
    onSet: (property: string, value: unknown) => void,
    children: Record<string, (property: string, value: unknown) => void> = {},
    fixed: Record<string, unknown> = {},
  ): OfficeMockObject {
    this.batchMocks.push(mock);
    const proxies = new Map<string, OfficeMockObject>();
    return new Proxy(mock, {
      get: (target, property, receiver) => {
        if (typeof property === 'string' && property in fixed) return fixed[property];
        const value = Reflect.get(target, property, receiver);
        const onChildSet = typeof property === 'string' ? children[property] : undefined;
        if (onChildSet && value instanceof OfficeMockObject) {
          let child = proxies.get(property as string);
          if (!child) {
            child = this.watch(value, onChildSet);
            proxies.set(property as string, child);
          }
          return child;
        }
        return value;
      },
      set: (target, property, value, receiver) => {
        const result = Reflect.set(target, property, value, receiver);
        if (
          !this.internal &&
          typeof property === 'string' &&
          !property.startsWith('_') &&
          typeof value !== 'function' &&
          !(value instanceof OfficeMockObject)
        ) {
          onSet(property, value);
        }
        return result;
      },
    });
  }

  private conditionalFormats(sheet: MockSheet, areas: readonly Area[] | undefined) {
    const covers = (format: MockConditionalFormat) => !areas || areas.some((area) => cellsOf(area).some(([row, column]) => format.cells.has(key(row, column))));
    return this.deferred(() => ({ items: sheet.conditionalFormats.filter(covers).map((format) => this.conditionalFormat(sheet, format, true)) }), {
      add: (type: string) => {
        if (!areas) throw new MockExcelError('InvalidArgument', 'Add a conditional format to a range, not to the whole sheet');
        const format: MockConditionalFormat = {
          id: `cf${this.nextFormatId++}`,
          type,
          cells: new Set(areas.flatMap((area) => cellsOf(area).map(([row, column]) => key(row, column)))),
          formula: '',
          fill: '',
          stopIfTrue: false,
        };
        sheet.conditionalFormats.push(format);
        return this.conditionalFormat(sheet, format);
      },
    });
  }

  private conditionalFormat(sheet: MockSheet, format: MockConditionalFormat, loaded = false) {
    const rule = this.deferred(() => ({ formula: format.formula }), {
      set formula(value: string) {
        format.formula = value;
      },
    });
    return this.deferred(
      () => ({ id: format.id, type: format.type }),
      {
        custom: {
          rule,
          format: {
            fill: {
              set color(value: string) {
                format.fill = value;
              },
            },
          },
        },
        set priority(value: number) {
          const list = sheet.conditionalFormats;
          list.splice(list.indexOf(format), 1);
          list.splice(value, 0, format);
        },
        set stopIfTrue(value: boolean) {
          format.stopIfTrue = value;
        },
        delete: () => {
          const index = sheet.conditionalFormats.indexOf(format);
          if (index >= 0) sheet.conditionalFormats.splice(index, 1);
        },
      },
      loaded,
    );
  }

  private rangeMock(sheet: MockSheet, area: Area, isNullObject = false): OfficeMockObject {
    const fillCells = (color: string | undefined) => {
      for (const [row, column] of cellsOf(area)) {
        if (color === undefined) sheet.fills.delete(key(row, column));
        else sheet.fills.set(key(row, column), color);
      }
    };
    const mock = new OfficeMockObject({
      address: `${sheet.name}!${areaText(area)}`,
      rowCount: area.rows,
      columnCount: area.columns,
      values: isNullObject ? [] : this.valuesAt(sheet.name, areaText(area)),
      numberFormat: [],
      format: { columnWidth: 0, fill: { color: '', clear: () => fillCells(undefined) } },
      dataValidation: {
        rule: {},
        errorAlert: {},
        clear: () => {
          for (const [row, column] of cellsOf(area)) sheet.validations.delete(key(row, column));
        },
      },
      select: () => {
        this.selected = `${sheet.name}!${areaText(area)}`;
      },
    });
    const watched = this.watch(
      mock,
      (property, value) => {
        if (property === 'values') {
          this.pendingRequest += bytes(value);
          (value as unknown[][]).forEach((row, rowIndex) =>
            row.forEach((cell, columnIndex) => this.setCell(sheet, area.row + rowIndex, area.column + columnIndex, cell)),
          );
        }
        if (property === 'numberFormat') {
          this.pendingRequest += bytes(value);
          if (!Array.isArray(value) || value.length !== area.rows) throw new MockExcelError('InvalidArgument', 'numberFormat must match the range');
          (value as string[][]).forEach((row, rowIndex) =>
            row.forEach((format, columnIndex) => sheet.numberFormats.set(key(area.row + rowIndex, area.column + columnIndex), format)),
          );
        }
      },
      {
        format: (property, value) => {
          if (property === 'columnWidth')
            for (let column = area.column; column < area.column + area.columns; column += 1) sheet.columnWidths.set(column, value as number);
        },
        dataValidation: (property, value) => {
          if (property !== 'rule') return;
          const source = (value as { list?: { source?: string } }).list?.source ?? '';
          for (const [row, column] of cellsOf(area)) sheet.validations.set(key(row, column), source);
        },
      },
      {
        isNullObject,
        conditionalFormats: this.conditionalFormats(sheet, [area]),
        getRow: (index: number) => this.rangeMock(sheet, { ...area, row: area.row + index, rows: 1 }),
        delete: (shift: string) => this.deleteArea(sheet, area, shift),
        load: (properties: string) => {
          if (String(properties).includes('values')) this.pendingLoads.push({ sheet, area });
          this.internal = true;
          try {
            mock.load(properties);
          } finally {
            this.internal = false;
          }
          return watched;
        },
      },
    );
    this.watchFill((watched as unknown as { format: OfficeMockObject }).format, fillCells);
    return watched;
  }

  private watchFill(format: OfficeMockObject, fillCells: (color: string | undefined) => void): void {
    const fill = (format as unknown as { fill: OfficeMockObject }).fill;
    (format as unknown as { fill: OfficeMockObject }).fill = this.watch(fill, (property, value) => {
      if (property === 'color') fillCells(value as string);
    });
  }

  private names(sheet: MockSheet | undefined) {
    const nullName = () => this.deferred(() => ({ isNullObject: true }), {});
    return {
      add: (name: string, formula: string) => {
        if (!sheet) throw new MockExcelError('ItemNotFound', 'No sheet');
        if (sheet.names.has(name.toLowerCase())) throw new MockExcelError('ItemAlreadyExists', `The name ${name} exists`);
        sheet.names.set(name.toLowerCase(), { name, formula });
        this.pendingRequest += bytes(formula);
      },
      getItem: (name: string) => {
        const item = sheet?.names.get(name.toLowerCase());
        if (!sheet || !item) throw new MockExcelError('ItemNotFound', `No name ${name}`);
        return { delete: () => sheet.names.delete(name.toLowerCase()) };
      },
      getItemOrNullObject: (name: string) => {
        if (!sheet) return nullName();
        return this.deferred(() => {
          const item = sheet.names.get(name.toLowerCase());
          return item ? { isNullObject: false, name: item.name, formula: item.formula } : { isNullObject: true };
        }, {});
      },
    };
  }

  private worksheet(sheet: MockSheet) {
    const rangeOf = (address?: string) =>
      address === undefined ? { conditionalFormats: this.conditionalFormats(sheet, undefined) } : this.rangeMock(sheet, parseArea(address));
    return this.deferred(() => ({ isNullObject: false, name: sheet.name, visibility: sheet.visibility }), {
      set visibility(value: string) {
        sheet.visibility = value;
      },
      names: this.names(sheet),
      getRange: rangeOf,
      getRanges: (addresses: string) => {
        const areas = addresses.split(',').map(parseArea);
        this.pendingRequest += Buffer.byteLength(addresses);
        return { conditionalFormats: this.conditionalFormats(sheet, areas) };
      },
      getUsedRangeOrNullObject: () => {
        const used = this.usedArea(sheet);
        return used ? this.rangeMock(sheet, used) : this.rangeMock(sheet, { row: 1, column: 1, rows: 1, columns: 1 }, true);
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          const area = parseArea(address);
          const header = this.valuesAt(sheet.name, areaText({ ...area, rows: 1 }))[0] ?? [];
          const table: MockTable = {
            name: `Table${this.tables.size + 1}`,
            sheet: sheet.name,
            area,
            columnNames: header.map((text, index) => (hasHeaders && text !== '' ? String(text) : `Column${index + 1}`)),
            showHeaders: true,
            showTotals: false,
          };
          let registeredAs = table.name;
          this.tables.set(registeredAs, table);
          const tables = this.tables;
          return {
            set name(value: string) {
              tables.delete(registeredAs);
              table.name = value;
              registeredAs = value;
              tables.set(value, table);
            },
            set style(value: string) {
              table.style = value;
            },
          };
        },
      },
      freezePanes: {
        freezeRows: (rows: number) => {
          sheet.frozenRows = rows;
        },
      },
      activate: () => {
        this.activeSheet = sheet.name;
      },
    });
  }

  private nullWorksheet() {
    return this.deferred(() => ({ isNullObject: true }), {
      get names(): never {
        throw new MockExcelError('InvalidObjectPath', 'A null object has no names');
      },
    });
  }

  private tableObject(name: string) {
    const table = this.findTable(name);
    if (!table) return this.deferred(() => ({ isNullObject: true }), {});
    const sheet = this.sheet(table.sheet);
    const headerCell = (index: number) => `${columnLetters(table.area.column + index)}${table.area.row}`;
    return this.deferred(() => ({ isNullObject: false, name: table.name, showHeaders: table.showHeaders, showTotals: table.showTotals }), {
      worksheet: this.worksheet(sheet),
      columns: this.deferred(() => ({ items: table.columnNames.map((columnName) => ({ name: columnName })) }), {
        getItemAt: (index: number) => {
          const rename = (value: string) => {
            table.columnNames[index] = value;
            if (table.showHeaders) this.write(sheet.name, headerCell(index), [[value]]);
          };
          return {
            set name(value: string) {
              rename(value);
            },
          };
        },
        add: (_index: number | undefined, _values: unknown, columnName: string) => {
          table.area = { ...table.area, columns: table.area.columns + 1 };
          table.columnNames.push(columnName);
          if (table.showHeaders) this.write(sheet.name, headerCell(table.columnNames.length - 1), [[columnName]]);
        },
      }),
      rows: { add: (index: number | null | undefined, values: unknown) => this.addTableRows(table, index, values) },
      getRange: () => this.rangeMock(sheet, table.area),
      getHeaderRowRange: () => this.rangeMock(sheet, { ...table.area, rows: 1 }),
      getDataBodyRange: () => this.rangeMock(sheet, bodyOf(table)),
      getTotalRowRange: () => this.rangeMock(sheet, { ...table.area, row: table.area.row + table.area.rows - 1, rows: 1 }),
    });
  }

  private workbook() {
    const tables = this.tables;
    const sheets = this.sheets;
    const use1904 = () => this.date1904;
    const supportsProperty = () => this.supports('ExcelApiOnline', '1.1');
    let askedDateSystem = false;
    const workbook = {
      load: (properties: string) => {
        if (properties.includes('use1904DateSystem') && !supportsProperty())
          throw new MockExcelError('ApiNotFound', 'use1904DateSystem is not in this host (ExcelApiOnline 1.1 and preview only)');
        askedDateSystem = true;
        return workbook;
      },
      get use1904DateSystem(): boolean {
        if (!askedDateSystem) throw new MockExcelError('PropertyNotLoaded', 'use1904DateSystem was read before load()');
        return use1904();
      },
      functions: {
        date: (year: number, month: number, day: number) => {
          const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          return this.deferred(() => ({ value: serialFromIsoDate(iso) - (use1904() ? 1462 : 0) }), {});
        },
      },
      tables: {
        get items() {
          return [...tables.values()].map((table) => ({ name: table.name }));
        },
        load() {
          return this;
        },
        getItem: (name: string) => {
          this.table(name);
          return this.tableObject(name);
        },
        getItemOrNullObject: (name: string) => this.tableObject(name),
      },
      worksheets: {
        get items() {
          return [...sheets.values()].map((sheet) => ({ name: sheet.name }));
        },
        load() {
          return this;
        },
        getItem: (name: string) => this.worksheet(this.sheet(name)),
        getItemOrNullObject: (name: string) => {
          const sheet = this.findSheet(name);
          return sheet ? this.worksheet(sheet) : this.nullWorksheet();
        },
        add: (name: string) => this.worksheet(this.addSheet(name)),
      },
    };
    return workbook;
  }
}
