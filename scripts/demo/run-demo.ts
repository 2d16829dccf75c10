import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { boardByCode, FLAGS, reportFileName, toOre, yearSpan, initiativeYears, type ReportKind, type Year } from '@samla/shared';
import { generateNation, nationFigures, type BoardSubmission, type DemoNation, type NationOptions, type YearFigures } from './nation-generator';
import { DemoError, SamlaClient, type SubmissionAnswer } from './samla-client';
import { reportedTiming, reportedYears, type ReportedTiming, type ReportedYear } from './workbook-figures';

export const DEFAULT_API_URL = 'http://127.0.0.1:7071/api';

export interface DemoOptions {
  readonly apiUrl: string;
  /** Where the three workbooks are written. */
  readonly outDir: string;
  /** A smaller or other nation than the full one. */
  readonly nation?: Partial<NationOptions>;
  /** Where progress goes, a line at a time (stderr by default). */
  readonly progress?: (line: string) => void;
  /** Boards submitting at the same time. */
  readonly concurrency?: number;
}

export interface RejectedTry {
  readonly board: string;
  readonly year: Year;
  readonly mistake: string;
  readonly firstError: string;
}

export interface DemoSummary {
  readonly apiUrl: string;
  readonly nation: DemoNation;
  readonly seconds: number;
  readonly accepted: number;
  readonly replayed: number;
  readonly warnings: number;
  readonly rejected: readonly RejectedTry[];
  /** What the generator made. */
  readonly expected: readonly YearFigures[];
  /** What the workbooks say. */
  readonly reported: readonly ReportedYear[];
  readonly timing: ReportedTiming;
  readonly workbooks: readonly { file: string; bytes: number }[];
  /** Every way the workbooks disagree with what was generated; empty when they agree. */
  readonly mismatches: readonly string[];
  /** The reporting round per year after the coordinators' review: how many entries (board × template) in each state. */
  readonly rounds: readonly RoundTally[];
}

/** One year's round as the overview counts it. */
export interface RoundTally {
  readonly year: Year;
  readonly missing: number;
  readonly submitted: number;
  readonly returned: number;
  readonly accepted: number;
  readonly late: number;
}

interface BoardOutcome {
  accepted: number;
  replayed: number;
  warnings: number;
  rejected?: RejectedTry;
  line: string;
}

async function inPool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

type Receipt = Extract<SubmissionAnswer, { status: 201 }>;

function accepted(answer: SubmissionAnswer, what: string): Receipt {
  if (answer.status === 201) return answer;
  const first = answer.body.errors?.[0];
  throw new DemoError(`${what} avvisades oväntat (${answer.status}): ${first?.message ?? answer.body.detail ?? ''}`);
}

const warnings = (count: number): string => (count === 1 ? '1 varning' : `${count} varningar`);

const describe = (label: string, answer: Receipt): string =>
  `${label} ${answer.body.rows} rader${answer.body.warnings.length ? `, ${warnings(answer.body.warnings.length)}` : ''} (v${answer.body.version}${answer.replayed ? ', redan inskickad' : ''})`;

/** One board's year, sent as its staff would: activities first, then the expenses that link to them. */
async function submitBoard(client: SamlaClient, submission: BoardSubmission): Promise<BoardOutcome> {
  const outcome: BoardOutcome = { accepted: 0, replayed: 0, warnings: 0, line: '' };
  const { board, year } = submission;
  if (!submission.activities) return { ...outcome, line: `lämnar inget för ${year}` };
  const token = await client.token('staff', board, submission.staffName);
  const parts: string[] = [];
  const count = (answer: Receipt) => {
    outcome.accepted += 1;
    outcome.replayed += answer.replayed ? 1 : 0;
    outcome.warnings += answer.body.warnings.length;
  };
  const activities = accepted(await client.submit(token, { board, year, template: 'activities' }, submission.activities), `Aktiviteter för ${board} ${year}`);
  count(activities);
  parts.push(describe('Aktiviteter', activities));
  if (submission.rejectedExpenses) {
    const refused = await client.submit(token, { board, year, template: 'expenses' }, submission.rejectedExpenses.rows);
    if (refused.status !== 422) throw new DemoError(`Den felaktiga inskickningen för ${board} ${year} borde ha avvisats men fick ${refused.status}.`);
    const firstError = refused.body.errors?.find((issue) => issue.severity === 'error')?.message ?? refused.body.detail ?? '';
    outcome.rejected = { board, year, mistake: submission.rejectedExpenses.mistake, firstError };
    parts.push(`Kostnader avvisades (422): ${firstError} → rättad`);
  }
  if (submission.expenses) {
    const expenses = accepted(await client.submit(token, { board, year, template: 'expenses' }, submission.expenses), `Kostnader för ${board} ${year}`);
    count(expenses);
    parts.push(describe('Kostnader', expenses));
  } else {
    parts.push('inga Kostnader');
  }
  return { ...outcome, line: parts.join(' · ') };
}

