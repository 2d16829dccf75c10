import { TEMPLATE_KEYS, columnLetters, isEmptyCell, parseCellAddress, templateDefinition, type TemplateKey } from '@samla/shared';
import Papa from 'papaparse';
import { cellText, rowsUnderHeaders, type StoredRow } from '../taskpane/excel/row-cells';
import { templateLayout, type ColumnLayout } from '../taskpane/excel/template-layout';
import type { CellMark, OpenedReport, TableSnapshot, TemplatesResult, WorkbookPort, WrittenRows } from '../taskpane/excel/workbook-port';

/** One sheet of the in-browser workbook: text cells, header row first, laid out from A1. */
export interface PreviewSheet {
  readonly name: string;
  readonly template: TemplateKey;
  readonly columns: readonly ColumnLayout[];
  readonly cells: readonly (readonly string[])[];
}

/** One row's marks: 1-based column → severity. */
export type RowMarks = ReadonlyMap<number, CellMark['severity']>;

export interface PreviewState {
  readonly sheets: readonly PreviewSheet[];
  readonly activeSheet?: string;
  /** Sheet → 1-based row → that row's marks: a row without marks has none, so only marked rows are drawn again. */
  readonly rowMarks: ReadonlyMap<string, ReadonlyMap<number, RowMarks>>;
  readonly selection?: { readonly sheet: string; readonly address: string; readonly serial: number };
}

/** Empty rows a new template starts with in the preview, as Excel's table starts with one. */
const NEW_TEMPLATE_ROWS = 8;

/** A file the preview hands to the user instead of opening a workbook. */
export type DownloadFile = (bytes: Uint8Array, fileName: string) => void;

