import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { Writable } from 'stream';
import {
  BOARD_CODES,
  finalReport,
  financialReport,
  isFormulaCell,
  isTypedCell,
  LUJ_INITIATIVE,
  listKeys,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  EXPENSE_CATEGORIES,
  FUNDING_SOURCES,
  STRANDS,
  TARGET_GROUPS,
  type ActivityRow,
  type BoardCode,
  type ExpenseRow,
  type NationReportInput,
  type ReportModel,
  type ReportNationYear,
} from '@samla/shared';
import { TableSubmissionStore } from '../functions/src/storage/table-submission-store';
import { openTables } from '../functions/src/storage/table-clients';
import { readStorageSettings } from '../functions/src/storage/storage-settings';
import { FormulaWriter } from '../functions/src/workbooks/report-formula';
import { writeReportWorkbook } from '../functions/src/workbooks/report-workbook';
import { startAzurite } from '../tests/support/azurite';
import { BENCH_STORAGE_DEADLINE_MS, inFlight, median, seededRandom, type Benchmark } from './bench-harness';

const YEARS = [2013, 2014];
const ROUNDS = 3;
const ACTIVITIES_PER_BOARD = 2_500;
const EXPENSES_PER_BOARD = 5_000;
const SEEDING_BOARDS_IN_FLIGHT = 3;

