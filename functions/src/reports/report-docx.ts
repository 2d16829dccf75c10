import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { DraftTable, ReportDraft } from '@samla/shared';
import { xmlSafeText } from '../workbooks/inert-text';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Table text in 9 pt (half-points), so that a table of a dozen figures fits the landscape page. */
const TABLE_SIZE = 18;
/** The text width of landscape A4 with Word's default margins of one inch, in twips (1/1440 inch). */
const TEXT_WIDTH_TWIPS = 16838 - 2 * 1440;
/** A column's share is measured in characters, at least a short word and at most a long line. */
const [MIN_CHARS, MAX_CHARS] = [7, 40];
/** A figure as the draft shows it (`1 400 000,00`, `−0,01`, `60 %`): set flush right, as figures are. */
const FIGURE = /^[−-]?\d[\d\s\u00a0]*(?:,\d+)?(?:\s?%)?$/;

/** Document text passes the same XML-safe path as workbook text: nothing stored can break the file. */
const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun =>
  new TextRun({ text: xmlSafeText(value), ...options });

function cell(value: string, link: boolean, header: boolean, width: number): TableCell {
  const safe = xmlSafeText(value);
  const child =
    link && /^https?:\/\//i.test(safe)
      ? new Paragraph({ children: [new ExternalHyperlink({ link: safe, children: [new TextRun({ text: safe, style: 'Hyperlink', size: TABLE_SIZE })] })] })
      : new Paragraph({
          ...(!header && FIGURE.test(safe) ? { alignment: AlignmentType.RIGHT } : {}),
          children: [text(safe, { bold: header, size: TABLE_SIZE })],
        });
  return new TableCell({ children: [child], width: { size: width, type: WidthType.DXA } });
}

/** About one character of 9 pt text, with the cell's padding shared out, in twips. */
const CHAR_TWIPS = 120;
/** A column of at most this many characters (a year, a figure, a date) keeps its width; longer ones give way. */
const SHORT_CHARS = 16;

/**
 * Each column as wide as its content asks (its longest header word, its longest value, within 7–40 characters). When
 * the columns are wider than the page, the long text columns give way and the short ones (years, figures, dates) keep
 * their width, so that a figure stays on one line and a name is not broken inside a word.
 */
function columnWidths(draft: DraftTable): number[] {
  const chars = draft.headers.map((header, column) => {
    const longest = Math.max(
      // Bold header words are about a tenth wider than the values' text.
      ...header.split(/\s+/).map((word) => Math.ceil(word.length * 1.1)),
      ...draft.rows.map((row) => (row[column] ?? '').length),
    );
    return Math.min(MAX_CHARS, Math.max(MIN_CHARS, longest + 1));
  });
  const wanted = chars.map((width) => width * CHAR_TWIPS);
  const total = wanted.reduce((sum, width) => sum + width, 0);
  const short = wanted.reduce((sum, width, index) => sum + ((chars[index] as number) <= SHORT_CHARS ? width : 0), 0);
  const long = total - short;
  const room = TEXT_WIDTH_TWIPS - short;
  // Everything fits: the page is shared out in the same proportions. Else the long columns share what the short leave.
  if (total <= TEXT_WIDTH_TWIPS || long === 0 || room <= long * 0.3) return wanted.map((width) => Math.floor((width / total) * TEXT_WIDTH_TWIPS));
  return wanted.map((width, index) => ((chars[index] as number) <= SHORT_CHARS ? width : Math.floor((width / long) * room)));
}

function table(draft: DraftTable): Table {
  const links = new Set(draft.linkColumns ?? []);
  const widths = columnWidths(draft);
  const row = (values: readonly string[], header: boolean): TableRow =>
    new TableRow({
      tableHeader: header,
      // A row stays on one page: a name split over a page break reads as two rows.
      cantSplit: true,
      children: values.map((value, index) => cell(value, !header && links.has(index), header, widths[index] as number)),
    });
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [row(draft.headers, true), ...draft.rows.map((values) => row(values, false))],
  });
}

/** The draft as a Word document (A4 landscape, for the wide tables): headings, paragraphs and tables, nothing computed here. */
export async function reportDocxBuffer(draft: ReportDraft): Promise<Buffer> {
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(draft.title)] }),
    new Paragraph({ children: [text(draft.subtitle, { italics: true })] }),
    new Paragraph({ children: [text('Utkast skrivet av Samla från länsstyrelsernas inlämnade underlag.', { italics: true })] }),
    ...draft.sections.flatMap((section) => [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(section.heading)] }),
      ...section.paragraphs.map((paragraph) => new Paragraph({ children: [text(paragraph, { italics: section.forCoordinator })] })),
      ...section.tables.flatMap((draftTable) => [table(draftTable), new Paragraph({ children: [] })]),
    ]),
  ];
  const document = new Document({
    creator: 'Samla',
    title: xmlSafeText(draft.title),
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(document);
}
