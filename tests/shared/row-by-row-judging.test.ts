import {
  ACTIVITIES_TEMPLATE,
  EXPENSES_TEMPLATE,
  idKey,
  idsOf,
  LUJ_INITIATIVE,
  sheetJudge,
  summarizeVersion,
  validateSheet,
  VersionSummaryTally,
  YES_NO,
  type AnyTemplate,
  type ExpenseRow,
  type ActivityRow,
} from '@samla/shared';
import { seededRandom } from '../support/seeded-random';
import { activity, expense } from './fixtures';

/** A record as staff type it into the sheet: list values and yes/no as their Swedish labels, in the template's column order. */
function sheetRow(template: AnyTemplate, record: Record<string, unknown>): unknown[] {
  return template.columns.map((column) => {
    const value = record[column.key];
    if (column.type === 'list') return column.list.options.find((option) => option.key === value)?.label.sv ?? value;
    if (typeof value === 'boolean') return (value ? YES_NO.yes : YES_NO.no).sv;
    return value ?? null;
  });
}

/**
 * A sheet of `count` rows, some of them wrong in the ways users make them wrong (text in a number, a value not in the
 * list, a day that does not exist, an ID used twice, a required cell left empty), with blank rows and holes between.
 */
function messySheet(template: AnyTemplate, count: number, seed: number, make: (index: number) => Record<string, unknown>, errorShare: number): unknown[][] {
  const random = seededRandom(seed);
  const header = template.columns.map((column) => column.label.sv);
  const values: unknown[][] = [header];
  for (let index = 1; index <= count; index += 1) {
    const roll = random();
    if (roll < 0.03) {
      values.push([]);
      continue;
    }
    if (roll < 0.05) {
      values.length += 1; // a hole: a row nobody typed in
      continue;
    }
    const record = make(index);
    const row = sheetRow(template, record);
    if (random() < errorShare) {
      const column = Math.floor(random() * row.length);
      const kind = Math.floor(random() * 4);
      row[column] = kind === 0 ? 'tolv' : kind === 1 ? null : kind === 2 ? '2013-02-30' : 'okänt värde';
    }
    if (random() < errorShare / 2) row[0] = 'A-1';
    values.push(row);
  }
  return values;
}

function judgedRowByRow(template: 'activities' | 'expenses', values: unknown[][], referencedIds?: Record<string, readonly string[]>) {
  const context = { year: 2013 as const, settings: LUJ_INITIATIVE, sheet: 'Blad1', origin: { row: 3, column: 2 }, ...(referencedIds ? { referencedIds } : {}) };
  const judge = sheetJudge(template, values[0], context);
  const rows = [];
  const failedAfter: boolean[] = [];
  for (let index = 1; index < values.length; index += 1) {
    const cells = values[index];
    if (!cells) continue;
    const row = judge.row(index, cells);
    if (row) rows.push(row);
    failedAfter.push(judge.failed);
  }
  return { judge, rows, failedAfter, whole: validateSheet(template, values, context) };
}

