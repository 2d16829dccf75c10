/// <reference types="office-js" />
/**
 * A workbook for the Excel adapter to talk to outside Excel: ranges are office-addin-mock objects (so a value
 * read before `context.sync()` is an error, as in Excel), backed by cell data here. It counts every
 * `context.sync()` and measures each batch's payload as Excel on the web would (JSON of the values sent and
 * received), refusing one over the 5 MB limit the way Excel does.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { columnLetters, parseCellAddress } from '@samla/shared';

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
  area: Area;
  style?: string;
}

export interface MockSheet {
  readonly name: string;
  readonly cells: Map<string, unknown>;
  readonly numberFormats: Map<string, string>;
  readonly fills: Map<string, string>;
  readonly validations: Map<string, string>;
  readonly columnWidths: Map<number, number>;
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

/** An Excel error as Office.js raises it: an Error with a `code`. */
class MockExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class OfficeMockExcel {
  readonly sheets = new Map<string, MockSheet>();
  readonly tables = new Map<string, MockTable>();
  readonly syncRecords: SyncRecord[] = [];
  activeSheet?: string;
  selected?: string;
  createdWorkbooks: string[] = [];
  private pendingRequest = 0;
  private pendingLoads: { sheet: MockSheet; area: Area }[] = [];
  private batchMocks: OfficeMockObject[] = [];
  private internal = false;

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

  /** `Excel.run` against this workbook. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    // Why the cast: the mock implements only the part of the object model Samla's adapter uses.
    return batch(this.context() as unknown as Excel.RequestContext);
  };

  readonly createWorkbook = async (base64: string): Promise<void> => {
    this.createdWorkbooks.push(base64);
  };

  addSheet(name: string): MockSheet {
    if (this.sheets.has(name)) throw new MockExcelError('ItemAlreadyExists', `A sheet named ${name} exists`);
    const sheet: MockSheet = {
      name,
      cells: new Map(),
      numberFormats: new Map(),
      fills: new Map(),
      validations: new Map(),
      columnWidths: new Map(),
      visibility: 'Visible',
      frozenRows: 0,
    };
    this.sheets.set(name, sheet);
    return sheet;
  }

  sheet(name: string): MockSheet {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new MockExcelError('ItemNotFound', `No sheet named ${name}`);
    return sheet;
  }

  /** Writes a 2-D array at a cell, as a user pasting it would. */
  write(sheetName: string, topLeft: string, values: readonly (readonly unknown[])[]): void {
    const sheet = this.sheet(sheetName);
    const start = parseArea(topLeft);
    values.forEach((row, rowIndex) => row.forEach((value, columnIndex) => this.setCell(sheet, start.row + rowIndex, start.column + columnIndex, value)));
  }

  /** Types rows into a table from its first data row on, growing it as Excel does. */
  fillTable(tableName: string, rows: readonly (readonly unknown[])[]): void {
    const table = this.tables.get(tableName);
    if (!table) throw new Error(`No table ${tableName}`);
    const sheet = this.sheet(table.sheet);
    const top = table.area.row + 1;
    rows.forEach((row, rowIndex) => row.forEach((value, columnIndex) => this.setCell(sheet, top + rowIndex, table.area.column + columnIndex, value)));
    table.area = { ...table.area, rows: Math.max(table.area.rows, rows.length + 1) };
  }

  valuesAt(sheetName: string, address: string): unknown[][] {
    const sheet = this.sheet(sheetName);
    const area = parseArea(address);
    return Array.from({ length: area.rows }, (_, row) =>
      Array.from({ length: area.columns }, (_unused, column) => sheet.cells.get(key(area.row + row, area.column + column)) ?? ''),
    );
  }

  private setCell(sheet: MockSheet, row: number, column: number, value: unknown): void {
    if (value === '' || value === null || value === undefined) sheet.cells.delete(key(row, column));
    else sheet.cells.set(key(row, column), value);
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
    this.pendingRequest = 0;
    this.pendingLoads = [];
    this.batchMocks = [];
    this.syncRecords.push(record);
    if (record.requestBytes > this.payloadLimit) throw new MockExcelError('RequestPayloadSizeLimitExceeded', 'The request payload exceeds the limit');
    if (record.responseBytes > this.payloadLimit) throw new MockExcelError('ResponsePayloadSizeLimitExceeded', 'The response payload exceeds the limit');
    this.internal = true;
    try {
      for (const mock of mocks) await mock.sync();
    } finally {
      this.internal = false;
    }
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
      dataValidation: { rule: {}, errorAlert: {}, clear: () => sheet.validations.delete(areaText(area)) },
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
          if (property === 'rule') sheet.validations.set(areaText(area), (value as { list?: { source?: string } }).list?.source ?? '');
        },
      },
      {
        isNullObject,
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

  private worksheet(sheet: MockSheet) {
    return {
      name: sheet.name,
      set visibility(value: string) {
        sheet.visibility = value;
      },
      getRange: (address: string) => this.rangeMock(sheet, parseArea(address)),
      getRanges: (addresses: string) => {
        const areas = addresses.split(',').map(parseArea);
        this.pendingRequest += Buffer.byteLength(addresses);
        const fillCells = (color: string | undefined) => {
          for (const area of areas) {
            for (const [row, column] of cellsOf(area)) {
              if (color === undefined) sheet.fills.delete(key(row, column));
              else sheet.fills.set(key(row, column), color);
            }
          }
        };
        const areasMock = new OfficeMockObject({ format: { fill: { color: '' } } });
        this.batchMocks.push(areasMock);
        this.watchFill((areasMock as unknown as { format: OfficeMockObject }).format, fillCells);
        return areasMock;
      },
      getUsedRangeOrNullObject: () => {
        const used = this.usedArea(sheet);
        return used ? this.rangeMock(sheet, used) : this.rangeMock(sheet, { row: 1, column: 1, rows: 1, columns: 1 }, true);
      },
      tables: {
        add: (address: string) => {
          const table: MockTable = { name: `Table${this.tables.size + 1}`, sheet: sheet.name, area: parseArea(address) };
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
    };
  }

  private workbook() {
    const tables = this.tables;
    const sheets = this.sheets;
    return {
      tables: {
        get items() {
          return [...tables.values()].map((table) => ({ name: table.name }));
        },
        load() {
          return this;
        },
        getItem: (name: string) => {
          const table = this.tables.get(name);
          if (!table) throw new MockExcelError('ItemNotFound', `No table ${name}`);
          const sheet = this.sheet(table.sheet);
          return {
            getRange: () => this.rangeMock(sheet, table.area),
            getDataBodyRange: () => this.rangeMock(sheet, { ...table.area, row: table.area.row + 1, rows: table.area.rows - 1 }),
          };
        },
      },
      worksheets: {
        get items() {
          return [...sheets.values()].map((sheet) => ({ name: sheet.name }));
        },
        load() {
          return this;
        },
        getItem: (name: string) => this.worksheet(this.sheet(name)),
        add: (name: string) => this.worksheet(this.addSheet(name)),
      },
    };
  }
}
