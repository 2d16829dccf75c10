import {
  referredOutside,
  sheetJudge,
  templateModules,
  VersionSummaryTally,
  type Language,
  type TemplateKey,
  type InitiativeSettings,
  type Year,
} from '@samla/shared';
import { RowPacker, type PackedBlock, type PackedRows } from '../storage/row-entities';
import type { RowsWriter } from '../storage/table-submission-store';
import type { OpenedUpload } from '../workbooks/upload-reader';
import type { UploadRefusal } from '../workbooks/upload-refusal';
import type { JudgedTemplate } from './sheets-submission';

/** An opened upload's template sheets and their rows (upload-reader.ts, `openUploadedWorkbook`). */
export type StreamedUpload = Pick<Extract<OpenedUpload, { ok: true }>, 'sheets' | 'rows'>;

/** What judging a file's sheets needs beside the file. */
export interface StreamContext {
  readonly year: Year;
  readonly settings: InitiativeSettings;
  readonly language: Language;
  /** The IDs of the board's current stored version of a template the file refers to but does not hold (`currentIds`). */
  storedIds(template: TemplateKey): Promise<readonly string[]>;
  /**
   * Where a sheet's packed blocks are written as they fill (`SubmissionStore.openRows`), so that the reading holds
   * none of them; without it they are held until the store writes them. A sheet found in error, read again, or a
   * file refused, has its written rows discarded here; a judged sheet's rows name their partition, which the caller
   * must either stage or discard (`storeJudgedSheets` does).
   */
  openRows?(template: TemplateKey): Promise<RowsWriter>;
}

/** The file's sheets judged (each with its rows packed for storage while it had no error), or why it was refused. */
export type StreamedJudgement = { readonly ok: true; readonly templates: JudgedTemplate[] } | { readonly ok: false; readonly refusal: UploadRefusal };

/**
 * Judges every template sheet of an uploaded file together, as `judgeTemplates` judges a JSON submission, without
 * ever holding a sheet's rows: each row is read from the file, judged (sheetJudge) and, while the sheet has no error,
 * packed for storage (RowPacker, gzipped blocks) and added to the version's summary; once an error is found the sheet's
 * packed rows are dropped and the rest is only judged. Memory then grows with the rows' IDs (what duplicates and
 * references are checked against) and the packed blocks, not with the rows.
 *
 * Sheets are judged in the modules' order (a template after those it refers to): a reference is checked against the
 * file's sheet of the referred template when it has one, else against the board's current stored version.
 */
export async function judgeStreamedSheets(upload: StreamedUpload, context: StreamContext): Promise<StreamedJudgement> {
  const { year, settings, language } = context;
  const order = templateModules().map((module) => module.definition.key as string);
  const sheets = [...upload.sheets].sort((a, b) => order.indexOf(a.template) - order.indexOf(b.template));
  const referencedIds: Record<string, Iterable<string>> = {};
  for (const template of referredOutside(sheets.map((sheet) => sheet.template))) {
    referencedIds[template] = await context.storedIds(template as TemplateKey);
  }
  const templates: JudgedTemplate[] = [];
  // Every partition written to, until the sheets are handed on judged: a refusal or a failure discards them all.
  const writers: SheetRowsWriter[] = [];
  const discard = (writer: SheetRowsWriter | undefined) => {
    const at = writer ? writers.indexOf(writer) : -1;
    if (!writer || at < 0) return Promise.resolve();
    writers.splice(at, 1);
    return discardQuietly(writer);
  };
  let settled = false;
  try {
    for (const sheet of sheets) {
      const template = sheet.template as TemplateKey;
      const start = () => {
        const { openRows } = context;
        const writer = openRows ? new SheetRowsWriter(() => openRows(template)) : undefined;
        if (writer) writers.push(writer);
        return {
          judge: sheetJudge(template, sheet.header, {
            year,
            settings,
            language,
            referencedIds: { ...referencedIds },
            sheet: sheet.sheet,
            origin: sheet.origin,
          }),
          packer: new RowPacker(template) as RowPacker | undefined,
          tally: new VersionSummaryTally(template),
          writer,
        };
      };
      let reading = start();
      let dropped: Promise<void>[] = [];
      const refusal = await upload.rows(sheet, {
        row(index, values) {
          const row = reading.judge.row(index, values);
          if (reading.judge.failed) {
            // The sheet will not be stored: what was written of it goes, and the rest is only judged.
            if (reading.packer) dropped.push(discard(reading.writer));
            reading.packer = undefined;
            reading.writer = undefined;
          } else if (row && reading.packer) {
            reading.packer.add(row.values);
            reading.tally.add(row.values);
            // Awaited by the reader only when a block has closed: the file is read no faster than it is written.
            if (reading.writer) {
              const blocks = reading.packer.takeBlocks();
              if (blocks.length > 0) return reading.writer.write(blocks);
            }
          }
          return undefined;
        },
        // The reader gives the rows again (merges or links changed some): judge them afresh, in a partition afresh.
        restart() {
          dropped.push(discard(reading.writer));
          reading = start();
        },
      });
      await Promise.all(dropped);
      dropped = [];
      const { judge, packer, tally, writer } = reading;
      if (refusal) return { ok: false, refusal };
      const judgement = judge.finish();
      // A later template's references are checked against this sheet's IDs, valid or not (as judgeSubmission does).
      referencedIds[template] = judge.ids;
      let rows: JudgedTemplate['rows'];
      if (packer && judgement.valid) rows = { packed: writer ? await writer.finish(packer.finish()) : packer.finish(), tally };
      else await discard(writer);
      templates.push({ judgement, rowCount: judgement.rowCount, rows });
    }
    writers.length = 0;
    settled = true;
    return { ok: true, templates };
  } catch (error) {
    // A failure (storage not answering, a fault): its answer is not kept waiting on storage; the deletes go on behind.
    for (const writer of writers.splice(0)) void discardQuietly(writer);
    throw error;
  } finally {
    // Refused: nothing written for this file is left behind.
    if (!settled) await Promise.all(writers.splice(0).map(discardQuietly));
  }
}

/**
 * Deletes what a writer wrote, never throwing: a refusal's or a failure's answer stands whatever storage then says. A
 * partition that could not be deleted is an orphan nothing reads (as a crashed submission's is).
 */
async function discardQuietly(writer: SheetRowsWriter): Promise<void> {
  try {
    await writer.discard();
  } catch {
    // Left as an orphan: see above.
  }
}

/** A sheet's RowsWriter, opened when its first block is written (the store's calls are asynchronous; a sheet in error early opens none). */
class SheetRowsWriter {
  private opened: Promise<RowsWriter> | undefined;

  constructor(private readonly open: () => Promise<RowsWriter>) {}

  async write(blocks: readonly PackedBlock[]): Promise<void> {
    await (await (this.opened ??= this.open())).write(blocks);
  }

  async finish(packed: PackedRows): Promise<PackedRows> {
    return (await (this.opened ??= this.open())).finish(packed);
  }

  async discard(): Promise<void> {
    if (this.opened) await (await this.opened).discard();
  }
}
