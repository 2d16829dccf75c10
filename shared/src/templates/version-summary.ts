import { fromOre, toOre } from '../reports/report-model';
import type { ActivityRow } from './activities-template';
import type { ExpenseRow } from './expenses-template';
import { templateModule, type TemplateKey, type TemplateRows } from './template-modules';

/**
 * What the round's overview shows of one stored version without reading its rows (design.md, "The reporting round"):
 * the row and warning counts and the template's own figures.
 *
 * Figures, by template:
 * - activities: `participantsWomen`, `participantsMen`, `participantsUnspecified` (people, summed over the rows), and the
 *   same three per strand as `participantsWomen.<strand>` etc., for the pane's participants-by-sex-per-strand chart;
 * - expenses: `grantCosts` and `ownCosts` (kronor, summed in whole öre so the total is exact to the öre) and `costs`
 *   (both together).
 */
export interface VersionSummary {
  readonly rows: number;
  readonly warnings: number;
  readonly figures: Readonly<Record<string, number>>;
}

/** The figure keys a stored summary holds: the server writes them, the pane's overview reads them. */
export const FIGURE_KEYS = {
  women: 'participantsWomen',
  men: 'participantsMen',
  unspecified: 'participantsUnspecified',
  grant: 'grantCosts',
  own: 'ownCosts',
  costs: 'costs',
} as const;

const PARTICIPANT_KEYS = [FIGURE_KEYS.women, FIGURE_KEYS.men, FIGURE_KEYS.unspecified] as const;

/** The key of a participant figure for one strand: `participantsWomen.<strand>`. */
export function strandFigureKey(key: (typeof PARTICIPANT_KEYS)[number], strand: string): string {
  return `${key}.${strand}`;
}

/** The activities module's figures: participants by sex, in total and per strand. */
export function activityFigures(rows: readonly ActivityRow[]): Record<string, number> {
  const figures: Record<string, number> = Object.fromEntries(PARTICIPANT_KEYS.map((key) => [key, 0]));
  for (const row of rows) {
    for (const key of PARTICIPANT_KEYS) {
      const count = row[key] ?? 0;
      figures[key] = (figures[key] ?? 0) + count;
      const byStrand = strandFigureKey(key, row.strand);
      figures[byStrand] = (figures[byStrand] ?? 0) + count;
    }
  }
  return figures;
}

/** The expenses module's figures: grant, own and all costs in kronor, exact to the öre. */
export function expenseFigures(rows: readonly ExpenseRow[]): Record<string, number> {
  let grantOre = 0;
  let ownOre = 0;
  for (const row of rows) {
    if (row.funding === 'grant') grantOre += toOre(row.amount);
    else ownOre += toOre(row.amount);
  }
  return { [FIGURE_KEYS.grant]: fromOre(grantOre), [FIGURE_KEYS.own]: fromOre(ownOre), [FIGURE_KEYS.costs]: fromOre(grantOre + ownOre) };
}

/** The summary of a version's judged rows, with its module's figures; `warnings` is how many the server's judgement found. */
export function summarizeVersion<T extends TemplateKey>(template: T | (string & {}), rows: readonly TemplateRows[T][], warnings: number): VersionSummary {
  // The rows are the template's own rows, which its module's figures read.
  const figures = templateModule(template).figures(rows as unknown as readonly Record<string, unknown>[]);
  return { rows: rows.length, warnings, figures };
}
