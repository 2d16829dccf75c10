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

/** Rows a `VersionSummaryTally` holds before it adds their figures to its sums. */
const TALLY_ROWS = 1_000;

/**
 * The summary of a version whose rows come one at a time and are not kept (an uploaded file, streamed): the module's
 * figures of each 1 000 rows, added up. Figures are counts or kronor (at most whole öre, as every module's are), so
 * they are added in öre, exactly: the summary equals `summarizeVersion` of all the rows.
 */
export class VersionSummaryTally {
  private readonly pending: Record<string, unknown>[] = [];
  private readonly ore = new Map<string, number>();
  private rows = 0;

  constructor(private readonly template: TemplateKey | (string & {})) {}

  /** One row of the version, in order. */
  add(row: Readonly<Record<string, unknown>>): void {
    this.rows += 1;
    this.pending.push(row);
    if (this.pending.length >= TALLY_ROWS) this.flush();
  }

  /** The summary of every row added; `warnings` is how many the judgement found. */
  summary(warnings: number): VersionSummary {
    // A version with no rows still has the module's figures (zeros), as summarizeVersion gives them.
    if (this.pending.length > 0 || this.ore.size === 0) this.flush();
    const figures: Record<string, number> = {};
    for (const [key, ore] of this.ore) figures[key] = fromOre(ore);
    return { rows: this.rows, warnings, figures };
  }

  private flush(): void {
    const figures = templateModule(this.template).figures(this.pending);
    for (const [key, value] of Object.entries(figures)) this.ore.set(key, (this.ore.get(key) ?? 0) + toOre(value));
    this.pending.length = 0;
  }
}
