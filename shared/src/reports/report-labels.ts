import type { RoundState } from '../round/reporting-round';
import { YES_NO, type ListDefinition } from '../templates/list-definitions';
import type { ReportKind } from './report-model';

/** The Swedish names of the report sheets: files and formulas rely on them. */
export const SHEET_NAMES = {
  overview: 'Översikt',
  perYear: 'Sammanfattning per år',
  perBoard: 'Per län och år',
  activities: 'Aktiviteter',
  expenses: 'Kostnader',
  participants: 'Deltagare',
  costsByBoard: 'Kostnader per län',
  ceilings: 'Takbelopp',
  submissions: 'Inlämningar',
  results: 'Resultat och effekter',
  learningExamples: 'Lärande exempel',
  funds: 'Rekvisitioner',
  settlement: 'Avräkning',
  check: 'Kontroll',
  sources: 'Kontroll källor',
} as const;

/** The check sheet's answers: whether a total's live formula still gives what Samla computed. */
export const CHECK_ANSWERS = {
  yes: 'Ja',
  no: 'Nej',
  allAgree: 'Ja, alla summor stämmer',
  someDiffer: 'Nej, se bladet Kontroll',
  notSubmitted: 'Ej inlämnad',
} as const;

/** What the highlight colours mean, as the overview's legend says it. */
export const HIGHLIGHT_LEGEND = {
  alert: {
    label: 'Röd markering',
    meaning: 'Kräver åtgärd: överskrider taket, inlämnat för sent eller saknas, återsänt för rättelse, rekvirerat för sent, summa som inte stämmer',
  },
  notice: {
    label: 'Gul markering',
    meaning: 'Bör ses över: inlämning med varningar, ännu inte godkänd, inget att redovisa, medel kvar att återbetala',
  },
} as const;

export const REPORT_TITLES: Record<ReportKind, string> = {
  status: 'Lägesrapport',
  final: 'Slutredovisning',
  financial: 'Ekonomisk redovisning',
};

const FILE_STEMS: Record<ReportKind, string> = {
  status: 'lagesrapport',
  final: 'slutredovisning',
  financial: 'ekonomisk-redovisning',
};

/** `Samla-lagesrapport-2013.xlsx`, `Samla-slutredovisning-2013-2014.xlsx`: ASCII, so every browser keeps it. */
export function reportFileName(kind: ReportKind, years: readonly number[]): string {
  const first = Math.min(...years);
  const last = Math.max(...years);
  return `Samla-${FILE_STEMS[kind]}-${first === last ? first : `${first}-${last}`}.xlsx`;
}

export function yearSpan(years: readonly number[]): string {
  const first = Math.min(...years);
  const last = Math.max(...years);
  return first === last ? String(first) : `${first}–${last}`;
}

/** The Swedish label of a list value; an unknown key is shown as it is rather than lost. */
export function listLabel(list: ListDefinition, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  return list.options.find((option) => option.key === key)?.label.sv ?? key;
}

/** Yes and no as the templates show them: a report's `Ja` matches a criterion on the same text. */
export const YES = YES_NO.yes.sv;
export const NO = YES_NO.no.sv;

export const FLAGS = {
  withinCeiling: 'Inom taket',
  overCeiling: 'Överskrider taket',
  inTime: 'I tid',
  late: 'Försenad',
  complete: 'Komplett',
  nothingMissing: 'Inga',
  notRequisitioned: 'Ej rekvirerat',
} as const;

/** A round's state as the submissions sheet shows it; a missing template is said by the sheet's status instead. */
export const ROUND_LABELS: Record<Exclude<RoundState, 'missing'>, string> = {
  submitted: 'Väntar på granskning',
  returned: 'Återsänd för rättelse',
  accepted: 'Godkänd',
};

/** The status of a board that said it has nothing to report for a template (`Inget att redovisa: Kostnader`). */
export const NOTHING_TO_REPORT = 'Inget att redovisa';

/** `Försenad (efter 2013-09-30)`: late, and the deadline it missed. */
export const lateFlag = (deadline: string): string => `${FLAGS.late} (efter ${deadline})`;

export const FUNDS_KIND_LABELS = { requisition: 'Rekvisition', repayment: 'Återbetalning' } as const;
