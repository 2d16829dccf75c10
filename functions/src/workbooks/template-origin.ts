import { boardByCode, BOARDS, cellAddress, comparableText, isBoardCode, isEmptyCell, type BoardCode, type Localized, type Year } from '@samla/shared';
import type { UploadedValue } from './uploaded-cell';

/*
 * Which board and year a template file was downloaded for (GET /api/templates/...?board=&year=). The download writes
 * both twice: visibly on its Information sheet (a label cell, the value in the cell to its right), and in the file's
 * document properties (`cp:keywords`, `samla; board=I; year=2014; …`; Excel shows them as Tags, LibreOffice as
 * Keywords, openpyxl keeps them). An upload names the board and year it is for in its address; when the file says
 * otherwise, its rows are most likely the other board's or year's, and the upload is refused in words.
 */

/** The Information sheet's name: the one sheet of a template file that is no template. */
export const INFO_SHEET = 'Information';

/** The Information sheet's labels, in the language the file was downloaded in (column A; the value in column B). */
export const INFO_LABELS = {
  board: { sv: 'Länsstyrelse', en: 'County administrative board' },
  boardCode: { sv: 'Länsbokstav', en: 'County letter' },
  year: { sv: 'År', en: 'Year' },
} as const satisfies Record<string, Localized>;

/** The document keywords of a template file: machine-readable, so that a file can be traced to what it was made for. */
export function originKeywords(facts: { board: BoardCode; year: Year; template: string; initiative: string }): string {
  return `samla; board=${facts.board}; year=${facts.year}; template=${facts.template}; initiative=${facts.initiative}`;
}

/** Where a file says which board or year it is for. */
export type OriginPlace =
  /** A cell of the Information sheet: its address (`Information!B4`) and the label beside it as the file writes it. */
  | { readonly kind: 'cell'; readonly cell: string; readonly label: string }
  /** The document properties' keywords (Excel's Tags). */
  | { readonly kind: 'properties' };

/** The board and year a file says it is for, each with where it says so; either may be absent. */
export interface TemplateOrigin {
  readonly board?: { readonly code: BoardCode; readonly place: OriginPlace };
  readonly year?: { readonly year: number; readonly place: OriginPlace };
}

/** A cell as labels are compared, the way headers are (`comparableText`: NFC, spaces, letter case). */
const normalized = (value: UploadedValue | undefined): string => comparableText(value ?? null);

function labelled(label: Localized, text: string): boolean {
  return text !== '' && (text === comparableText(label.sv) || text === comparableText(label.en));
}

function boardOfCell(value: UploadedValue | undefined, byName: boolean): BoardCode | undefined {
  const text = normalized(value);
  if (text === '') return undefined;
  if (!byName) {
    const code = text.toUpperCase();
    return isBoardCode(code) ? code : undefined;
  }
  return BOARDS.find((board) => board.name.toLowerCase() === text || board.county.toLowerCase() === text)?.code;
}

function yearOfCell(value: UploadedValue | undefined): number | undefined {
  const text = normalized(value);
  return /^\d{4}$/.test(text) ? Number(text) : undefined;
}

/**
 * The board and year an Information sheet states: in a row, a cell holding one of `INFO_LABELS` (either language,
 * any letter case) and the value in the cell to its right. The letter wins over the board's name when both are there.
 * `rows` are the sheet's non-empty cells by row, then column (the upload reader's head scan).
 */
export function originOfInformationSheet(sheet: string, rows: ReadonlyMap<number, ReadonlyMap<number, UploadedValue>>): TemplateOrigin {
  let byCode: TemplateOrigin['board'];
  let byName: TemplateOrigin['board'];
  let year: TemplateOrigin['year'];
  for (const [row, cells] of [...rows].sort(([a], [b]) => a - b)) {
    for (const [column, value] of cells) {
      const text = normalized(value);
      const right = cells.get(column + 1);
      if (isEmptyCell(right ?? null)) continue;
      const place: OriginPlace = { kind: 'cell', cell: cellAddress(sheet, row, column + 1), label: String(value).trim() };
      if (!byCode && labelled(INFO_LABELS.boardCode, text)) {
        const code = boardOfCell(right, false);
        if (code) byCode = { code, place };
      } else if (!byName && labelled(INFO_LABELS.board, text)) {
        const code = boardOfCell(right, true);
        if (code) byName = { code, place };
      } else if (!year && labelled(INFO_LABELS.year, text)) {
        const found = yearOfCell(right);
        if (found !== undefined) year = { year: found, place };
      }
    }
  }
  const board = byCode ?? byName;
  return { ...(board ? { board } : {}), ...(year ? { year } : {}) };
}

/** The board and year in a file's keywords as `originKeywords` writes them (any separators: programs rewrite them). */
/** Whether a workbook's keywords are the ones Samla's template download writes (`samla; board=…; year=…`). */
export function isSamlaKeywords(keywords: string | undefined): keywords is string {
  return keywords !== undefined && /\bsamla\b/i.test(keywords);
}

