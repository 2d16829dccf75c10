import { ACTIVITIES_TEMPLATE, LUJ_INITIATIVE, serialFromIsoDate, validateSheet } from '@samla/shared';
import { medianMs, seededRandom, type Benchmark } from './bench-harness';

const ROWS = 100_000;

/** A sheet as Office.js delivers it: Swedish headers, labels, serial dates, some text amounts, ~1 in 10 rows wrong. */
function generateActivitiesSheet(rows: number): unknown[][] {
  const random = seededRandom(2013);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const header = ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv);
  const lists = Object.fromEntries(
    ACTIVITIES_TEMPLATE.columns.flatMap((column) => (column.type === 'list' ? [[column.key, column.list.options.map((option) => option.label.sv)]] : [])),
  ) as Record<string, string[]>;
  const start = serialFromIsoDate('2013-01-01');
  const values: unknown[][] = [header];
  for (let index = 0; index < rows; index += 1) {
    const day = start + Math.floor(random() * 300);
    const broken = random() < 0.1;
    const row: Record<string, unknown> = {
      activityId: broken && random() < 0.3 ? `A/${index}` : `A-${index}`,
      strand: pick(lists.strand ?? []),
      activityType: broken && random() < 0.3 ? 'fest' : pick(lists.activityType ?? []),
      title: `Aktivitet ${index}`,
      startDate: day,
      endDate: broken && random() < 0.3 ? day - 3 : day + Math.floor(random() * 30),
      targetGroup: pick(lists.targetGroup ?? []),
      participantsWomen: Math.floor(random() * 40),
      participantsMen: Math.floor(random() * 40),
      participantsUnspecified: broken ? '12,5' : Math.floor(random() * 5),
      hours: `${Math.floor(random() * 40)},5`,
      partners: random() < 0.5 ? 'SKL; Länsstyrelsen' : '',
      learningExample: random() < 0.2 ? 'Ja' : 'Nej',
      publishedUrl: random() < 0.1 ? 'https://www.jamstall.nu/exempel' : '',
      status: pick(lists.status ?? []),
      result: random() < 0.5 ? 'Ökad kunskap' : '',
      effect: '',
    };
    values.push(ACTIVITIES_TEMPLATE.columns.map((column) => row[column.key]));
  }
  return values;
}

export const validateBenchmark: Benchmark = {
  name: 'validate',
  async run() {
    const sheet = generateActivitiesSheet(ROWS);
    let issues = 0;
    const ms = await medianMs(3, () => {
      issues = validateSheet('activities', sheet, { year: 2013, settings: LUJ_INITIATIVE }).issues.length;
    });
    return {
      bench: 'validate',
      rows: ROWS,
      columns: ACTIVITIES_TEMPLATE.columns.length,
      issues,
      seconds: Number((ms / 1000).toFixed(3)),
      rowsPerSecond: Math.round(ROWS / (ms / 1000)),
      goalRowsPerSecond: 300_000,
    };
  },
};
