import { STRANDS } from '../templates/list-definitions';
import { SHEET_NAMES } from './report-labels';
import { WOMEN_SHARE_MINIMUM } from './summary-sheets';
import { columnIndex, isFormulaCell, type CellKind, type ReportCell, type ReportModel, type ReportSheet } from './report-model';

/** A table of the draft: headers and rows as the reader sees them (numbers formatted in Swedish). */
export interface DraftTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns holding web addresses, shown as links. */
  readonly linkColumns?: readonly number[];
}

/** A section: its heading, paragraphs, and tables; `forCoordinator` marks text the coordinator writes. */
export interface DraftSection {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly DraftTable[];
  readonly forCoordinator?: boolean;
}

/** The draft of the report to the ministry, in the outline of LUJ's final report (Dnr 800-1476-2013). */
export interface ReportDraft {
  readonly title: string;
  readonly subtitle: string;
  readonly fileName: string;
  readonly sections: readonly DraftSection[];
}

const numberFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const amountFormat = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const shareFormat = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });

/** A cell as the workbook shows it, so the document and the workbook say the same figure. */
export function shownValue(cell: ReportCell | undefined, kind: CellKind): string {
  const value = isFormulaCell(cell as ReportCell) || (typeof cell === 'object' && cell !== null) ? (cell as { value: unknown }).value : cell;
  const ownKind = typeof cell === 'object' && cell !== null && 'kind' in cell && cell.kind ? cell.kind : kind;
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nej';
  // An instant as the workbook shows it (`2014-01-31 23:30`); any other text exactly as stored.
  if (typeof value !== 'number') return String(value).replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):\d{2}$/, '$1 $2');
  if (ownKind === 'amount') return amountFormat.format(value);
  if (ownKind === 'share') return shareFormat.format(value);
  if (ownKind === 'year') return String(value);
  return numberFormat.format(value);
}

function sheet(model: ReportModel, name: string): ReportSheet | undefined {
  return model.sheets.find((candidate) => candidate.name === name);
}

/** Some columns of a sheet as a table, every row. */
function sheetTable(source: ReportSheet, keys: readonly string[], linkKeys: readonly string[] = []): DraftTable {
  const indexes = keys.map((key) => columnIndex(source, key));
  return {
    headers: indexes.map((index) => source.columns[index]?.label ?? ''),
    rows: [...source.rows()].map((cells) => indexes.map((index) => shownValue(cells[index], source.columns[index]?.kind ?? 'text'))),
    linkColumns: linkKeys.map((key) => keys.indexOf(key)),
  };
}

/** Per strand: activities and participants by sex, counted from the activities sheet the workbook holds. */
function strandTable(activities: ReportSheet): DraftTable {
  const [strand, women, men, unspecified] = ['strand', 'participantsWomen', 'participantsMen', 'participantsUnspecified'].map((key) =>
    columnIndex(activities, key),
  );
  const totals = new Map<string, number[]>(STRANDS.options.map((option) => [option.label.sv, [0, 0, 0, 0]]));
  for (const cells of activities.rows()) {
    const figures = totals.get(String(cells[strand as number])) ?? [0, 0, 0, 0];
    const add = (at: number, value: ReportCell | undefined): void => {
      figures[at] = (figures[at] as number) + (typeof value === 'number' ? value : 0);
    };
    add(0, 1);
    add(1, cells[women as number]);
    add(2, cells[men as number]);
    add(3, cells[unspecified as number]);
    totals.set(String(cells[strand as number]), figures);
  }
  return {
    headers: ['Uppdragsdel', 'Aktiviteter', 'Deltagare kvinnor', 'Deltagare män', 'Deltagare ej könsuppdelat'],
    rows: [...totals].map(([label, figures]) => [label, ...figures.map((figure) => numberFormat.format(figure))]),
  };
}

const COORDINATOR = '[Skrivs av samordnaren.]';

/**
 * Rekvisitioner och återbetalningar: per year the ceiling, what was requisitioned from Kammarkollegiet and whether in
 * time, the grant-funded costs, the unused funds and what is left to repay by when (the settlement sheet), and each
 * requisition and repayment with its date (the funds sheet). Source: the decision's requisition and repayment terms.
 */
function fundsSection(settlement: ReportSheet, funds: ReportSheet | undefined): DraftSection {
  const movements = funds && funds.rowCount > 0 ? [sheetTable(funds, ['year', 'kind', 'date', 'amount', 'deadline', 'timing'])] : [];
  return {
    heading: 'Rekvisitioner och återbetalningar',
    paragraphs: [
      'Medel rekvirerade från Kammarkollegiet mot kostnaderna som belastar anslaget, och outnyttjade medel som ska återbetalas.',
      ...(movements.length === 0 ? ['Inga rekvisitioner eller återbetalningar är registrerade i Samla.'] : []),
    ],
    tables: [
      sheetTable(settlement, ['year', 'ceiling', 'requisitioned', 'requisitionTiming', 'grant', 'unused', 'repaid', 'toRepay', 'repaymentDeadline']),
      ...movements,
    ],
  };
}