function nationYear(year: number, random: () => number): ReportNationYear {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const day = (): string => `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const version = (board: BoardCode, template: 'activities' | 'expenses', rows: number) => ({
    board,
    year,
    template,
    version: 1,
    submittedAt: `${year + 1}-01-20T10:00:00Z`,
    submittedBy: `Handläggare ${board}`,
    rowCount: rows,
    warningCount: 0,
  });
  const activities = BOARD_CODES.map((board) => {
    const rows: ActivityRow[] = Array.from({ length: ACTIVITIES_PER_BOARD }, (_, index) => {
      const date = day();
      return {
        activityId: `A-${index}`,
        strand: pick(listKeys(STRANDS)),
        activityType: pick(listKeys(ACTIVITY_TYPES)),
        title: `Aktivitet ${index} i ${board}`,
        startDate: date,
        endDate: date,
        targetGroup: pick(listKeys(TARGET_GROUPS)),
        participantsWomen: Math.floor(random() * 30),
        participantsMen: Math.floor(random() * 30),
        participantsUnspecified: Math.floor(random() * 3),
        hours: Math.floor(random() * 40),
        partners: 'SKL; Länsstyrelsen',
        learningExample: random() < 0.1,
        ...(random() < 0.1 ? { publishedUrl: 'https://www.jamstall.nu/exempel' } : {}),
        status: pick(listKeys(ACTIVITY_STATUSES)),
        result: 'Ökad kunskap om jämställdhetsintegrering',
        effect: 'Bättre beslut',
      };
    });
    return { version: version(board, 'activities', rows.length), rows };
  });
  const expenses = BOARD_CODES.map((board) => {
    const rows: ExpenseRow[] = Array.from({ length: EXPENSES_PER_BOARD }, (_, index) => ({
      expenseId: `K-${index}`,
      date: day(),
      category: pick(listKeys(EXPENSE_CATEGORIES)),
      activityId: `A-${index % ACTIVITIES_PER_BOARD}`,
      description: `Kostnad ${index}`,
      supplier: 'Leverantör AB',
      amount: Math.round(random() * 2_000_000) / 100,
      voucher: `V-${year}-${index}`,
      funding: pick(listKeys(FUNDING_SOURCES)),
    }));
    return { version: version(board, 'expenses', rows.length), rows };
  });
  return { year, activities, expenses };
}

export function reportNation(): NationReportInput {
  const random = seededRandom(2015);
  return { settings: LUJ_INITIATIVE, generatedAt: '2015-02-20T12:00:00Z', years: YEARS.map((year) => nationYear(year, random)), funds: [] };
}

/** A sink that counts bytes: the workbook's size without holding it. */
function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

function finished(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
}

/** The reference: ExcelJS streaming the very same cell values, without formats, widths, frozen panes or text protection. */
async function writePlain(model: ReportModel, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const formulas = new FormulaWriter(model.sheets);
  for (const sheet of model.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.addRow(sheet.columns.map((column) => column.label)).commit();
    const dates = sheet.columns.map((column) => column.kind === 'date' || column.kind === 'dateTime');
    for (const cells of sheet.rows()) {
      worksheet
        .addRow(
          cells.map((cell, index) => {
            if (isFormulaCell(cell)) return { formula: formulas.write(sheet.name, cell.formula), result: cell.value };
            const value = isTypedCell(cell) ? cell.value : cell;
            return dates[index] && typeof value === 'string' ? new Date(`${value.slice(0, 19)}Z`) : value;
          }),
        )
        .commit();
    }
    worksheet.commit();
  }
  await workbook.commit();
}

async function timed(body: () => Promise<void>): Promise<{ seconds: number; peakMB: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = process.hrtime.bigint();
  await body();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  return { seconds, peakMB: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) };
}

/** Reading the same nation back from a real Azurite, through the submission store. */
async function readSeconds(input: NationReportInput): Promise<number> {
  const azurite = await startAzurite();
  try {
    const tables = await openTables(
      readStorageSettings({
        SAMLA_STORAGE_CONNECTION_STRING: azurite.connectionString,
        SAMLA_TABLE_PREFIX: 'Bench',
        SAMLA_STORAGE_DEADLINE_MS: BENCH_STORAGE_DEADLINE_MS,
      }),
    );
    const store = new TableSubmissionStore(tables);
    for (const year of input.years) {
      for (const template of ['activities', 'expenses'] as const) {
        // A few boards at a time: seeding is not measured, and 21 × 8 transactions in flight at once can keep one
        // waiting in Azurite's queue past even the benchmarks' deadline on a loaded machine.
        const boards: readonly { version: ReportNationYear['activities'][number]['version']; rows: readonly unknown[] }[] = year[template];
        await inFlight(boards, SEEDING_BOARDS_IN_FLIGHT, ({ version, rows }) =>
          store.submit({
            board: version.board,
            year: year.year,
            template,
            rows: rows as never,
            submittedBy: version.submittedBy,
            warningCount: 0,
            submittedAt: version.submittedAt,
          }),
        );
      }
    }
    const start = process.hrtime.bigint();
    const read = await Promise.all(YEARS.map((year) => store.nation(year)));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const rows = read.reduce((total, year) => total + [...year.activities, ...year.expenses].reduce((sum, board) => sum + board.rows.length, 0), 0);
    if (rows !== countRows(input)) throw new Error(`read ${rows} rows back, expected ${countRows(input)}`);
    return seconds;
  } finally {
    await azurite.stop();
  }
}

function countRows(input: NationReportInput): number {
  return input.years.reduce((total, year) => total + [...year.activities, ...year.expenses].reduce((sum, board) => sum + board.rows.length, 0), 0);
}

const PEAK_FLAG = '--report-peak';
type Writer = 'samla' | 'plain';

/** Writes both reports once with one writer: Samla's (the model built from the rows included) or plain ExcelJS. */
async function writeBoth(input: NationReportInput, writer: Writer): Promise<number> {
  let bytes = 0;
  for (const build of [finalReport, financialReport]) {
    const sink = countingSink();
    const done = finished(sink);
    if (writer === 'samla') await writeReportWorkbook(build(input), sink);
    else await writePlain(build(input), sink);
    await done;
    bytes += sink.bytes;
  }
  return bytes;
}

/** Peak memory of one writer in a process of its own: memory a process once held is never given back, so only a fresh one tells. */
function peakInFreshProcess(writer: Writer): number {
  const output = execFileSync(process.execPath, [__filename, PEAK_FLAG, writer], { encoding: 'utf8' });
  return Number(output.trim().split('\n').pop());
}

if (process.argv[2] === PEAK_FLAG) {
  const input = reportNation();
  void timed(() => writeBoth(input, process.argv[3] === 'plain' ? 'plain' : 'samla').then(() => undefined)).then(({ peakMB }) => {
    console.log(peakMB);
    process.exit(0);
  });
}

export const reportBenchmark: Benchmark = {
  name: 'report',
  async run() {
    const input = reportNation();
    const nationMB = Math.round(process.memoryUsage().rss / 1024 / 1024);
    let bytes = 0;
    const runs: Record<Writer, number[]> = { samla: [], plain: [] };
    const run = async (writer: Writer) => {
      const { seconds } = await timed(async () => {
        const written = await writeBoth(input, writer);
        if (writer === 'samla') bytes = written;
      });
      runs[writer].push(seconds);
    };
    // Three rounds, the order alternating, so that a busy moment of the machine falls on both alike.
    for (let round = 0; round < ROUNDS; round += 1) {
      const order: Writer[] = round % 2 === 0 ? ['samla', 'plain'] : ['plain', 'samla'];
      for (const writer of order) await run(writer);
    }
    const seconds = median(runs.samla);
    const plainSeconds = median(runs.plain);
    const models = [finalReport(input), financialReport(input)];
    const cellRows = models.reduce((total, model) => total + model.sheets.reduce((sum, sheet) => sum + sheet.rowCount, 0), 0);
    const result = {
      bench: 'report',
      rows: countRows(input),
      rounds: ROUNDS,
      workbookRows: cellRows,
      megabytes: Math.round(bytes / 1024 / 102.4) / 10,
      seconds: Math.round(seconds * 100) / 100,
      plainSeconds: Math.round(plainSeconds * 100) / 100,
      ratio: Math.round((seconds / plainSeconds) * 100) / 100,
      peakMB: peakInFreshProcess('samla'),
      plainPeakMB: peakInFreshProcess('plain'),
      nationMB,
      goalRatio: 1.2,
      goalPeakMB: 300,
    };
    if (process.env.SAMLA_BENCH_SKIP_READ === '1') return result;
    return { ...result, readSeconds: Math.round((await readSeconds(input)) * 100) / 100 };
  },
};
