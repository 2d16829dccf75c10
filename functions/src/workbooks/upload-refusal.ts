import { joinLocalized, localizedMessage, pick, showNumber, type Language, type Localized, type LocalizedMessage } from '@samla/shared';

/** Why an uploaded file was not read, each with its HTTP status and wording. */
export const UPLOAD_REFUSAL_KINDS = [
  'too-large',
  'not-a-workbook',
  'legacy-workbook',
  'encrypted-workbook',
  'expands-too-far',
  'damaged-workbook',
  'too-many-rows',
  'no-template-sheet',
  'outside-sheet',
] as const;
export type UploadRefusalKind = (typeof UPLOAD_REFUSAL_KINDS)[number];

export interface RefusalParams {
  readonly maxMegabytes?: number;
  readonly sheet?: string;
  readonly rows?: number;
  readonly maxRows?: number;
  /** The cell, row or range as the file wrote it. */
  readonly reference?: string;
}

export interface UploadRefusal {
  readonly kind: UploadRefusalKind;
  readonly status: 413 | 415 | 422;
  readonly detail: Localized;
  readonly params: RefusalParams;
}

const SAVE_AS_XLSX: Localized = {
  sv: 'Spara filen som Excel-arbetsbok (.xlsx) och ladda upp den igen.',
  en: 'Save the file as an Excel workbook (.xlsx) and upload it again.',
};

/** A count as each language writes it: `100 000 000` in Swedish, `100,000,000` in English. */
const number = (value: number | undefined, language: Language): string =>
  pick({ sv: showNumber(value ?? 0), en: (value ?? 0).toLocaleString('en-GB') }, language);

/** A reference as the user reads it: a bare row number is `rad 100 000 000`, a cell or range as written. */
function place(reference: string | undefined, language: Language): string {
  if (reference === undefined) return pick({ sv: 'en cell', en: 'a cell' }, language);
  if (/^\d+$/.test(reference)) return `${pick({ sv: 'rad', en: 'row' }, language)} ${number(Number(reference), language)}`;
  return reference.length > 40 ? `${reference.slice(0, 37)}…` : reference;
}

const REFUSALS: Record<UploadRefusalKind, { status: UploadRefusal['status']; detail: LocalizedMessage<RefusalParams> }> = {
  'too-large': {
    status: 413,
    detail: localizedMessage(
      (p) => `Filen är större än ${number(p.maxMegabytes, 'sv')} MB. Ta bort annat än mallens blad, eller dela upp inlämningen.`,
      (p) => `The file is larger than ${number(p.maxMegabytes, 'en')} MB. Remove everything but the template's sheets, or split the submission.`,
    ),
  },
  'not-a-workbook': {
    status: 415,
    detail: () => joinLocalized([{ sv: 'Filen är ingen Excel-arbetsbok.', en: 'The file is not an Excel workbook.' }, SAVE_AS_XLSX]),
  },
  'legacy-workbook': {
    status: 415,
    detail: localizedMessage(
      () =>
        'Filen är i det äldre Excel-formatet (.xls) eller skyddad med lösenord. Spara den utan lösenord som Excel-arbetsbok (.xlsx) och ladda upp den igen.',
      () =>
        'The file is in the older Excel format (.xls) or protected by a password. Save it without a password as an Excel workbook (.xlsx) and upload it again.',
    ),
  },
  'encrypted-workbook': {
    status: 415,
    detail: localizedMessage(
      () => 'Filen är skyddad med lösenord och kan inte läsas. Spara den utan lösenord som Excel-arbetsbok (.xlsx) och ladda upp den igen.',
      () => 'The file is protected by a password and cannot be read. Save it without a password as an Excel workbook (.xlsx) and upload it again.',
    ),
  },
  'expands-too-far': {
    status: 413,
    detail: localizedMessage(
      (p) =>
        `Filen packas upp till mer än en rimlig storlek (gränsen är ${number(p.maxMegabytes, 'sv')} MB uppackat). Kontrollera att det är en vanlig ifylld mall.`,
      (p) =>
        `The file unpacks to more than a reasonable size (the limit is ${number(p.maxMegabytes, 'en')} MB unpacked). Check that it is an ordinary filled-in template.`,
    ),
  },
  'damaged-workbook': {
    status: 422,
    detail: localizedMessage(
      () => 'Filen är skadad och kan inte läsas som Excel-arbetsbok. Öppna den i Excel, spara den som .xlsx och ladda upp den igen.',
      () => 'The file is damaged and cannot be read as an Excel workbook. Open it in Excel, save it as .xlsx and upload it again.',
    ),
  },
  'too-many-rows': {
    status: 413,
    detail: localizedMessage(
      (p) =>
        `${p.sheet ? `Bladet ”${p.sheet}”` : 'Ett blad i filen'} har ${p.rows === undefined ? 'fler' : number(p.rows, 'sv')} rader, men högst ${number(p.maxRows, 'sv')} rader kan lämnas in per blad.`,
      (p) =>
        `${p.sheet ? `The sheet "${p.sheet}"` : 'A sheet in the file'} has ${p.rows === undefined ? 'more' : number(p.rows, 'en')} rows, but at most ${number(p.maxRows, 'en')} rows can be submitted per sheet.`,
    ),
  },
  'no-template-sheet': {
    status: 422,
    detail: localizedMessage(
      () => 'Filen har inget blad som liknar mallarna Aktiviteter eller Kostnader. Hämta mallen från Samla, fyll i den och ladda upp den igen.',
      () => 'The file has no sheet that looks like the Aktiviteter or Kostnader template. Download the template from Samla, fill it in and upload it again.',
    ),
  },
  'outside-sheet': {
    status: 422,
    detail: localizedMessage(
      (p) =>
        `Filen hänvisar till ${p.sheet ? `bladet ”${p.sheet}”, ` : ''}${place(p.reference, 'sv')}, utanför Excels rutnät (högst 1 048 576 rader och kolumnerna A–XFD). Filen är skadad eller skriven av ett program som inte följer Excel-formatet. Öppna den i Excel, spara den som .xlsx och ladda upp den igen.`,
      (p) =>
        `The file refers to ${p.sheet ? `the sheet "${p.sheet}", ` : ''}${place(p.reference, 'en')}, outside Excel's grid (at most 1,048,576 rows and the columns A–XFD). The file is damaged or was written by a program that does not follow the Excel format. Open it in Excel, save it as .xlsx and upload it again.`,
    ),
  },
};

/** A refusal of an uploaded file, with its status and its words in both languages (the params fill them in). */
export function uploadRefusal(kind: UploadRefusalKind, params: RefusalParams = {}): UploadRefusal {
  const { status, detail } = REFUSALS[kind];
  return { kind, status, detail: detail(params), params };
}