/**
 * The draft of the status or final report as a document, from the same report model as the workbook: the
 * decision's headings, every figure and table filled in, and the judgement (foreword, lessons, proposals) left to
 * the coordinator. Pure: the writer only lays it out.
 */
export function reportDraft(model: ReportModel): ReportDraft {
  const overview = sheet(model, SHEET_NAMES.overview);
  const lines = overview ? [...overview.rows()].map((cells) => [String(cells[0]), shownValue(cells[1], 'text')] as const) : [];
  const line = (label: string): string => lines.find(([item]) => item === label)?.[1] ?? '';
  const activities = sheet(model, SHEET_NAMES.activities);
  const participants = sheet(model, SHEET_NAMES.participants);
  const ceilings = sheet(model, SHEET_NAMES.ceilings);
  const results = sheet(model, SHEET_NAMES.results);
  const examples = sheet(model, SHEET_NAMES.learningExamples);
  const settlement = sheet(model, SHEET_NAMES.settlement);
  const funds = sheet(model, SHEET_NAMES.funds);
  const perBoard = sheet(model, SHEET_NAMES.perBoard);
  const sections: DraftSection[] = [
    { heading: 'Förord', paragraphs: [COORDINATOR], tables: [], forCoordinator: true },
    {
      heading: 'Uppdraget och dess syfte',
      paragraphs: [
        `${line('Satsning')}. Rapporten avser ${line('Period')} och redovisas senast ${line('Redovisas senast')}. Medlen belastar ${line('Belastar')}.`,
        `Underlaget är de inlämningar som länsstyrelserna gjort i Samla fram till ${line('Skapad')}.`,
      ],
      tables: [],
    },
  ];
  if (activities)
    sections.push({
      heading: 'Genomförande per uppdragsdel',
      paragraphs: ['Aktiviteter och deltagare per uppdragsdel, från länsstyrelsernas inlämnade aktiviteter.'],
      tables: [strandTable(activities)],
    });
  if (participants)
    sections.push({
      heading: 'Deltagare efter kön',
      paragraphs: [
        `Deltagare per år, uppdragsdel och målgrupp. Andelen kvinnor räknas av de könsuppdelade deltagarna och visas där minst ${WOMEN_SHARE_MINIMUM} är könsuppdelade.`,
      ],
      tables: [sheetTable(participants, ['year', 'strand', 'targetGroup', 'women', 'men', 'unspecified', 'total', 'womenShare'])],
    });
  if (ceilings)
    sections.push({
      heading: 'Kostnader mot takbeloppen',
      paragraphs: ['Kostnader som belastar anslaget mot årets takbelopp, och kostnader som länsstyrelserna har betalat med egna medel.'],
      tables: [sheetTable(ceilings, ['year', 'ceiling', 'grant', 'own', 'margin', 'assessment'])],
    });
  if (settlement) sections.push(fundsSection(settlement, funds));
  if (results)
    sections.push({
      heading: 'Resultat och bedömda effekter',
      paragraphs: ['Genomförda aktiviteter med det resultat och den effekt länsstyrelserna har redovisat.'],
      tables: [sheetTable(results, ['activityId', 'strand', 'title', 'result', 'effect'])],
    });
  if (examples)
    sections.push({
      heading: 'Lärande exempel',
      paragraphs: ['Lärande exempel och var de är publicerade på Jämställ.nu.'],
      tables: [sheetTable(examples, ['activityId', 'title', 'status', 'publishedUrl'], ['publishedUrl'])],
    });
  sections.push({ heading: 'Lärdomar', paragraphs: [COORDINATOR], tables: [], forCoordinator: true });
  if (model.kind === 'final')
    sections.push({ heading: 'Förslag för länsstyrelsernas fortsatta arbete', paragraphs: [COORDINATOR], tables: [], forCoordinator: true });
  if (perBoard)
    sections.push({
      heading: 'Bilaga: länsstyrelsernas siffror per år',
      paragraphs: [
        `Aktiviteter, deltagare efter kön och kostnader mot anslaget per länsstyrelse, åren sida vid sida. Andelen kvinnor visas där minst ${WOMEN_SHARE_MINIMUM} deltagare är könsuppdelade.`,
      ],
      tables: [
        sheetTable(
          perBoard,
          perBoard.columns.map((column) => column.key),
        ),
      ],
    });
  return {
    title: model.title,
    subtitle: line('Satsning'),
    fileName: model.fileName.replace(/\.xlsx$/, '.docx'),
    sections,
  };
}
