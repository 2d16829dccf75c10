import type { InitiativeSettings } from '../reference/initiative';
import { SHEET_NAMES } from './report-labels';
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

export function overviewSheet(lines: readonly OverviewLine[]): ReportSheet {
  const rows = lines.map(([label, value]): ReportCell[] => [label, value]);
  return tableSheet(SHEET_NAMES.overview, COLUMNS, rows);
}
