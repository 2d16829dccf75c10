import { Document, ExternalHyperlink, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DraftTable, ReportDraft } from '@samla/shared';
import { xmlSafeText } from '../workbooks/inert-text';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Document text passes the same XML-safe path as workbook text: nothing stored can break the file. */
const text = (value: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun => new TextRun({ text: xmlSafeText(value), ...options });

function cell(value: string, link: boolean, header: boolean): TableCell {
  const safe = xmlSafeText(value);
  const child =
    link && /^https?:\/\//i.test(safe)
      ? new Paragraph({ children: [new ExternalHyperlink({ link: safe, children: [new TextRun({ text: safe, style: 'Hyperlink' })] })] })
      : new Paragraph({ children: [text(safe, { bold: header })] });
  return new TableCell({ children: [child] });
}

function table(draft: DraftTable): Table {
  const links = new Set(draft.linkColumns ?? []);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: draft.headers.map((header) => cell(header, false, true)) }),
      ...draft.rows.map((row) => new TableRow({ children: row.map((value, index) => cell(value, links.has(index), false)) })),
    ],
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
