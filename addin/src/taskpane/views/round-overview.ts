import { BOARDS, FIGURE_KEYS, strandFigureKey, STRANDS, TEMPLATE_KEYS, type BoardCode, type RoundEntry, type Strand, type TemplateKey } from '@samla/shared';

/*
 * The coordinator's overview, computed from `GET /api/rounds/{year}` alone (stored per-version summaries, never rows).
 * The summary figures' keys are shared's FIGURE_KEYS, as summarizeVersion writes them (the server stores them per version).
 */
export { FIGURE_KEYS };

export const OVERVIEW_FILTERS = ['all', 'missing', 'late', 'returned'] as const;
export type OverviewFilter = (typeof OVERVIEW_FILTERS)[number];

/** One board's line: its two templates' entries (a board the server left out counts as missing). */
export interface BoardLine {
  readonly board: BoardCode;
  readonly entries: Readonly<Record<TemplateKey, RoundEntry>>;
}

const missingEntry = (board: BoardCode, template: TemplateKey): RoundEntry => ({
  board,
  template,
  state: 'missing',
  late: false,
  nothingToReport: false,
  cells: [],
});

/** All 21 boards in the reference order, each with both templates. */
export function boardLines(entries: readonly RoundEntry[]): BoardLine[] {
  return BOARDS.map(({ code }) => {
    const of = (template: TemplateKey) => entries.find((entry) => entry.board === code && entry.template === template) ?? missingEntry(code, template);
    return { board: code, entries: { activities: of('activities'), expenses: of('expenses') } };
  });
}

/** The boards a filter keeps: a board is shown when either template matches. */
export function filterLines(lines: readonly BoardLine[], filter: OverviewFilter): BoardLine[] {
  if (filter === 'all') return [...lines];
  return lines.filter((line) =>
    TEMPLATE_KEYS.some((template) => {
      const entry = line.entries[template];
      return filter === 'late' ? entry.late : entry.state === filter;
    }),
  );
}

export interface NationTotals {
  /** Board × template entries per state, and late ones. */
  readonly states: Readonly<Record<RoundEntry['state'], number>>;
  readonly late: number;
  readonly entries: number;
  readonly rows: number;
  readonly warnings: number;
  readonly women: number;
  readonly men: number;
  readonly unspecified: number;
  /** Kronor. */
  readonly grant: number;
  readonly own: number;
}

const figure = (entry: RoundEntry, key: string): number => entry.summary?.figures[key] ?? 0;

/** The nation's totals over every current version. */
export function nationTotals(lines: readonly BoardLine[]): NationTotals {
  const states = { missing: 0, submitted: 0, returned: 0, accepted: 0 };
  let late = 0;
  let rows = 0;
  let warnings = 0;
  let women = 0;
  let men = 0;
  let unspecified = 0;
  let grant = 0;
  let own = 0;
  for (const line of lines) {
    for (const template of TEMPLATE_KEYS) {
      const entry = line.entries[template];
      states[entry.state] += 1;
      if (entry.late) late += 1;
      rows += entry.summary?.rows ?? 0;
      warnings += entry.summary?.warnings ?? 0;
      women += figure(entry, FIGURE_KEYS.women);
      men += figure(entry, FIGURE_KEYS.men);
      unspecified += figure(entry, FIGURE_KEYS.unspecified);
      grant += figure(entry, FIGURE_KEYS.grant);
      own += figure(entry, FIGURE_KEYS.own);
    }
  }
  return { states, late, entries: lines.length * TEMPLATE_KEYS.length, rows, warnings, women, men, unspecified, grant, own };
}

/** Participants by sex per strand over the activities' summaries (the per-strand figures of shared's strandFigureKey). */
export function participantsByStrand(lines: readonly BoardLine[]): { strand: Strand; women: number; men: number; unspecified: number }[] {
  return STRANDS.options.map(({ key }) => {
    const sum = (figureKey: Parameters<typeof strandFigureKey>[0]) =>
      lines.reduce((total, line) => total + figure(line.entries.activities, strandFigureKey(figureKey, key)), 0);
    return { strand: key, women: sum(FIGURE_KEYS.women), men: sum(FIGURE_KEYS.men), unspecified: sum(FIGURE_KEYS.unspecified) };
  });
}