/** Checks through the API that what is current is what was sent. */
async function checkStored(client: SamlaClient, token: string, nation: DemoNation): Promise<string[]> {
  const problems: string[] = [];
  for (const { year, submissions } of nation.years) {
    const listed = await client.submissions(token, year);
    for (const submission of submissions) {
      for (const template of ['activities', 'expenses'] as const) {
        const sent = submission[template]?.length;
        const stored = listed.submissions.find((entry) => entry.board === submission.board && entry.template === template)?.rowCount;
        if (sent !== stored) problems.push(`${submission.board} ${year} ${template}: skickade ${sent ?? 0} rader, API:t har ${stored ?? 0}`);
      }
    }
  }
  return problems;
}

/** What the coordinators write when they send a board's activities back (a question a coordinator would ask). */
const RETURN_COMMENT = 'Deltagarna är inte könsuppdelade på alla rader. Dela upp dem på kvinnor och män där det går och skicka in igen.';

/**
 * The coordinators' review, as a national round goes: in the status report's year every third board is accepted, the
 * next is returned with a comment (and one at a cell), the rest wait; in the last year one board is returned. Boards
 * that sent nothing stay missing.
 */
async function reviewRound(client: SamlaClient, nation: DemoNation): Promise<RoundTally[]> {
  const token = await client.token('coordinator', undefined, 'Samordnare Gotland');
  const tallies: RoundTally[] = [];
  for (const [yearIndex, { year, submissions }] of nation.years.entries()) {
    const sent = submissions.filter((submission) => submission.activities);
    for (const [index, submission] of sent.entries()) {
      const decision = yearIndex === 0 ? (['accept', 'return', undefined] as const)[index % 3] : index === 0 ? 'return' : undefined;
      if (!decision) continue;
      const listed = await client.round(token, year);
      for (const template of ['activities', 'expenses'] as const) {
        const entry = listed.entries.find((candidate) => candidate.board === submission.board && candidate.template === template);
        if (!entry?.version || entry.state === 'accepted') continue;
        if (decision === 'accept') await client.decide(token, { board: submission.board, year, template }, 'accept', { version: entry.version });
        else if (template === 'activities' && entry.state !== 'returned') {
          const cells = [{ row: 2, column: 'participantsUnspecified', comment: 'Går det att dela upp dessa på kvinnor och män?' }];
          await client.decide(token, { board: submission.board, year, template }, 'return', { version: entry.version, comment: RETURN_COMMENT, cells });
        }
      }
    }
    const entries = (await client.round(token, year)).entries.filter((entry) => nation.options.boards.includes(entry.board));
    const count = (state: string) => entries.filter((entry) => entry.state === state).length;
    tallies.push({
      year,
      missing: count('missing'),
      submitted: count('submitted'),
      returned: count('returned'),
      accepted: count('accepted'),
      late: entries.filter((entry) => entry.late).length,
    });
  }
  return tallies;
}

const REPORTS: readonly { kind: ReportKind; role: 'coordinator' | 'finance' }[] = [
  { kind: 'status', role: 'coordinator' },
  { kind: 'final', role: 'coordinator' },
  { kind: 'financial', role: 'finance' },
];

