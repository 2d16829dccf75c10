import { joinLocalized, localizedMessage, numberIn, pick, type Language, type Localized, type LocalizedMessage, type ProblemKind } from '@samla/shared';

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
  'old-template-version',
  'newer-template-version',
  'unknown-template-version',
  'foreign-sheet',
  'duplicate-template-sheet',
] as const;
export type UploadRefusalKind = (typeof UPLOAD_REFUSAL_KINDS)[number];

export interface RefusalParams {
  readonly maxMegabytes?: number;
  readonly sheet?: string;
  readonly rows?: number;
  readonly maxRows?: number;
  /** The cell, row or range as the file wrote it. */
  readonly reference?: string;
  /** The template the sheet was taken for, as its sheet is named (`Aktiviteter`). */
  readonly template?: string;
  /** The layout version the sheet's stamp names, and the version Samla reads today. */
  readonly version?: number;
  readonly current?: number;
  /** The changes since the sheet's version that can't be mapped, in words. */
  readonly changes?: Localized;
  /** Why a sheet named like a template is not Samla's: its stamp is another's, or its header is not the template's. */
  readonly why?: 'foreign-stamp' | 'foreign-header' | 'stamp-mismatch';
  /** The template a sheet's headers are, where its stamp says another (`why: 'stamp-mismatch'`). */
  readonly headersOf?: string;
  /** The sheets that claim one template (`duplicate-template-sheet`), or Samla's sheets that are no template and were
   * not read (`no-template-sheet`: the lists sheet, by its stamp), as the file names them. */
  readonly sheets?: readonly string[];
  /** The stamp as the file writes it. */
  readonly stamp?: string;
  /** How many of the template's headers the sheet's best header row holds, of how many, and in which row. */
  readonly found?: number;
  readonly expected?: number;
  readonly row?: number;
}

export interface UploadRefusal {
  readonly kind: UploadRefusalKind;
  readonly status: 413 | 415 | 422;
  readonly detail: Localized;
  readonly params: RefusalParams;
  /** The problem kind to answer with, where it is not the status's general one (shared/src/http/problem-types.ts). */
  readonly problem?: ProblemKind;
}

const SAVE_AS_XLSX: Localized = {
  sv: 'Spara filen som Excel-arbetsbok (.xlsx) och ladda upp den igen.',
  en: 'Save the file as an Excel workbook (.xlsx) and upload it again.',
};

/** A count as each language writes it: `100 000 000` in Swedish, `100,000,000` in English. */
const number = (value: number | undefined, language: Language): string => numberIn(value ?? 0, language);

/** A reference as the user reads it: a bare row number is `rad 100 000 000`, a cell or range as written. */
function place(reference: string | undefined, language: Language): string {
  if (reference === undefined) return pick({ sv: 'en cell', en: 'a cell' }, language);
  if (/^\d+$/.test(reference)) return `${pick({ sv: 'rad', en: 'row' }, language)} ${number(Number(reference), language)}`;
  return reference.length > 40 ? `${reference.slice(0, 37)}…` : reference;
}

const NEW_TEMPLATE = {
  sv: (template: string | undefined) => `hämta en ny mall${template ? ` ${template}` : ''} från Samla och för över raderna`,
  en: (template: string | undefined) => `download a new ${template ? `${template} ` : ''}template from Samla and move the rows over`,
};

function foreignReason(p: RefusalParams, l: Language): string {
  if (p.why === 'stamp-mismatch') {
    return l === 'sv'
      ? `det är märkt som mallen ${p.template ?? ''} men har rubrikerna för mallen ${p.headersOf ?? ''}`
      : `it is marked as the ${p.template ?? ''} template but has the headers of the ${p.headersOf ?? ''} template`;
  }
  if (p.why === 'foreign-stamp') {
    return l === 'sv'
      ? `det är märkt som ”${p.stamp ?? ''}”, vilket inte är mallen ${p.template ?? ''}`
      : `it is marked "${p.stamp ?? ''}", which is not the ${p.template ?? ''} template`;
  }
  return l === 'sv'
    ? `dess rubrikrad (rad ${p.row ?? 1}) har ${p.found ?? 0} av mallens ${p.expected ?? 0} rubriker`
    : `its header row (row ${p.row ?? 1}) holds ${p.found ?? 0} of the template's ${p.expected ?? 0} headers`;
}

