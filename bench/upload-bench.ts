import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, isTemplateKey, LUJ_INITIATIVE, validateSheet, YES_NO, type AnyTemplate, type BoardCode } from '@samla/shared';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ROUTES } from '../functions/src/routes';
import { getServices, resetServices } from '../functions/src/services';
import { buildTemplateWorkbook } from '../functions/src/workbooks/template-workbook';
import { rowBatches, rowEntities } from '../functions/src/storage/row-entities';
import { readStorageSettings } from '../functions/src/storage/storage-settings';
import { tableClients, type SamlaTables } from '../functions/src/storage/table-clients';
import { openUploadedWorkbook, readUploadedWorkbook, type UploadedSheet } from '../functions/src/workbooks/upload-reader';
import { judgeStreamedSheets } from '../functions/src/submissions/file-intake';
import { startAzurite } from '../tests/support/azurite';
import { BENCH_STORAGE_DEADLINE_MS, inFlight, median, seededRandom, type Benchmark } from './bench-harness';
import { DEFAULT_BATCHES_IN_FLIGHT, TableSubmissionStore } from '../functions/src/storage/table-submission-store';
import type { StreamContext } from '../functions/src/submissions/file-intake';

const YEAR = 2013;
/** The file's data rows, split evenly between the activities and the expenses sheet. */
const ROWS = 10_000;
/** The larger file the memory is compared with (memory must stay flat in the file's row count). */
const LARGE_ROWS = 40_000;
const ROUNDS = 3;
/** Each round submits for a board of its own, so that every round stores a new version. */
const BOARDS: readonly BoardCode[] = ['AB', 'C', 'D', 'E', 'F', 'G', 'H'];
const PEAK_FLAG = '--upload-peak';

function labelOf(template: AnyTemplate, key: string, pick: <T>(items: readonly T[]) => T): string {
  const column = template.columns.find((candidate) => candidate.key === key);
  if (column?.type !== 'list') throw new Error(`${key} is no list column`);
  return pick(column.list.options).label.sv;
}

/**
 * The standard template from GET /api/templates (both sheets), filled as staff fill it: every row typed into the
 * table, dates as dates, lists as their Swedish labels, every row right (so that the file is stored).
 */