async function fetchReports(
  client: SamlaClient,
  nation: DemoNation,
  outDir: string,
): Promise<{ buffers: Map<ReportKind, Buffer>; files: { file: string; bytes: number }[] }> {
  await mkdir(outDir, { recursive: true });
  const { settings } = nation.options;
  const buffers = new Map<ReportKind, Buffer>();
  const files: { file: string; bytes: number }[] = [];
  for (const { kind, role } of REPORTS) {
    const year = kind === 'status' ? settings.statusReport.year : undefined;
    const buffer = await client.report(await client.token(role), kind, year);
    const file = path.join(outDir, reportFileName(kind, year ? [year] : initiativeYears(settings)));
    await writeFile(file, buffer);
    buffers.set(kind, buffer);
    files.push({ file, bytes: buffer.length });
  }
  return { buffers, files };
}

/** Where the workbooks disagree with the generated nation: rows, money in whole öre, deadlines, flags. */
export function compareFigures(expected: readonly YearFigures[], reported: readonly ReportedYear[]): string[] {
  const mismatches: string[] = [];
  for (const want of expected) {
    const got = reported.find((entry) => entry.year === want.year);
    if (!got) {
      mismatches.push(`${want.year}: året saknas i Avräkning`);
      continue;
    }
    const same = (label: string, a: number | string, b: number | string) => {
      if (a !== b) mismatches.push(`${want.year} ${label}: genererat ${a}, arbetsboken ${b}`);
    };
    same('aktivitetsrader', want.activityRows, got.activityRows);
    same('kostnadsrader', want.expenseRows, got.expenseRows);
    for (const key of ['ceiling', 'grantCosts', 'requisitioned', 'repaid', 'toRepay'] as const) same(key, toOre(want[key]), toOre(got[key]));
    same('återbetalas senast', want.repaymentDeadline, got.repaymentDeadline);
    same('rekvirerat i tid', want.lateRequisitions > 0 ? FLAGS.late : FLAGS.inTime, got.requisitionTiming.startsWith(FLAGS.late) ? FLAGS.late : FLAGS.inTime);
    if (got.grantCosts > got.ceiling || got.assessment !== FLAGS.withinCeiling)
      mismatches.push(`${want.year}: kostnaderna mot anslaget ligger inte under taket (${got.assessment})`);
  }
  return mismatches;
}