describe('a sheet judged one row at a time (for uploads that are never held whole)', () => {
  it.each([
    ['activities, every row right', 'activities' as const, 0],
    ['activities, a few rows wrong', 'activities' as const, 0.01],
    ['activities, many rows wrong (past the kept issues)', 'activities' as const, 0.6],
    ['expenses, a few rows wrong, with links to activities', 'expenses' as const, 0.02],
  ])('gives exactly what validateSheet gives: %s', (_name, template, errorShare) => {
    const definition = template === 'activities' ? ACTIVITIES_TEMPLATE : EXPENSES_TEMPLATE;
    const make =
      template === 'activities'
        ? (index: number) => activity({ activityId: `A-${index}`, participantsWomen: index % 40 })
        : (index: number) => expense({ expenseId: `K-${index}`, activityId: `A-${index % 7}`, amount: (index * 37) / 100 });
    const values = messySheet(definition, 2_600, 15 + Math.round(errorShare * 100), make, errorShare);
    const ids = template === 'expenses' ? { activities: ['A-1', 'A-2', 'A-3', 'A-4', 'A-5'] } : undefined;
    const { judge, rows, failedAfter, whole } = judgedRowByRow(template, values, ids);
    const { rows: wholeRows, ...wholeJudgement } = whole;
    expect(judge.finish()).toEqual({ ...wholeJudgement, rowCount: wholeRows.length });
    expect(rows).toEqual(wholeRows);
    // The register holds each ID once, by the key it is compared by, in the order first read.
    expect([...judge.ids]).toEqual([...new Set(idsOf(whole).map(idKey))]);
    // `failed` turns on at the first error and stays on; it is on at the end exactly when the sheet is not valid.
    expect(failedAfter.at(-1)).toBe(!whole.valid);
    expect(failedAfter.findIndex((failed) => failed) === -1).toBe(whole.valid);
    expect(failedAfter.slice(failedAfter.indexOf(true)).every((failed) => failed) || whole.valid).toBe(true);
    if (errorShare > 0.5) expect(whole.omittedIssues).toBeGreaterThan(0);
  });

  it('says when the first error comes, not only at the end', () => {
    const values = messySheet(ACTIVITIES_TEMPLATE, 10, 1, (index) => activity({ activityId: `A-${index}` }), 0);
    values[6] = sheetRow(ACTIVITIES_TEMPLATE, activity({ activityId: 'A-99', participantsWomen: 'många' }));
    const { failedAfter, whole } = judgedRowByRow('activities', values);
    expect(whole.valid).toBe(false);
    expect(failedAfter.slice(0, 5).some((failed) => failed)).toBe(false);
    expect(failedAfter.slice(5).every((failed) => failed)).toBe(true);
  });

  it('judges a sheet without a header as validateSheet does: no-header, and no row read', () => {
    const { judge, rows, whole } = judgedRowByRow('activities', [[null, ''], sheetRow(ACTIVITIES_TEMPLATE, activity())]);
    expect(rows).toEqual([]);
    const { rows: _rows, ...wholeJudgement } = whole;
    expect(judge.finish()).toEqual({ ...wholeJudgement, rowCount: 0 });
    expect(judge.failed).toBe(true);
  });
});

describe('a version’s summary tallied as its rows come', () => {
  it('equals summarizeVersion over all the rows, to the öre, past many thousand rows', () => {
    const random = seededRandom(7);
    const rows = Array.from({ length: 4_321 }, (_, index) =>
      expense({ expenseId: `K-${index}`, amount: Math.round(random() * 2_000_000 - 300_000) / 100, funding: random() < 0.3 ? 'own' : 'grant' }),
    ) as unknown as ExpenseRow[];
    const tally = new VersionSummaryTally('expenses');
    for (const row of rows) tally.add(row as unknown as Record<string, unknown>);
    expect(tally.summary(3)).toEqual(summarizeVersion('expenses', rows, 3));
    // Ten öre ten thousand times is exactly 1 000 kr, as the per-block sums are added in öre.
    const dimes = new VersionSummaryTally('expenses');
    for (let index = 0; index < 10_000; index += 1) dimes.add(expense({ amount: 0.1 }));
    expect(dimes.summary(0).figures.grantCosts).toBe(1000);
  });

  it('equals summarizeVersion for activities per strand, and for no rows at all', () => {
    const rows = Array.from({ length: 2_345 }, (_, index) =>
      activity({ activityId: `A-${index}`, strand: index % 3 === 0 ? 'support' : 'competence', participantsWomen: index % 17, participantsMen: index % 5 }),
    ) as unknown as ActivityRow[];
    const tally = new VersionSummaryTally('activities');
    for (const row of rows) tally.add(row as unknown as Record<string, unknown>);
    expect(tally.summary(0)).toEqual(summarizeVersion('activities', rows, 0));
    expect(new VersionSummaryTally('expenses').summary(0)).toEqual(summarizeVersion('expenses', [], 0));
    expect(new VersionSummaryTally('activities').summary(1)).toEqual(summarizeVersion('activities', [], 1));
  });
});