export async function filledTemplate(rows: number, board: BoardCode = 'AB', links = false): Promise<Buffer> {
  const random = seededRandom(rows);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's declared Buffer predates Node's generic one.
  await workbook.xlsx.load((await buildTemplateWorkbook({ template: 'both', board, year: YEAR })) as unknown as ExcelJS.Buffer);
  const activities = workbook.getWorksheet(ACTIVITIES_TEMPLATE.sheetName);
  const expenses = workbook.getWorksheet(EXPENSES_TEMPLATE.sheetName);
  if (!activities || !expenses) throw new Error('the template lacks a sheet');
  const half = rows / 2;
  const day = (offset: number) => new Date(Date.UTC(YEAR, 0, 1 + (offset % 300)));
  const byKey = (template: AnyTemplate, values: Record<string, ExcelJS.CellValue>) => template.columns.map((column) => values[column.key] ?? null);
  for (let index = 0; index < half; index += 1) {
    activities.getRow(index + 2).values = byKey(ACTIVITIES_TEMPLATE, {
      activityId: `A-${index + 1}`,
      strand: labelOf(ACTIVITIES_TEMPLATE, 'strand', pick),
      activityType: labelOf(ACTIVITIES_TEMPLATE, 'activityType', pick),
      title: `Utbildning ${index + 1}`,
      startDate: day(index),
      endDate: day(index),
      targetGroup: labelOf(ACTIVITIES_TEMPLATE, 'targetGroup', pick),
      participantsWomen: Math.floor(random() * 30),
      participantsMen: Math.floor(random() * 30),
      participantsUnspecified: 0,
      hours: 8,
      learningExample: YES_NO.no.sv,
      status: labelOf(ACTIVITIES_TEMPLATE, 'status', pick),
      result: 'Ökad kunskap om jämställdhetsintegrering',
      // With `links`: a URL typed into every activity (Excel links each to itself).
      ...(links
        ? { publishedUrl: { text: `https://www.jamstall.nu/aktivitet/${index + 1}`, hyperlink: `https://www.jamstall.nu/aktivitet/${index + 1}` } }
        : {}),
    });
    expenses.getRow(index + 2).values = byKey(EXPENSES_TEMPLATE, {
      expenseId: `K-${index + 1}`,
      date: day(index),
      category: labelOf(EXPENSES_TEMPLATE, 'category', pick),
      activityId: `A-${index + 1}`,
      description: `Föreläsare ${index + 1}`,
      amount: Math.round(random() * 1_000_000) / 100,
      // With `links`: every voucher linked (Ctrl+K) to the finance system's page for it.
      voucher: links ? { text: `V${index + 1}`, hyperlink: `https://ekonomi.example.se/verifikat/V${index + 1}` } : `V${index + 1}`,
      funding: labelOf(EXPENSES_TEMPLATE, 'funding', pick),
    });
  }
  // The tables grow over the rows typed into them, as Excel grows them.
  for (const [sheet, template] of [
    [activities, ACTIVITIES_TEMPLATE],
    [expenses, EXPENSES_TEMPLATE],
  ] as const) {
    const table = sheet.getTable(template.tableName) as unknown as { table: { tableRef: string; ref: string } } | undefined;
    const last = String.fromCharCode(64 + template.columns.length);
    if (table) table.table.tableRef = `A1:${last}${half + 1}`;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The reference: ExcelJS's streaming reader going through every row of the same file, values and nothing more. */
export async function readWithExcelJs(file: Buffer): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if ((row as ExcelJS.Row).values) rows += 1;
    }
  }
  return rows;
}

async function submitFile(token: string, board: BoardCode, file: Buffer): Promise<void> {
  const route = ROUTES.find((candidate) => candidate.name === 'submitFile');
  if (!route) throw new Error('no submitFile route');
  const request = new HttpRequest({
    method: 'POST',
    url: `http://127.0.0.1/api/submissions/file?board=${board}&year=${YEAR}`,
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', authorization: `Bearer ${token}` },
    body: { bytes: new Uint8Array(file.buffer, file.byteOffset, file.byteLength) },
  });
  const response = (await route.handler(request, new InvocationContext({ functionName: 'submitFile', logHandler: () => undefined }))) as HttpResponseInit;
  if (response.status !== 201) throw new Error(`the file for ${board} answered ${response.status}: ${String(response.body).slice(0, 400)}`);
}

/** The rows Samla stores for the file: each sheet's typed values, as validation reads them. */
function typedSheets(sheets: readonly UploadedSheet[]) {
  return sheets
    .flatMap((sheet) => (isTemplateKey(sheet.template) ? [{ ...sheet, template: sheet.template }] : []))
    .map((sheet) => ({
      template: sheet.template,
      rows: validateSheet(sheet.template, sheet.values, { year: YEAR, settings: LUJ_INITIATIVE, sheet: sheet.sheet, origin: sheet.origin }).rows.map(
        (row) => row.values,
      ),
    }));
}

/**
 * The storage engine's own rate for the same rows: `submitTransaction` of the very entities the store writes (the
 * rows' blocks, row-entities.ts), both sheets in parallel, with the store's number of transactions in flight, into
 * partitions of their own.
 */