/** The national rehearsal: generate, submit as the boards, record the funds as finance, fetch and check the workbooks. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = process.hrtime.bigint();
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const client = new SamlaClient(options.apiUrl.replace(/\/$/, ''));
  await client.health();
  const nation = generateNation(options.nation);
  const all = nation.years.flatMap((year) => year.submissions);
  progress(`Samla-demo: ${nation.options.boards.length} län × ${nation.years.length} år mot ${client.baseUrl}`);
  let done = 0;
  const outcomes: BoardOutcome[] = [];
  await inPool(all, options.concurrency ?? 3, async (submission) => {
    const outcome = await submitBoard(client, submission);
    outcomes.push(outcome);
    done += 1;
    progress(
      `[${String(done).padStart(String(all.length).length)}/${all.length}] ${submission.year} ${submission.board.padEnd(2)} ${boardByCode(submission.board).county}: ${outcome.line}`,
    );
  });
  const finance = await client.token('finance');
  for (const { year, funds } of nation.years) await client.putFunds(finance, year, funds);
  progress(`Ekonomi: ${nation.years.map(({ year, funds }) => `${year} ${funds.length} poster`).join(', ')} (rekvisitioner och återbetalningar)`);
  const storedProblems = await checkStored(client, await client.token('coordinator'), nation);
  const rounds = await reviewRound(client, nation);
  for (const tally of rounds)
    progress(`Rundan ${tally.year}: ${tally.accepted} godkända, ${tally.returned} returnerade, ${tally.submitted} inskickade, ${tally.missing} saknas`);
  const { buffers, files } = await fetchReports(client, nation, options.outDir);
  progress(`Rapporter: ${files.map(({ file }) => path.basename(file)).join(', ')}`);
  const expected = nationFigures(nation);
  const reported = await reportedYears(buffers.get('final') as Buffer, buffers.get('financial') as Buffer, nation.options.settings);
  const timing = await reportedTiming(buffers.get('status') as Buffer, nation.options.settings);
  const sum = (pick: (outcome: BoardOutcome) => number) => outcomes.reduce((total, outcome) => total + pick(outcome), 0);
  return {
    apiUrl: client.baseUrl,
    nation,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    accepted: sum((outcome) => outcome.accepted),
    replayed: sum((outcome) => outcome.replayed),
    warnings: sum((outcome) => outcome.warnings),
    rejected: outcomes.flatMap((outcome) => (outcome.rejected ? [outcome.rejected] : [])),
    expected,
    reported,
    timing,
    workbooks: files,
    mismatches: [...storedProblems, ...compareFigures(expected, reported)],
    rounds,
  };
}

const kronor = (amount: number): string => `${new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} kr`;
const percent = (part: number, whole: number): string => `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format((part / whole) * 100)} %`;

function yearLines(want: YearFigures, got: ReportedYear | undefined): string[] {
  if (!got) return [`  ${want.year}: saknas i arbetsböckerna`];
  const absent = [
    ...(want.boardsWithoutSubmission.length ? [`${want.boardsWithoutSubmission.join(', ')} lämnade inget`] : []),
    ...(want.boardsWithoutExpenses.length ? [`${want.boardsWithoutExpenses.join(', ')} bara Aktiviteter`] : []),
  ];
  const toRepay =
    got.toRepay > 0 ? `${kronor(got.toRepay)} ska återbetalas senast ${got.repaymentDeadline}` : `inget kvar att återbetala (återbetalt ${kronor(got.repaid)})`;
  return [
    `  ${want.year}: ${want.completeBoards.length} län kompletta${absent.length ? ` (${absent.join('; ')})` : ''}; ${got.activityRows} aktiviteter, ${got.expenseRows} kostnadsrader`,
    `        mot anslaget ${kronor(got.grantCosts)} av taket ${kronor(got.ceiling)} (${percent(got.grantCosts, got.ceiling)}, ${got.assessment}); egna medel ${kronor(want.ownCosts)}`,
    `        rekvirerat ${kronor(got.requisitioned)} (${got.requisitionTiming}); ${toRepay}`,
  ];
}

/** The summary a person reads at the end of `npm run demo`. */
export function formatSummary(summary: DemoSummary): string {
  const { options } = summary.nation;
  const lines = [
    `Samla – nationell genomrepetition, ${options.settings.shortName} ${yearSpan(initiativeYears(options.settings))} (frö ${options.seed}), ${summary.apiUrl}`,
    `Inskickningar: ${summary.accepted} godtagna${summary.replayed ? ` (${summary.replayed} redan gjorda, samma svar igen)` : ''}, ${warnings(summary.warnings)}`,
    ...summary.rejected.map((entry) => `Avvisad och rättad: ${entry.board} ${entry.year} Kostnader – ${entry.mistake}: "${entry.firstError}"`),
    ...summary.expected.flatMap((want) =>
      yearLines(
        want,
        summary.reported.find((got) => got.year === want.year),
      ),
    ),
    `Lägesrapporten: ${summary.timing.inTime} inskickningar i tid, ${summary.timing.late} efter ${summary.timing.due}. Servern sätter inlämningstiden efter sin egen klocka (i dag), så en demo som körs nu kan bara lämna in sent; tidsstämplarna förfalskas inte.`,
    ...summary.rounds.map(
      (tally) =>
        `Rundan ${tally.year} (län × mall): ${tally.accepted} godkända, ${tally.returned} returnerade med kommentar, ${tally.submitted} väntar på granskning, ${tally.missing} saknas; ${tally.late} sena`,
    ),
    `Arbetsböcker: ${summary.workbooks.map(({ file, bytes }) => `${path.relative(process.cwd(), file)} (${Math.round(bytes / 1024)} kB)`).join(', ')}`,
    summary.mismatches.length === 0
      ? 'Kontroll: det lagrade och arbetsböckernas rader och belopp stämmer med det genererade underlaget, öre för öre.'
      : `Kontroll: ${summary.mismatches.length} avvikelser:\n${summary.mismatches.map((line) => `  ${line}`).join('\n')}`,
    `Tid: ${summary.seconds.toFixed(1).replace('.', ',')} s`,
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  try {
    const summary = await runDemo({ apiUrl: process.env.SAMLA_API_URL ?? DEFAULT_API_URL, outDir: path.resolve('out') });
    console.log(formatSummary(summary));
    if (summary.mismatches.length > 0) process.exitCode = 1;
  } catch (error) {
    console.error(error instanceof DemoError ? `Samla-demo: ${error.message}` : error);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