/** The versions Samla has made of a template, in words: `den enda versionen är 1`, `versionerna är 1–3`. */
function knownVersions(current: number | undefined, l: Language): string {
  const last = current ?? 1;
  if (last <= 1) return l === 'sv' ? 'den enda versionen är 1' : 'the only version is 1';
  return l === 'sv' ? `versionerna är 1–${last}` : `the versions are 1–${last}`;
}

/** The sheets a message names: `”Listor”`, `”A” och ”B”`. */
function sheetList(sheets: readonly string[], l: Language): string {
  const quoted = sheets.map((sheet) => (l === 'sv' ? `”${sheet}”` : `"${sheet}"`));
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} ${l === 'sv' ? 'och' : 'and'} ${quoted.at(-1) ?? ''}`;
}

/** Why Samla's own non-template sheets (the lists sheet) were not read, for the no-template answer; empty when none. */
function skippedSheets(p: RefusalParams, l: Language): string {
  const sheets = p.sheets ?? [];
  if (sheets.length === 0) return '';
  const one = sheets.length === 1;
  return l === 'sv'
    ? ` ${one ? 'Bladet' : 'Bladen'} ${sheetList(sheets, 'sv')} är ${one ? 'märkt' : 'märkta'} som Samlas listblad (”${p.stamp ?? ''}”), som inte lämnas in; ligger raderna där, för över dem till mallens blad.`
    : ` The ${one ? 'sheet' : 'sheets'} ${sheetList(sheets, 'en')} ${one ? 'is' : 'are'} marked as Samla's lists sheet ("${p.stamp ?? ''}"), which is not submitted; if the rows are there, move them to the template's sheet.`;
}

interface RefusalText {
  readonly status: UploadRefusal['status'];
  /** The problem kind to answer with, where it is not the status's general one. */
  readonly problem?: ProblemKind;
  readonly detail: LocalizedMessage<RefusalParams>;
}

const STAMP_REFUSALS = {
  'old-template-version': {
    status: 422,
    problem: 'template-version-unsupported',
    detail: localizedMessage(
      (p) =>
        `Bladet ”${p.sheet ?? ''}” är mallen ${p.template ?? ''} i version ${p.version ?? 0}, och den kan inte läsas som dagens version ${p.current ?? 0}: ${p.changes?.sv ?? ''}. Mallen är version ${p.version ?? 0}; ${NEW_TEMPLATE.sv(p.template)}, eller öppna filen i Excel med Samla så uppgraderas den.`,
      (p) =>
        `The sheet "${p.sheet ?? ''}" is the ${p.template ?? ''} template in version ${p.version ?? 0}, which can't be read as today's version ${p.current ?? 0}: ${p.changes?.en ?? ''}. The template is version ${p.version ?? 0}; ${NEW_TEMPLATE.en(p.template)}, or open the file in Excel with Samla, which upgrades it.`,
    ),
  },
  'newer-template-version': {
    status: 422,
    problem: 'template-version-unsupported',
    detail: localizedMessage(
      (p) =>
        `Bladet ”${p.sheet ?? ''}” är märkt som version ${p.version ?? 0} av mallen ${p.template ?? ''}, men Samla känner bara till versionerna till och med ${p.current ?? 0}. Märkningen är ändrad eller kommer från en annan Samla; ${NEW_TEMPLATE.sv(p.template)}.`,
      (p) =>
        `The sheet "${p.sheet ?? ''}" is marked as version ${p.version ?? 0} of the ${p.template ?? ''} template, but Samla knows the versions up to ${p.current ?? 0} only. The mark was changed or comes from another Samla; ${NEW_TEMPLATE.en(p.template)}.`,
    ),
  },
  'unknown-template-version': {
    status: 422,
    problem: 'template-version-unsupported',
    detail: localizedMessage(
      (p) =>
        `Bladet ”${p.sheet ?? ''}” är märkt som ”${p.stamp ?? ''}”, men det är ingen version av mallen ${p.template ?? ''} som Samla har gjort (${knownVersions(p.current, 'sv')}). Märkningen är ändrad för hand eller av ett program; ${NEW_TEMPLATE.sv(p.template)}.`,
      (p) =>
        `The sheet "${p.sheet ?? ''}" is marked "${p.stamp ?? ''}", but that is no version of the ${p.template ?? ''} template Samla has made (${knownVersions(p.current, 'en')}). The mark was changed by hand or by a program; ${NEW_TEMPLATE.en(p.template)}.`,
    ),
  },
  'foreign-sheet': {
    status: 422,
    problem: 'foreign-sheet',
    detail: localizedMessage(
      (p) =>
        `Bladet ”${p.sheet ?? ''}” är inte Samlas mall: ${foreignReason(p, 'sv')}. Byt namn på bladet om det inte ska lämnas in, eller ${NEW_TEMPLATE.sv(p.template)}.`,
      (p) =>
        `The sheet "${p.sheet ?? ''}" is not Samla's template: ${foreignReason(p, 'en')}. Rename the sheet if it is not to be submitted, or ${NEW_TEMPLATE.en(p.template)}.`,
    ),
  },
  'duplicate-template-sheet': {
    status: 422,
    problem: 'duplicate-template-sheet',
    detail: localizedMessage(
      (p) => {
        const sheets = p.sheets ?? [];
        const two = sheets.length === 2;
        return `Bladen ${namesInWords(sheets, '”', '”', 'och')} är ${two ? 'båda' : 'alla'} märkta som mallen ${p.template ?? ''} (ett kopierat blad behåller märkningen). Samla kan inte veta vilket som gäller, så inget lästes. Samla alla rader i ett av bladen och ta bort ${two ? 'det andra' : 'de andra'}, och ladda upp filen igen.`;
      },
      (p) => {
        const sheets = p.sheets ?? [];
        const two = sheets.length === 2;
        return `The sheets ${namesInWords(sheets, '"', '"', 'and')} are ${two ? 'both' : 'all'} marked as the ${p.template ?? ''} template (a copied sheet keeps the mark). Samla can't tell which one counts, so nothing was read. Gather all rows in one of them, delete ${two ? 'the other' : 'the others'}, and upload the file again.`;
      },
    ),
  },
} as const satisfies Record<string, RefusalText>;