export function originOfKeywords(keywords: string | undefined): TemplateOrigin {
  if (!isSamlaKeywords(keywords)) return {};
  const code = /\bboard\s*=\s*([A-Za-z]{1,2})\b/i.exec(keywords)?.[1]?.toUpperCase();
  const year = /\byear\s*=\s*(\d{4})\b/i.exec(keywords)?.[1];
  const place: OriginPlace = { kind: 'properties' };
  return {
    ...(code && isBoardCode(code) ? { board: { code, place } } : {}),
    ...(year ? { year: { year: Number(year), place } } : {}),
  };
}

/** Each of board and year from the Information sheet when it states it, else from the document properties. */
export function combinedOrigin(sheet: TemplateOrigin, properties: TemplateOrigin): TemplateOrigin {
  const board = sheet.board ?? properties.board;
  const year = sheet.year ?? properties.year;
  return { ...(board ? { board } : {}), ...(year ? { year } : {}) };
}

/** A board and year as a message names them: `Länsstyrelsen i Uppsala län (C) 2013`. */
function named(board: BoardCode, year: number): string {
  return `${boardByCode(board).name} (${board}) ${year}`;
}

function placesInWords(places: readonly OriginPlace[]): Localized {
  const cells = places.flatMap((place) => (place.kind === 'cell' ? [place.cell] : []));
  const properties = places.some((place) => place.kind === 'properties');
  const sv: string[] = [];
  const en: string[] = [];
  if (cells.length > 0) {
    sv.push(`bladet Information (${cells.join(', ')})`);
    en.push(`its Information sheet (${cells.join(', ')})`);
  }
  if (properties) {
    sv.push('filens egenskaper (Taggar/Nyckelord)');
    en.push('its document properties (Tags/Keywords)');
  }
  return { sv: sv.join(' och '), en: en.join(' and ') };
}

/** What to change on the Information sheet, or else to copy the rows into a new template: the way to go on at a deadline. */
function fixInWords(mismatched: readonly { place: OriginPlace; value: string }[], request: string): Localized {
  const onSheet = mismatched.flatMap(({ place, value }) => (place.kind === 'cell' ? [{ ...place, value }] : []));
  if (onSheet.length === mismatched.length) {
    const sv = onSheet.map((cell) => `${cell.value} i ${cell.cell} (${cell.label})`).join(', ');
    const en = onSheet.map((cell) => `${cell.value} in ${cell.cell} (${cell.label})`).join(', ');
    return { sv: `skriv ${sv} och lämna in filen igen`, en: `write ${en} and submit the file again` };
  }
  return {
    sv: `klistra in raderna i en mall hämtad för ${request} och lämna in den`,
    en: `paste the rows into a template downloaded for ${request} and submit that`,
  };
}

/** Why a file made for another board or year is refused: both named, where the file says so, and how to go on. */
export interface OriginMismatch {
  readonly detail: Localized;
  readonly file: { readonly board: BoardCode; readonly year: number };
  readonly request: { readonly board: BoardCode; readonly year: Year };
}

/**
 * Whether the board and year a file says it is for disagree with the upload's (`?board=&year=`); undefined when they
 * agree, or when the file says nothing (a file with no board or year is read as it always was). A fact the file does
 * not state is taken to be the request's.
 */
export function originMismatch(origin: TemplateOrigin, request: { board: BoardCode; year: Year }): OriginMismatch | undefined {
  const mismatched: { place: OriginPlace; value: string }[] = [];
  if (origin.board && origin.board.code !== request.board) {
    const { place } = origin.board;
    const byName = place.kind === 'cell' && labelled(INFO_LABELS.board, normalized(place.label));
    mismatched.push({ place, value: byName ? boardByCode(request.board).name : request.board });
  }
  if (origin.year && origin.year.year !== request.year) mismatched.push({ place: origin.year.place, value: String(request.year) });
  if (mismatched.length === 0) return undefined;
  const file = { board: origin.board?.code ?? request.board, year: origin.year?.year ?? request.year };
  const fileSays = named(file.board, file.year);
  const wanted = named(request.board, request.year);
  const where = placesInWords(mismatched.map((mismatch) => mismatch.place));
  const fix = fixInWords(mismatched, wanted);
  return {
    file,
    request,
    detail: {
      sv:
        `Filen hämtades som mall för ${fileSays} enligt ${where.sv}, men lämnades in för ${wanted}. Inget sparades: raderna gäller troligen ${fileSays}. ` +
        `Gäller de ${fileSays}, lämna in dem för det länet och året. Gäller de ${wanted}, ${fix.sv}.`,
      en:
        `The file was downloaded as the template for ${fileSays} according to ${where.en}, but was submitted for ${wanted}. Nothing was stored: the rows are probably for ${fileSays}. ` +
        `If they are, submit them for that county and year. If they are for ${wanted}, ${fix.en}.`,
    },
  };
}
