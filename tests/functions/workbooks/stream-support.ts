import type { OpenedUpload, PlacedSheet, UploadedValue } from '../../../functions/src/workbooks/upload-reader';
import type { UploadRefusal } from '../../../functions/src/workbooks/upload-refusal';

/** An opened upload, or the test fails naming the refusal. */
export function opened(upload: OpenedUpload): Extract<OpenedUpload, { ok: true }> {
  if (!upload.ok) throw new Error(`refused: ${upload.refusal.kind}`);
  return upload;
}

/** The upload's placed Aktiviteter sheet. */
export function activitiesSheet(upload: Extract<OpenedUpload, { ok: true }>): PlacedSheet {
  const sheet = upload.sheets.find((candidate) => candidate.template === 'activities');
  if (!sheet) throw new Error('no activities sheet');
  return sheet;
}

/** A sheet's rows as a sink that honours `restart` keeps them: the last pass's rows, how many restarts, and any refusal. */
export async function rowsAsGiven(
  upload: Extract<OpenedUpload, { ok: true }>,
  sheet: PlacedSheet,
): Promise<{ rows: UploadedValue[][]; restarts: number; refusal: UploadRefusal | undefined }> {
  let rows: UploadedValue[][] = [];
  let restarts = 0;
  const refusal = await upload.rows(sheet, {
    row: (_index, values) => {
      rows.push(values);
    },
    restart: () => {
      restarts += 1;
      rows = [];
    },
  });
  return { rows, restarts, refusal };
}