/** Names in quotes as a sentence lists them: ”A”, ”B” och ”C”. */
function namesInWords(names: readonly string[], open: string, close: string, and: string): string {
  const quoted = names.map((name) => `${open}${name}${close}`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} ${and} ${quoted[quoted.length - 1] ?? ''}` : (quoted[0] ?? '');
}

const REFUSALS: Record<UploadRefusalKind, RefusalText> = {
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
      (p) =>
        `${p.sheets?.length ? 'Filen har inget blad med mallen Aktiviteter eller Kostnader att lämna in.' : 'Filen har inget blad som liknar mallarna Aktiviteter eller Kostnader.'}${skippedSheets(p, 'sv')} Hämta mallen från Samla, fyll i den och ladda upp den igen.`,
      (p) =>
        `${p.sheets?.length ? 'The file has no sheet with the Aktiviteter or Kostnader template to submit.' : 'The file has no sheet that looks like the Aktiviteter or Kostnader template.'}${skippedSheets(p, 'en')} Download the template from Samla, fill it in and upload it again.`,
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
  ...STAMP_REFUSALS,
};

/** A refusal of an uploaded file, with its status and its words in both languages (the params fill them in). */
export function uploadRefusal(kind: UploadRefusalKind, params: RefusalParams = {}): UploadRefusal {
  const { status, detail, problem } = REFUSALS[kind];
  const refusal = { kind, status, detail: detail(params), params };
  return problem ? { ...refusal, problem } : refusal;
}