async function storeRaw(tables: SamlaTables, board: BoardCode, sheets: ReturnType<typeof typedSheets>): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    sheets.map(async ({ template, rows }) => {
      // The rows are validation's typed values, which rowEntities packs in blocks.
      const { entities } = rowEntities({ board, year: YEAR, template, rows: rows as never[] }, 1);
      // As many transactions in flight as the store keeps per submission, so that only Samla's own work differs.
      await inFlight(rowBatches(entities), DEFAULT_BATCHES_IN_FLIGHT, (batch) => tables.rows.submitTransaction(batch));
    }),
  );
  return seconds(start);
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Samla's reader alone: every template sheet's rows streamed to a sink that takes them and keeps nothing. */
async function readStreamed(file: Buffer): Promise<number> {
  const upload = await openUploadedWorkbook(file);
  if (!upload.ok) throw new Error(upload.refusal.kind);
  let rows = 0;
  for (const sheet of upload.sheets) {
    const refusal = await upload.rows(sheet, { row: () => void (rows += 1), restart: () => (rows = 0) });
    if (refusal) throw new Error(refusal.kind);
  }
  return rows;
}

/**
 * What the file route does before it stores (submission-files.ts): the file opened, each sheet's rows streamed,
 * judged row by row and packed into gzipped blocks while the sheet has no error (judgeStreamedSheets); with
 * `openRows`, the blocks are written as they fill, as the route writes them (else they are held, for the phase alone).
 */
async function readJudgeAndPack(file: Buffer, everyRow?: () => void, openRows?: StreamContext['openRows']): Promise<number> {
  const opened = await openUploadedWorkbook(file);
  if (!opened.ok) throw new Error(opened.refusal.kind);
  const upload: typeof opened = everyRow
    ? {
        ...opened,
        rows: (sheet, sink) =>
          opened.rows(sheet, {
            row: (index, values) => {
              everyRow();
              return sink.row(index, values);
            },
            restart: () => sink.restart(),
          }),
      }
    : opened;
  const judged = await judgeStreamedSheets(upload, {
    year: YEAR,
    settings: LUJ_INITIATIVE,
    language: 'sv',
    storedIds: () => Promise.reject(new Error('the file holds both templates: nothing stored is read')),
    ...(openRows ? { openRows } : {}),
  });
  if (!judged.ok) throw new Error(judged.refusal.kind);
  if (judged.templates.some((template) => !template.rows)) throw new Error('the filled template has errors');
  return judged.templates.reduce((sum, template) => sum + template.rowCount, 0);
}

/**
 * Read, judge and pack, or ExcelJS's read, of the file written to `path`, in fresh processes: the peaks above each
 * process's start with the file loaded, in MB (measurePeak). Samla's side writes its blocks as they fill, as the file
 * route does, to `connectionString`'s Azurite, which runs in this (the parent) process: what storage holds is not
 * counted, as it would not be in Azure.
 */
async function peakInFreshProcess(
  path: string,
  rows: number,
  reader: 'samla' | 'exceljs',
  connectionString: string,
): Promise<{ rss: number; live: number; liveAtFirst: number }> {
  const run = async (mode: 'rss' | 'live') => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', __filename, PEAK_FLAG, path, String(rows), reader, mode], {
      encoding: 'utf8',
      env: { ...process.env, SAMLA_BENCH_ROWS_STORE: connectionString },
    });
    return stdout.trim().split(' ').map(Number);
  };
  const [live = 0, liveAtFirst = 0] = await run('live');
  return { rss: (await run('rss'))[0] ?? 0, live, liveAtFirst };
}

/** The store the measured process writes its blocks to (the parent's Azurite; tables of a prefix of its own). */
async function rowsStore(): Promise<StreamContext['openRows']> {
  const connectionString = process.env.SAMLA_BENCH_ROWS_STORE;
  if (!connectionString) throw new Error('SAMLA_BENCH_ROWS_STORE names no Azurite');
  const tables = tableClients({
    ...readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: connectionString, SAMLA_STORAGE_DEADLINE_MS: BENCH_STORAGE_DEADLINE_MS }),
    tablePrefix: `Peak${process.pid}`,
  });
  await tables.rows.createTable();
  const store = new TableSubmissionStore(tables);
  return (template) => store.openRows('AB', YEAR, template);
}

