import type { InitiativeSettings } from '../reference/initiative';
import { CHECK_ANSWERS, FLAGS, HIGHLIGHT_LEGEND, SHEET_NAMES } from './report-labels';
import { tableSheet, type CellKind, type FormulaCell, type PlainValue, type ReportCell, type ReportColumn, type ReportSheet } from './report-model';
import { swedishLocalTime } from './submission-timing';

/** One line of an overview: what, and its value (a plain value of a kind, or a total). */
export type OverviewLine = readonly [label: string, value: FormulaCell | { value: PlainValue; kind: CellKind }];

const COLUMNS: readonly ReportColumn[] = [
  { key: 'item', label: 'Uppgift', kind: 'text', width: 36 },
  { key: 'value', label: 'Värde', kind: 'text', width: 60 },
];

export const textLine = (label: string, value: string): OverviewLine => [label, { value, kind: 'text' }];

/** The lines every report opens with: the initiative, the report, when it was made, what it is charged to and when it is due. */
export function headLines(settings: InitiativeSettings, report: string, period: string, generatedAt: string, due: string): OverviewLine[] {
  return [
    textLine('Satsning', settings.name.sv),
    textLine('Rapport', report),
    textLine('Period', period),
    ['Skapad', { value: swedishLocalTime(generatedAt), kind: 'dateTime' }],
    textLine('Belastar', settings.funding.description.sv),
    ['Redovisas senast', { value: due, kind: 'date' }],
  ];
}

/** The overview's legend of the highlight colours, the same in every report. */
const LEGEND_LINES: readonly OverviewLine[] = [
  textLine(HIGHLIGHT_LEGEND.alert.label, HIGHLIGHT_LEGEND.alert.meaning),
  textLine(HIGHLIGHT_LEGEND.notice.label, HIGHLIGHT_LEGEND.notice.meaning),
];

/** The label of the overview line saying whether every total agrees with the check sheet. */
export const CHECK_LINE_LABEL = 'Kontroll: stämmer alla summor?';

/**
 * The overview: its lines, the legend of the highlights, and (when given) the line saying whether every total
 * still agrees with what Samla computed. It prints on one page. The legend and the check come last, so that a
 * check built from the overview without them points at the same rows.
 */
export function overviewSheet(lines: readonly OverviewLine[], allAgree?: FormulaCell): ReportSheet {
  const all = [...lines, ...LEGEND_LINES, ...(allAgree ? [[CHECK_LINE_LABEL, allAgree] as const] : [])];
  const rows = all.map(([label, value]): ReportCell[] => [label, value]);
  return tableSheet(SHEET_NAMES.overview, COLUMNS, rows, {
    onePage: true,
    filter: false,
    highlights: [
      { column: 'item', startsWith: HIGHLIGHT_LEGEND.alert.label, tone: 'alert' },
      { column: 'item', startsWith: HIGHLIGHT_LEGEND.notice.label, tone: 'notice' },
      { column: 'value', startsWith: FLAGS.overCeiling, tone: 'alert' },
      { column: 'value', startsWith: CHECK_ANSWERS.someDiffer, tone: 'alert' },
    ],
  });
}
