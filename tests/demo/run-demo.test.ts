import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { FLAGS, SHEET_NAMES, validateRecords, LUJ_INITIATIVE } from '@samla/shared';
import { formatSummary, runDemo, type DemoSummary } from '../../scripts/demo/run-demo';
import { generateNation, nationFigures, type NationOptions } from '../../scripts/demo/nation-generator';
import { startSamlaApi, type RunningSamla } from '../support/local-samla';

const SMALL: Partial<NationOptions> = {
  boards: ['I', 'H', 'Z'],
  activitiesPerBoard: [3, 5],
  missingInLastYear: 1,
  activitiesOnlyInLastYear: 0,
  rejectedBoard: 'H',
};

describe('the national rehearsal (npm run demo)', () => {
  describe('the nation it generates', () => {
    const nation = generateNation();
    const figures = nationFigures(nation);

    it('is the same nation on every run', () => {
      expect(JSON.stringify(generateNation())).toBe(JSON.stringify(nation));
      expect(JSON.stringify(generateNation({ seed: 7 }))).not.toBe(JSON.stringify(nation));
    });

    it('keeps each year’s grant-funded costs of all boards between 85 and 98 % of the national ceiling', () => {
      for (const year of figures) {
        expect(year.grantCosts / year.ceiling).toBeGreaterThanOrEqual(0.85);
        expect(year.grantCosts / year.ceiling).toBeLessThanOrEqual(0.98);
      }
    });

    it('has every board submit the first year, and some boards miss the last', () => {
      expect(figures[0]?.completeBoards).toHaveLength(21);
      expect(figures[1]?.boardsWithoutSubmission).toHaveLength(2);
      expect(figures[1]?.boardsWithoutExpenses).toHaveLength(1);
    });

    it('requisitions the funds, one late, and repays what the first year left unused', () => {
      expect(figures.map((year) => year.requisitioned)).toEqual([1_400_000, 3_100_000]);
      expect(figures.map((year) => year.lateRequisitions)).toEqual([0, 1]);
      expect(figures[0]?.toRepay).toBe(0);
      expect(figures[1]?.toRepay).toBeGreaterThan(0);
    });

    it('passes the shared rules with warnings only, except the one deliberate mistake', () => {
      const codes = new Set<string>();
      for (const { year, submissions } of nation.years) {
        for (const submission of submissions) {
          const activityIds = (submission.activities ?? []).map((row) => row.activityId);
          const context = { year, settings: LUJ_INITIATIVE, activityIds };
          if (submission.activities) expect(validateRecords('activities', submission.activities, context).valid).toBe(true);
          if (submission.expenses) expect(validateRecords('expenses', submission.expenses, context).valid).toBe(true);
          for (const template of ['activities', 'expenses'] as const) {
            for (const issue of validateRecords(template, submission[template] ?? [], context).issues) codes.add(issue.code);
          }
          if (submission.rejectedExpenses)
            expect(validateRecords('expenses', submission.rejectedExpenses.rows, context).issues.map((issue) => issue.code)).toEqual(['date-outside-year']);
        }
      }
      expect([...codes].sort()).toEqual(['completed-without-result', 'correction', 'learning-example-without-link', 'unspecified-majority']);
    });

    it('links learning examples to Jämställ.nu and names real partners', () => {
      const activities = nation.years.flatMap((year) => year.submissions.flatMap((submission) => submission.activities ?? []));
      const links = activities.flatMap((row) => (row.publishedUrl ? [row.publishedUrl] : []));
      expect(links.length).toBeGreaterThan(10);
      for (const link of links) expect(link).toMatch(/^https:\/\/www\.jamstall\.nu\/[a-z0-9/-]+$/);
      const partners = activities.map((row) => row.partners ?? '').join(';');
      expect(partners).toContain('SKL, Program för Hållbar Jämställdhet');
      expect(partners).toContain('Nationella sekretariatet för genusforskning');
      expect(partners).toMatch(/kommun|stad/);
    });
  });

  describe('against the real API and Azurite', () => {
    let api: RunningSamla;
    let outDir: string;
    let summary: DemoSummary;
    const progress: string[] = [];

    beforeAll(async () => {
      api = await startSamlaApi();
      outDir = mkdtempSync(path.join(tmpdir(), 'samla-demo-'));
      summary = await runDemo({ apiUrl: api.url, outDir, nation: SMALL, progress: (line) => progress.push(line) });
    }, 60_000);

    afterAll(async () => {
      await api?.stop();
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    });

    it('stores every board’s submissions as sent', async () => {
      const token = await api.token('coordinator');
      const expected = generateNation(SMALL);
      for (const { year, submissions } of expected.years) {
        const listed = (await (await api.call('GET', `submissions?year=${year}`, { token })).json()) as {
          submissions: { board: string; template: string; rowCount: number }[];
        };
        for (const submission of submissions) {
          for (const template of ['activities', 'expenses'] as const) {
            const stored = listed.submissions.find((entry) => entry.board === submission.board && entry.template === template);
            expect(stored?.rowCount).toBe(submission[template]?.length);
          }
        }
      }
      expect(summary.mismatches).toEqual([]);
    });

    it('runs the round to a realistic mix: some accepted, some returned with a comment, some missing', async () => {
      expect(summary.rounds.map(({ year, accepted, returned, submitted, missing }) => ({ year, accepted, returned, submitted, missing }))).toEqual([
        { year: 2013, accepted: 2, returned: 1, submitted: 3, missing: 0 },
        { year: 2014, accepted: 0, returned: 1, submitted: 3, missing: 2 },
      ]);
      const { entries } = (await (await api.call('GET', 'rounds/2013', { token: await api.token('staff', 'H') })).json()) as {
        entries: { template: string; state: string; lastEvent?: { comment?: string }; cells: unknown[] }[];
      };
      expect(entries.find((entry) => entry.template === 'activities')).toMatchObject({
        state: 'returned',
        lastEvent: { comment: expect.stringMatching(/könsuppdelade/) },
      });
      expect(progress.some((line) => line.startsWith('Rundan 2013: 2 godkända, 1 returnerade'))).toBe(true);
    });

    it('shows one refused submission and its fix', () => {
      expect(summary.rejected).toEqual([expect.objectContaining({ board: 'H', year: 2013 })]);
      expect(summary.rejected[0]?.firstError).toMatch(/utanför redovisningsåret 2013/);
      expect(progress.some((line) => line.includes('avvisades (422)'))).toBe(true);
    });

    it('writes the three workbooks, and ExcelJS reads them', async () => {
      expect(summary.workbooks.map(({ file }) => path.basename(file))).toEqual([
        'Samla-lagesrapport-2013.xlsx',
        'Samla-slutredovisning-2013-2014.xlsx',
        'Samla-ekonomisk-redovisning-2013-2014.xlsx',
      ]);
      for (const { file } of summary.workbooks) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
        expect(workbook.getWorksheet(SHEET_NAMES.overview)).toBeDefined();
      }
    });

    it('sums in its summary exactly what the generator produced, under the ceilings', () => {
      const figures = nationFigures(generateNation(SMALL));
      expect(
        summary.reported.map(({ year, activityRows, expenseRows, grantCosts, requisitioned, toRepay }) => ({
          year,
          activityRows,
          expenseRows,
          grantCosts,
          requisitioned,
          toRepay,
        })),
      ).toEqual(
        figures.map(({ year, activityRows, expenseRows, grantCosts, requisitioned, toRepay }) => ({
          year,
          activityRows,
          expenseRows,
          grantCosts,
          requisitioned,
          toRepay,
        })),
      );
      for (const year of summary.reported) {
        expect(year.grantCosts).toBeLessThan(year.ceiling);
        expect(year.assessment).toBe(FLAGS.withinCeiling);
      }
      expect(summary.reported[1]?.requisitionTiming).toMatch(/^Försenad/);
      const text = formatSummary(summary);
      expect(text).toContain('ska återbetalas senast 2015-03-01');
      expect(text).toContain('stämmer med det genererade underlaget');
    });

    it('stores nothing twice when run again: the same Idempotency-Keys replay the first answers', async () => {
      const again = await runDemo({ apiUrl: api.url, outDir, nation: SMALL, progress: () => undefined });
      expect(again.replayed).toBe(again.accepted);
      expect(again.reported).toEqual(summary.reported);
    }, 30_000);
  });

  it('says to start the API when nothing answers', async () => {
    await expect(runDemo({ apiUrl: 'http://127.0.0.1:9/api', outDir: tmpdir(), progress: () => undefined })).rejects.toThrow(/npm run start:api/);
  });
});
