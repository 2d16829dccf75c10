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
import { RowPacker } from '../storage/row-entities';
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
  for (const sheet of sheets) {
    const template = sheet.template as TemplateKey;
    const start = () => ({
      judge: sheetJudge(template, sheet.header, { year, settings, language, referencedIds: { ...referencedIds }, sheet: sheet.sheet, origin: sheet.origin }),
      packer: new RowPacker(template) as RowPacker | undefined,
      tally: new VersionSummaryTally(template),
    });
    let reading = start();
    const refusal = await upload.rows(sheet, {
      row(index, values) {
        const row = reading.judge.row(index, values);
        if (reading.judge.failed) reading.packer = undefined;
        else if (row) {
          reading.packer?.add(row.values);
          reading.tally.add(row.values);
        }
      },
      // The reader gives the rows again (merges or links changed some): judge them afresh.
      restart() {
        reading = start();
      },
    });
    const { judge, packer, tally } = reading;
    if (refusal) return { ok: false, refusal };
    const judgement = judge.finish();
    // A later template's references are checked against this sheet's IDs, valid or not (as judgeSubmission does).
    referencedIds[template] = judge.ids;
    templates.push({ judgement, rowCount: judgement.rowCount, rows: packer && judgement.valid ? { packed: packer.finish(), tally } : undefined });
  }
  return { ok: true, templates };
}