/** Rows between two looks at the live memory (a full collection each: what the reading holds, not its garbage). */
const LIVE_PROBE_ROWS = 2_000;

/**
 * One peak above the process's start with the file loaded, in MB, while the file is read (and, for Samla, judged and
 * packed): `rss`, the resident set sampled every 5 ms, garbage included (what the host sees); or `live`, the heap and
 * buffers still reachable after a full collection every 2 000 rows (what the reading holds: what must not grow with
 * the rows). Each in a process of its own, as the collections change the resident set.
 */
async function measurePeak(path: string, rows: number, reader: string, mode: string): Promise<string> {
  const file = readFileSync(path);
  // Opened before the baseline: the storage clients are the host's, not the reading's.
  const openRows = reader === 'samla' ? await rowsStore() : undefined;
  const collect = (global as { gc?: () => void }).gc ?? (() => undefined);
  const current = () => {
    const usage = process.memoryUsage();
    return mode === 'rss' ? usage.rss : usage.heapUsed + usage.arrayBuffers;
  };
  collect();
  const baseline = current();
  let peak = baseline;
  let first: number | undefined;
  let seen = 0;
  const probe = () => {
    seen += 1;
    if (mode !== 'live' || seen % LIVE_PROBE_ROWS !== 0) return;
    collect();
    first ??= current();
    peak = Math.max(peak, current());
  };
  const sampler = mode === 'rss' ? setInterval(() => (peak = Math.max(peak, current())), 5) : undefined;
  if (reader === 'exceljs') {
    const reading = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
      sharedStrings: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      styles: 'cache',
    });
    for await (const sheet of reading) for await (const _row of sheet) probe();
  } else if ((await readJudgeAndPack(file, probe, openRows)) !== rows) throw new Error(`expected ${rows} rows`);
  clearInterval(sampler);
  // Live: what is still held once the reading is done, after a full collection like every look before it (without
  // one, the garbage of a sheet's last step, such as its links judged, would count as held).
  if (mode === 'live') collect();
  peak = Math.max(peak, current());
  const megabytes = (bytes: number) => Math.round(((bytes - baseline) / 1024 / 1024) * 10) / 10;
  // Live: also what was held at the first look (the parts read up front, the shared strings above all, and 2 000 rows).
  return mode === 'live' ? `${megabytes(peak)} ${megabytes(first ?? peak)}` : `${megabytes(peak)}`;
}

/** The filled template of `rows` rows written to a file of its own, for the fresh processes that measure memory. */
async function templateFile(rows: number, links = false): Promise<string> {
  const path = join(tmpdir(), `samla-upload-bench-${rows}${links ? '-links' : ''}-${process.pid}.xlsx`);
  writeFileSync(path, await filledTemplate(rows, 'AB', links));
  return path;
}

/**
 * A filled standard template of 10 000 rows (5 000 activities, 5 000 expenses) posted to POST /api/submissions/file
 * through its handler: read by the streaming upload reader, validated, both sheets stored as one step, the pointer
 * moved; beside ExcelJS's streaming reader merely reading the same file. Medians of three alternating rounds, the
 * phases of Samla's side apart (read alone; read and validate), the engine's raw rate for storing the same rows (and
 * the ratio to ExcelJS's read plus that, and to Samla's own read and validate plus that: the part of the upload that
 * is Samla's own), the share of the time the raw store alone takes, and the memory above a fresh process's start
 * for reading and validating files of 10 000 and 40 000 rows, and of 40 000 rows with a link in every row.
 */
