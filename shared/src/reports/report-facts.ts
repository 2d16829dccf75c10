import { BOARDS, type BoardCode } from '../reference/boards';
import type { Year } from '../reference/initiative';
import { knownTemplateKeys, type TemplateKey } from '../templates/template-modules';
import type { RoundState } from '../round/reporting-round';
import type { FundsMovementKind, NationReportInput, ReportNationYear, ReportRound, ReportSubmission } from './report-input';
import { toOre } from './report-model';

export interface ParticipantCounts {
  women: number;
  men: number;
  unspecified: number;
}

/** One board's figures for a year: its activities, participants by sex and grant-funded costs (öre). */
export interface BoardYearFigures extends ParticipantCounts {
  activities: number;
  grantOre: number;
}

/** A board's template in the round as the report reads it: the state of its current version. */
export interface RoundReading {
  readonly state: RoundState;
  readonly nothingToReport: boolean;
}

export interface MissingSubmission {
  readonly board: BoardCode;
  readonly templates: readonly string[];
}

/**
 * The nation's figures, counted straight from the submitted rows in whole öre and whole people. They are the
 * values stored with every formula, computed apart from the formulas themselves.
 */
export class NationFacts {
  private readonly costs = new Map<string, number>();
  private readonly participantCounts = new Map<string, ParticipantCounts>();
  private readonly activityCounts = new Map<string, number>();
  private readonly funds = new Map<string, number>();
  private readonly versions = new Map<string, ReportSubmission>();
  private readonly boardFigures = new Map<string, BoardYearFigures>();
  private readonly rounds = new Map<string, ReportRound>();
  /** The cost sums split into their parts once, when the first total is asked for. */
  private costParts?: { year: number; board?: string; category?: string; funding?: string; amount: number }[];

  constructor(input: NationReportInput) {
    for (const nationYear of input.years) this.countYear(nationYear);
    for (const yearFunds of input.funds ?? []) {
      for (const movement of yearFunds.movements) this.addTo(this.funds, `${yearFunds.year}|${movement.kind}`, toOre(movement.amount));
    }
    for (const round of input.rounds ?? []) this.rounds.set(`${round.year}|${round.board}|${round.template}`, round);
  }

  private board(year: Year, board: BoardCode): BoardYearFigures {
    const key = `${year}|${board}`;
    let figures = this.boardFigures.get(key);
    if (!figures) {
      figures = { activities: 0, women: 0, men: 0, unspecified: 0, grantOre: 0 };
      this.boardFigures.set(key, figures);
    }
    return figures;
  }

  private addTo(map: Map<string, number>, key: string, amount: number): void {
    map.set(key, (map.get(key) ?? 0) + amount);
  }

  private countYear({ year, activities, expenses }: ReportNationYear): void {
    for (const { version, rows } of activities) {
      this.versions.set(`${year}|${version.board}|activities`, version);
      for (const row of rows) {
        const key = `${year}|${row.strand}|${row.targetGroup}`;
        const counts = this.participantCounts.get(key) ?? { women: 0, men: 0, unspecified: 0 };
        counts.women += row.participantsWomen ?? 0;
        counts.men += row.participantsMen ?? 0;
        counts.unspecified += row.participantsUnspecified ?? 0;
        this.participantCounts.set(key, counts);
        const board = this.board(year, version.board);
        board.activities += 1;
        board.women += row.participantsWomen ?? 0;
        board.men += row.participantsMen ?? 0;
        board.unspecified += row.participantsUnspecified ?? 0;
        this.addTo(this.activityCounts, `${year}|all`, 1);
        this.addTo(this.activityCounts, `${year}|${row.status}`, 1);
        if (row.learningExample === true) this.addTo(this.activityCounts, `${year}|learning-example`, 1);
      }
    }
    for (const { version, rows } of expenses) {
      this.versions.set(`${year}|${version.board}|expenses`, version);
      for (const row of rows) {
        this.addTo(this.costs, `${year}|${version.board}|${row.category}|${row.funding}`, toOre(row.amount));
        if (row.funding === 'grant') this.board(year, version.board).grantOre += toOre(row.amount);
      }
    }
  }

  /** Costs in öre; leave out a part to take every value of it. */
  costOre(filter: { year?: Year; board?: BoardCode; category?: string; funding?: string }): number {
    let total = 0;
    this.costParts ??= [...this.costs].map(([key, amount]) => {
      const [year, board, category, funding] = key.split('|');
      return { year: Number(year), board, category, funding, amount };
    });
    for (const { year, board, category, funding, amount } of this.costParts) {
      if (filter.year !== undefined && year !== filter.year) continue;
      if (filter.board !== undefined && board !== filter.board) continue;
      if (filter.category !== undefined && category !== filter.category) continue;
      if (filter.funding !== undefined && funding !== filter.funding) continue;
      total += amount;
    }
    return total;
  }

  participants(year: Year, strand?: string, targetGroup?: string): ParticipantCounts {
    const total = { women: 0, men: 0, unspecified: 0 };
    for (const [key, counts] of this.participantCounts) {
      const [keyYear, keyStrand, keyGroup] = key.split('|');
      if (Number(keyYear) !== year || (strand !== undefined && keyStrand !== strand) || (targetGroup !== undefined && keyGroup !== targetGroup)) continue;
      total.women += counts.women;
      total.men += counts.men;
      total.unspecified += counts.unspecified;
    }
    return total;
  }

  /** Activities of a year: all, those with a status, or the learning examples. */
  activityCount(year: Year, which: 'all' | 'learning-example' | string = 'all'): number {
    return this.activityCounts.get(`${year}|${which}`) ?? 0;
  }

  fundsOre(year: Year, kind: FundsMovementKind): number {
    return this.funds.get(`${year}|${kind}`) ?? 0;
  }

  version(year: Year, board: BoardCode, template: TemplateKey | (string & {})): ReportSubmission | undefined {
    return this.versions.get(`${year}|${board}|${template}`);
  }

  /** A board's activities, participants and grant-funded costs in a year (zeros when it submitted nothing). */
  boardYear(year: Year, board: BoardCode): Readonly<BoardYearFigures> {
    return this.boardFigures.get(`${year}|${board}`) ?? { activities: 0, women: 0, men: 0, unspecified: 0, grantOre: 0 };
  }

  /**
   * Where the current version of a board's template stands in the round; undefined when nothing is current. A version
   * with no round, or a round about another version, awaits review.
   */
  round(year: Year, board: BoardCode, template: TemplateKey): RoundReading | undefined {
    const version = this.version(year, board, template);
    if (!version) return undefined;
    const round = this.rounds.get(`${year}|${board}|${template}`);
    // An empty version is stored only when the board said it had nothing to report (an empty template is refused).
    if (!round || round.version !== version.version || round.state === 'missing') return { state: 'submitted', nothingToReport: version.rowCount === 0 };
    return { state: round.state, nothingToReport: round.nothingToReport };
  }

  /** Boards with every template submitted for the year (every module of `templateModules()`). */
  submittedBoards(year: Year): BoardCode[] {
    const keys = reportedTemplates();
    return BOARDS.map((board) => board.code).filter((code) => keys.every((template) => this.version(year, code, template)));
  }

  missing(year: Year): MissingSubmission[] {
    return BOARDS.flatMap(({ code }) => {
      const templates = reportedTemplates().filter((template) => !this.version(year, code, template));
      return templates.length > 0 ? [{ board: code, templates }] : [];
    });
  }
}

/** The templates a board reports each year, in the modules' order: all of them make a board's submission complete. */
export function reportedTemplates(): TemplateKey[] {
  return knownTemplateKeys();
}
