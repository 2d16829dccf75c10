import JSZip from 'jszip';
import { finalReport, reportDraft, statusReport, shownValue } from '@samla/shared';
import { reportDocxBuffer } from '../../../functions/src/reports/report-docx';
import { smallNation } from '../../shared/reports/nation-fixture';

const input = smallNation();

/** The document's visible text, run by run joined, and its hyperlink targets, read from the docx XML itself. */
async function documentText(bytes: Buffer): Promise<{ text: string; links: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
  const rels = await (zip.file('word/_rels/document.xml.rels') as JSZip.JSZipObject).async('string');
  const decode = (value: string): string =>
    value
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => decode(match[1] ?? '')).join('\n');
  const links = [...rels.matchAll(/Target="([^"]+)"\s+TargetMode="External"/g)].map((match) => decode(match[1] ?? ''));
  return { text, links };
}

describe('the draft final report as a Word document', () => {
  const model = finalReport(input);
  const draft = reportDraft(model);
  let read: Awaited<ReturnType<typeof documentText>>;
  beforeAll(async () => {
    read = await documentText(await reportDocxBuffer(draft));
  });

  it('follows the outline of the report to the ministry and leaves the judgement to the coordinator', () => {
    const headings = draft.sections.map((section) => section.heading);
    expect(headings).toEqual([
      'Förord',
      'Uppdraget och dess syfte',
      'Genomförande per uppdragsdel',
      'Deltagare efter kön',
      'Kostnader mot takbeloppen',
      'Rekvisitioner och återbetalningar',
      'Resultat och bedömda effekter',
      'Lärande exempel',
      'Lärdomar',
      'Förslag för länsstyrelsernas fortsatta arbete',
      'Bilaga: länsstyrelsernas siffror per år',
    ]);
    for (const heading of headings) expect(read.text).toContain(heading);
    expect(draft.sections.filter((section) => section.forCoordinator).map((section) => section.heading)).toEqual([
      'Förord',
      'Lärdomar',
      'Förslag för länsstyrelsernas fortsatta arbete',
    ]);
  });

  it('holds the figures of the workbook: every cell of the ceilings, participants, funds, settlement and per-board tables', () => {
    const lines = read.text.split('\n');
    for (const name of ['Takbelopp', 'Deltagare', 'Rekvisitioner', 'Avräkning', 'Per län och år']) {
      const sheet = model.sheets.find((candidate) => candidate.name === name);
      for (const row of sheet?.rows() ?? [])
        row.forEach((cell, index) => {
          const shown = shownValue(cell, sheet?.columns[index]?.kind ?? 'text');
          if (shown !== '') expect(lines).toContain(shown);
        });
    }
    // AB's 2014 grant costs over the ceiling, as the workbook's Takbelopp!C3 holds them.
    expect(lines).toContain('3\u00a0100\u00a0000,01');
    expect(lines).toContain('Överskrider taket');
    // 2013: requisitioned 300 000 + 50 000,50 (the second late), 10 000 repaid, 78 099,90 still to repay.
    expect(lines).toEqual(expect.arrayContaining(['350\u00a0000,50', 'Försenad (efter 2013-09-30)', '10\u00a0000,00', '78\u00a0099,90']));
  });

  it('reports requisitions and repayments in the status report too, or says that none are recorded', async () => {
    const status = await documentText(await reportDocxBuffer(reportDraft(statusReport(input))));
    expect(status.text).toContain('Rekvisitioner och återbetalningar');
    expect(status.text.split('\n')).toContain('350\u00a0000,50');
    const none = await documentText(await reportDocxBuffer(reportDraft(statusReport({ ...input, funds: [] }))));
    expect(none.text).toContain('Inga rekvisitioner eller återbetalningar är registrerade i Samla.');
  });

  it('links the learning examples to Jämställ.nu', () => {
    expect(read.links).toContain('https://www.jamstall.nu/c2');
  });
});

describe('the draft reports', () => {
  it('leave the proposals section to the final report', () => {
    expect(reportDraft(statusReport(input)).sections.map((section) => section.heading)).not.toContain('Förslag för länsstyrelsernas fortsatta arbete');
  });

  it('show stored text that XML cannot hold with U+FFFD, in a file that opens', async () => {
    const polluted = smallNation();
    const year = polluted.years[0];
    const entry = year?.activities[0];
    const withBadTitle = {
      ...polluted,
      years: [{ ...year, activities: [{ ...entry, rows: [{ ...entry?.rows[0], title: 'Text med \uFFFF tecken' }] }] }],
    } as typeof polluted;
    const read = await documentText(await reportDocxBuffer(reportDraft(finalReport(withBadTitle))));
    expect(read.text).toContain('Text med \uFFFD tecken');
    expect(read.text).not.toContain('\uFFFF');
  });
});