export const uploadBenchmark: Benchmark = {
  name: 'upload',
  async run() {
    const azurite = await startAzurite();
    try {
      // Each board's own download, filled alike (a file made for another board is refused): the same size and rows.
      const files = new Map<BoardCode, Buffer>();
      for (const board of BOARDS) files.set(board, await filledTemplate(ROWS, board));
      const fileOf = (board: BoardCode): Buffer => files.get(board) ?? Buffer.alloc(0);
      const file = fileOf(BOARDS[0] ?? 'AB');
      Object.assign(process.env, {
        SAMLA_AUTH: 'dev',
        SAMLA_DEV_AUTH_DIR: '.samla/bench-dev-auth',
        SAMLA_STORAGE_CONNECTION_STRING: azurite.connectionString,
        SAMLA_TABLE_PREFIX: 'Upload',
        SAMLA_STORAGE_DEADLINE_MS: BENCH_STORAGE_DEADLINE_MS,
      });
      resetServices();
      const services = await getServices();
      const issuer = services.authentication.devIssuer;
      if (!issuer) throw new Error('dev sign-in is not on');
      const tokens = new Map<BoardCode, string>();
      for (const board of BOARDS) tokens.set(board, await issuer.mint({ role: 'staff', board }));
      const ours: number[] = [];
      const raw: number[] = [];
      const readOnly: number[] = [];
      const readAndValidate: number[] = [];
      const rawStore: number[] = [];
      const rawTables = tableClients({
        ...readStorageSettings({ SAMLA_STORAGE_CONNECTION_STRING: azurite.connectionString, SAMLA_STORAGE_DEADLINE_MS: BENCH_STORAGE_DEADLINE_MS }),
        tablePrefix: 'RawUpload',
      });
      await rawTables.rows.createTable();
      const samla = async (board: BoardCode) => {
        const start = process.hrtime.bigint();
        await submitFile(tokens.get(board) ?? '', board, fileOf(board));
        ours.push(seconds(start));
      };
      const excel = async () => {
        const start = process.hrtime.bigint();
        const read = await readWithExcelJs(file);
        raw.push(seconds(start));
        if (read < ROWS) throw new Error(`ExcelJS read ${read} rows`);
      };
      await samla(BOARDS[0] ?? 'AB');
      await excel();
      ours.length = 0;
      raw.length = 0;
      for (let round = 1; round <= ROUNDS; round += 1) {
        if (round % 2 === 1) await excel();
        await samla(BOARDS[round] ?? 'AB');
        if (round % 2 === 0) await excel();
        let start = process.hrtime.bigint();
        await readStreamed(file);
        readOnly.push(seconds(start));
        start = process.hrtime.bigint();
        await readJudgeAndPack(file);
        readAndValidate.push(seconds(start));
        const reading = await readUploadedWorkbook(file);
        if (!reading.ok) throw new Error(reading.refusal.kind);
        rawStore.push(await storeRaw(rawTables, BOARDS[round] ?? 'AB', typedSheets(reading.sheets)));
      }
      const stored = await services.store.nation(YEAR);
      const storedRows = [...stored.activities, ...stored.expenses].reduce((sum, board) => sum + board.rows.length, 0);
      if (storedRows !== ROWS * (ROUNDS + 1)) throw new Error(`stored ${storedRows} rows, expected ${ROWS * (ROUNDS + 1)}`);
      const secondsOurs = median(ours);
      const secondsRaw = median(raw);
      const [smallFile, largeFile] = [await templateFile(ROWS), await templateFile(LARGE_ROWS)];
      const peakSmall = await peakInFreshProcess(smallFile, ROWS, 'samla', azurite.connectionString);
      const peakLarge = await peakInFreshProcess(largeFile, LARGE_ROWS, 'samla', azurite.connectionString);
      const excelSmall = await peakInFreshProcess(smallFile, ROWS, 'exceljs', azurite.connectionString);
      const excelLarge = await peakInFreshProcess(largeFile, LARGE_ROWS, 'exceljs', azurite.connectionString);
      // The same 40 000 rows with a link in every row: a typed URL in each activity, a Ctrl+K link on each voucher.
      const linkedFile = await templateFile(LARGE_ROWS, true);
      const peakLinked = await peakInFreshProcess(linkedFile, LARGE_ROWS, 'samla', azurite.connectionString);
      const excelLinked = await peakInFreshProcess(linkedFile, LARGE_ROWS, 'exceljs', azurite.connectionString);
      for (const path of [smallFile, largeFile, linkedFile]) rmSync(path, { force: true });
      const readValidateRawStore = median(readAndValidate) + median(rawStore);
      return {
        bench: 'upload',
        rows: ROWS,
        fileKB: Math.round(file.length / 1024),
        rounds: ROUNDS,
        seconds: Number(secondsOurs.toFixed(3)),
        readSeconds: Number(median(readOnly).toFixed(3)),
        readValidateSeconds: Number(median(readAndValidate).toFixed(3)),
        excelJsSeconds: Number(secondsRaw.toFixed(3)),
        ratio: Number((secondsOurs / secondsRaw).toFixed(2)),
        readValidateRatio: Number((median(readAndValidate) / secondsRaw).toFixed(2)),
        goalRatio: 1.5,
        rawStoreSeconds: Number(median(rawStore).toFixed(3)),
        storeShare: Number((median(rawStore) / secondsOurs).toFixed(2)),
        ratioToReadAndRawStore: Number((secondsOurs / (secondsRaw + median(rawStore))).toFixed(2)),
        readValidateRawStoreSeconds: Number(readValidateRawStore.toFixed(3)),
        ratioToReadValidateRawStore: Number((secondsOurs / readValidateRawStore).toFixed(2)),
        [`peakMB${ROWS}`]: peakSmall.rss,
        [`peakMB${LARGE_ROWS}`]: peakLarge.rss,
        [`excelJsPeakMB${ROWS}`]: excelSmall.rss,
        [`excelJsPeakMB${LARGE_ROWS}`]: excelLarge.rss,
        [`liveMB${ROWS}`]: peakSmall.live,
        [`liveMB${LARGE_ROWS}`]: peakLarge.live,
        // How the live memory grows with the rows: bytes per row between the two files (0 would be flat).
        liveBytesPerRow: Math.round(((peakLarge.live - peakSmall.live) * 1024 * 1024) / (LARGE_ROWS - ROWS)),
        // What the live memory grows by while the large file's rows are read, per row (beyond what is held at the first
        // 2 000 rows: the parts read up front, the shared strings above all): what reading the rows themselves holds.
        liveBytesPerRowRead: Math.round(((peakLarge.live - peakLarge.liveAtFirst) * 1024 * 1024) / (LARGE_ROWS - LIVE_PROBE_ROWS)),
        excelJsLiveBytesPerRowRead: Math.round(((excelLarge.live - excelLarge.liveAtFirst) * 1024 * 1024) / (LARGE_ROWS - LIVE_PROBE_ROWS)),
        [`excelJsLiveMB${ROWS}`]: excelSmall.live,
        [`excelJsLiveMB${LARGE_ROWS}`]: excelLarge.live,
        excelJsLiveBytesPerRow: Math.round(((excelLarge.live - excelSmall.live) * 1024 * 1024) / (LARGE_ROWS - ROWS)),
        [`liveMB${LARGE_ROWS}Linked`]: peakLinked.live,
        [`peakMB${LARGE_ROWS}Linked`]: peakLinked.rss,
        [`excelJsLiveMB${LARGE_ROWS}Linked`]: excelLinked.live,
        [`excelJsPeakMB${LARGE_ROWS}Linked`]: excelLinked.rss,
      };
    } finally {
      await azurite.stop();
    }
  },
};

if (process.argv[2] === PEAK_FLAG) {
  measurePeak(process.argv[3] ?? '', Number(process.argv[4]), process.argv[5] ?? 'samla', process.argv[6] ?? 'rss').then(
    (peak) => {
      console.log(peak);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
