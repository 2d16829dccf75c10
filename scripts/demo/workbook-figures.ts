import ExcelJS from 'exceljs';
import {
  finalReport,
  financialReport,
  FLAGS,
  LUJ_INITIATIVE,
  SHEET_NAMES,
  statusReport,
  type InitiativeSettings,
  type ReportModel,
  type Year,
} from '@samla/shared';
import type { YearTotals } from './nation-generator';

/** One year as the consolidated workbooks state it, read back from the files, with their two judgements. */
export interface ReportedYear extends YearTotals {
  readonly assessment: string;
  readonly requisitionTiming: string;
}

/** The status report's Inlämningar sheet: how many submissions it marks in time and late. */
export interface ReportedTiming {
  readonly due: string;
  readonly inTime: number;
  readonly late: number;
}

type Row = Record<string, unknown>;

/** A sheet's rows keyed by the report model's column keys: the labels come from the same model the server uses. */
function sheetRows(workbook: ExcelJS.Workbook, model: ReportModel, sheetName: string): Row[] {
  const definition = model.sheets.find((sheet) => sheet.name === sheetName);
  const worksheet = workbook.getWorksheet(sheetName);
  if (!definition || !worksheet) throw new Error(`the workbook has no sheet ${sheetName}`);
  const keyByColumn = new Map<number, string>();
  worksheet.getRow(1).eachCell((cell, column) => {
    const key = definition.columns.find((candidate) => candidate.label === cell.text)?.key;
    if (key) keyByColumn.set(column, key);
  });
  const rows: Row[] = [];
  worksheet.eachRow((row, number) => {
    if (number === 1) return;
    const values: Row = {};
    row.eachCell((cell, column) => {
      const key = keyByColumn.get(column);
      if (key) values[key] = plain(cell.value);
    });
    rows.push(values);
  });
  return rows;
}

/** A cell's value as the workbook stores it: a formula's stored result, a date as ISO. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object' && 'formula' in value) return value.result === undefined ? undefined : plain(value.result as ExcelJS.CellValue);
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  return value;
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its load() argument as the DOM's Buffer, not Node's.
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/**
 * A number cell. ExcelJS's reader drops a formula's stored result when it is 0 (the file holds `<v>0</v>`, and
 * Samla's writer always stores the result), so a total without a result read back is 0.
 */
const amount = (value: unknown): number => (value === undefined ? 0 : Number(value));

const rowsOfYear = (rows: readonly Row[], year: Year): number => rows.filter((row) => row.year === year).length;

/** Every figure the demo's summary gives, as the final and financial workbooks state them. */
export async function reportedYears(finalBuffer: Buffer, financialBuffer: Buffer, settings: InitiativeSettings = LUJ_INITIATIVE): Promise<ReportedYear[]> {
  const empty = { settings, generatedAt: settings.startDate, years: [] };
  const [finalBook, financialBook] = await Promise.all([load(finalBuffer), load(financialBuffer)]);
  const finalModel = finalReport(empty);
  const activities = sheetRows(finalBook, finalModel, SHEET_NAMES.activities);
  const expenses = sheetRows(finalBook, finalModel, SHEET_NAMES.expenses);
  const settlement = sheetRows(financialBook, financialReport(empty), SHEET_NAMES.settlement);
  return settlement.map((row) => {
    const year = Number(row.year);
    return {
      year,
      activityRows: rowsOfYear(activities, year),
      expenseRows: rowsOfYear(expenses, year),
      ceiling: amount(row.ceiling),
      grantCosts: amount(row.grant),
      assessment: String(row.assessment),
      requisitioned: amount(row.requisitioned),
      requisitionTiming: String(row.requisitionTiming),
      repaid: amount(row.repaid),
      toRepay: amount(row.toRepay),
      repaymentDeadline: String(row.repaymentDeadline),
    };
  });
}

/** How the status report judges the submissions' timing against its due day. */
export async function reportedTiming(statusBuffer: Buffer, settings: InitiativeSettings = LUJ_INITIATIVE): Promise<ReportedTiming> {
  const empty = { settings, generatedAt: settings.startDate, years: [] };
  const rows = sheetRows(await load(statusBuffer), statusReport(empty), SHEET_NAMES.submissions);
  const flags = rows
    .flatMap((row) => [row['activities:timing'], row['expenses:timing']])
    .filter((flag): flag is string => typeof flag === 'string' && flag !== '');
  return {
    due: settings.statusReport.due,
    inTime: flags.filter((flag) => flag === FLAGS.inTime).length,
    late: flags.filter((flag) => flag.startsWith(FLAGS.late)).length,
  };
}