function browserDownload(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes.slice().buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The browser preview's workbook: the two template sheets as an editable grid, behind the same port as Excel. */
export class PreviewWorkbook implements WorkbookPort {
  private state: PreviewState = { sheets: [], rowMarks: new Map() };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly download: DownloadFile = browserDownload) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): PreviewState => this.state;

  private update(change: Partial<PreviewState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  private replaceSheet(name: string, change: (sheet: PreviewSheet) => PreviewSheet): void {
    this.update({ sheets: this.state.sheets.map((sheet) => (sheet.name === name ? change(sheet) : sheet)) });
  }

  /** Writes one cell's text; `row` and `column` are 1-based, as in Excel. */
  setCell(sheetName: string, row: number, column: number, text: string): void {
    this.replaceSheet(sheetName, (sheet) => ({
      ...sheet,
      cells: sheet.cells.map((cells, index) => (index === row - 1 ? cells.map((cell, at) => (at === column - 1 ? text : cell)) : cells)),
    }));
  }

  /**
   * Pastes rows of text (as copied from Excel) with their first cell at `row`, `column` (1-based), in one change:
   * rows are added below as needed, cells beyond the last column and the header row are left alone.
   */
  pasteCells(sheetName: string, row: number, column: number, rows: readonly (readonly string[])[]): void {
    this.replaceSheet(sheetName, (sheet) => {
      const cells = [...sheet.cells];
      rows.forEach((values, offset) => {
        const index = row - 1 + offset;
        if (index < 1) return;
        while (cells.length <= index) cells.push(sheet.columns.map(() => ''));
        const next = [...(cells[index] ?? [])];
        values.forEach((text, at) => {
          if (column - 1 + at < next.length) next[column - 1 + at] = text;
        });
        cells[index] = next;
      });
      return { ...sheet, cells };
    });
  }

  addRows(sheetName: string, count = 1): void {
    this.replaceSheet(sheetName, (sheet) => ({ ...sheet, cells: [...sheet.cells, ...Array.from({ length: count }, () => sheet.columns.map(() => ''))] }));
  }

  activate(sheetName: string): void {
    this.update({ activeSheet: sheetName });
  }

  async ensureTemplates(): Promise<TemplatesResult> {
    const created: TemplateKey[] = [];
    const found: TemplateKey[] = [];
    const sheets = [...this.state.sheets];
    for (const template of TEMPLATE_KEYS) {
      const { sheetName } = templateDefinition(template);
      if (sheets.some((sheet) => sheet.name === sheetName)) {
        found.push(template);
        continue;
      }
      const columns = templateLayout(template);
      const empty = Array.from({ length: NEW_TEMPLATE_ROWS }, () => columns.map(() => ''));
      sheets.push({ name: sheetName, template, columns, cells: [columns.map((column) => column.header), ...empty] });
      created.push(template);
    }
    this.update({ sheets, activeSheet: this.state.activeSheet ?? sheets[0]?.name });
    return { created, found };
  }

  async readTemplates(): Promise<TableSnapshot[]> {
    return this.state.sheets.map((sheet) => ({
      template: sheet.template,
      sheet: sheet.name,
      origin: { row: 1, column: 1 },
      values: sheet.cells.map((cells) => [...cells]),
    }));
  }

  async markCells(marks: readonly CellMark[]): Promise<void> {
    const next = new Map<string, Map<number, Map<number, CellMark['severity']>>>();
    for (const mark of marks) {
      const position = parseCellAddress(mark.address)?.position;
      if (!position) continue;
      const sheet = next.get(mark.sheet) ?? new Map<number, Map<number, CellMark['severity']>>();
      const row = sheet.get(position.row) ?? new Map<number, CellMark['severity']>();
      if (row.get(position.column) !== 'error') row.set(position.column, mark.severity);
      sheet.set(position.row, row);
      next.set(mark.sheet, sheet);
    }
    this.update({ rowMarks: next });
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.update({ activeSheet: sheet, selection: { sheet, address, serial: (this.state.selection?.serial ?? 0) + 1 } });
  }

  async clearMarks(): Promise<void> {
    this.update({ rowMarks: new Map() });
  }

  /**
   * Replaces the template sheet's data rows with stored rows, as text a person would type (ISO dates, Swedish
   * labels, decimal commas), under the sheet's own header row; the marks on that sheet are removed.
   */
  async writeRows(template: TemplateKey, rows: readonly StoredRow[]): Promise<WrittenRows> {
    const sheet = this.state.sheets.find((candidate) => candidate.template === template);
    if (!sheet) throw new Error(`Arbetsboken saknar bladet ${templateDefinition(template).sheetName}. Välj Skapa mallar och försök igen.`);
    const [header = [], ...body] = sheet.cells;
    const replaced = body.filter((cells) => cells.some((cell) => !isEmptyCell(cell))).length;
    const written = rowsUnderHeaders(template, header, rows, cellText, '');
    const cells = [header, ...written, ...Array.from({ length: Math.max(1, NEW_TEMPLATE_ROWS - written.length) }, () => header.map(() => ''))];
    const rowMarks = new Map(this.state.rowMarks);
    rowMarks.delete(sheet.name);
    this.state = { ...this.state, rowMarks };
    this.replaceSheet(sheet.name, (current) => ({ ...current, cells }));
    return { template, sheet: sheet.name, replaced, written: rows.length };
  }

  /** The preview has no Excel to open a workbook in: every report is downloaded at once. */
  async openWorkbook(base64: string, fileName: string): Promise<OpenedReport> {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
    this.download(bytes, fileName);
    return 'opened';
  }
}

/** A cell's A1 address within its sheet. */
export function cellName(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/**
 * Rows of cells from the clipboard as Excel puts them there: tab-separated, one line per row, a cell holding a tab,
 * a line break or a quote in double quotes (read with Papa Parse); the final line break ends the last row.
 */
export function parseClipboardRows(text: string): string[][] {
  const trimmed = text.replace(/\r?\n$/, '');
  if (trimmed === '') return [['']];
  const parsed = Papa.parse<string[]>(trimmed, { delimiter: '\t', newline: text.includes('\r\n') ? '\r\n' : '\n', quoteChar: '"' });
  return parsed.data;
}
