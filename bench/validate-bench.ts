import { ACTIVITIES_TEMPLATE, LUJ_INITIATIVE, serialFromIsoDate, validateSheet, YES_NO, type Column } from '@samla/shared';
import { z } from 'zod';
import { median, medianMs, seededRandom, type Benchmark } from './bench-harness';

/** Rounds of Samla's validation and zod's side by side. */
const ROUNDS = 7;

const ROWS = 100_000;

/** A sheet as Office.js delivers it: Swedish headers, labels, serial dates, some text amounts, ~1 in 10 rows wrong. */
export function generateActivitiesSheet(rows: number): unknown[][] {
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

/**
 * The reference: what a developer would reach for, a zod object schema with the same per-cell types, lengths and lists
 * (labels or keys, serial dates, numbers or number text, Ja/Nej), derived from the same column definitions.
 */
// The same characters the template forbids in ids: control characters are what the pattern is for.
// eslint-disable-next-line no-control-regex
const ID_CHARACTERS = /^[^/\\#?\u0000-\u001f]*$/;

function zodCell(column: Column): z.ZodType {
  const optional = (schema: z.ZodType) => (column.required ? schema : z.union([schema, z.literal(''), z.undefined(), z.null()]));
  switch (column.type) {
    case 'id':
      return optional(z.string().trim().min(1).max(column.maxLength).regex(ID_CHARACTERS));
    case 'text':
      return optional(z.string().trim().max(column.maxLength));
    case 'url':
      return optional(z.url().max(column.maxLength));
    case 'list':
      return optional(z.enum(column.list.options.flatMap((option) => [option.key, option.label.sv, option.label.en])));
    case 'date':
      return optional(z.number().min(61).max(2_958_465));
    case 'boolean':
      return optional(z.union([z.boolean(), z.enum([YES_NO.yes.sv, YES_NO.no.sv, YES_NO.yes.en, YES_NO.no.en])]));
    case 'number': {
      let number = z.number();
      if (column.min !== undefined) number = number.min(column.min);
      if (column.max !== undefined) number = number.max(column.max);
      if (column.integer) number = number.int();
      return optional(z.union([number, z.string().regex(/^[+-]?\d+(?:[.,]\d+)?$/)]));
    }
  }
}

function zodRowSchema(columns: readonly Column[]) {
  return z.object(Object.fromEntries(columns.map((column) => [column.key, zodCell(column)])));
}

/**
 * The same sheet as objects keyed by column: the work any zod-based intake does first, since Office.js and ExcelJS
 * give a 2-D array (zod is still given the easier shape: columns in template order, no header matching).
 */
function sheetObjects(sheet: readonly (readonly unknown[])[], columns: readonly Column[]): Record<string, unknown>[] {
  const keys = columns.map((column) => column.key);
  const objects: Record<string, unknown>[] = [];
  for (let row = 1; row < sheet.length; row += 1) {
    const cells = sheet[row] ?? [];
    const object: Record<string, unknown> = {};
    for (let index = 0; index < keys.length; index += 1) object[keys[index] as string] = cells[index];
    objects.push(object);
  }
  return objects;
}

/** Every issue zod finds over the rows, as `safeParse` reports them. */
function zodIssueCount(schema: z.ZodType, objects: readonly Record<string, unknown>[]): number {
  let issues = 0;
  for (const row of objects) {
    const result = schema.safeParse(row);
    if (!result.success) issues += result.error.issues.length;
  }
  return issues;
}

export const validateBenchmark: Benchmark = {
  name: 'validate',
  async run() {
    const sheet = generateActivitiesSheet(ROWS);
    let issues = 0;
    const samla = () => {
      issues = validateSheet('activities', sheet, { year: 2013, settings: LUJ_INITIATIVE }).issues.length;
    };
    const schema = zodRowSchema(ACTIVITIES_TEMPLATE.columns);
    // Old style, kept for comparison with earlier runs: zod handed ready-made objects, built outside the timing.
    const objects = sheetObjects(sheet, ACTIVITIES_TEMPLATE.columns);
    let zodIssues = 0;
    const zodObjectsMs = await medianMs(3, () => {
      zodIssues = zodIssueCount(schema, objects);
    });
    // The fair reference: zod's input built from the same 2-D array Samla reads, inside the timing.
    const zod = () => {
      zodIssues = zodIssueCount(schema, sheetObjects(sheet, ACTIVITIES_TEMPLATE.columns));
    };
    // The two side by side in each round, in alternating order, so that the machine's changing pace (it moves by tens of
    // per cent over seconds here) falls on both alike: the ratio is the median of the rounds' own ratios.
    samla();
    zod();
    const samlaTimes: number[] = [];
    const zodTimes: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const pair = round % 2 === 0 ? [samla, zod] : [zod, samla];
      const times = pair.map((body) => {
        const start = process.hrtime.bigint();
        body();
        return Number(process.hrtime.bigint() - start) / 1e6;
      });
      const [samlaMs = 0, zodRoundMs = 0] = round % 2 === 0 ? times : [times[1], times[0]];
      samlaTimes.push(samlaMs);
      zodTimes.push(zodRoundMs);
      ratios.push(zodRoundMs / samlaMs);
    }
    const ms = median(samlaTimes);
    const zodMs = median(zodTimes);
    const rowsPerSecond = Math.round(ROWS / (ms / 1000));
    const zodRowsPerSecond = Math.round(ROWS / (zodMs / 1000));
    return {
      bench: 'validate',
      rows: ROWS,
      columns: ACTIVITIES_TEMPLATE.columns.length,
      issues,
      seconds: Number((ms / 1000).toFixed(3)),
      rowsPerSecond,
      zodIssues,
      zodSeconds: Number((zodMs / 1000).toFixed(3)),
      zodRowsPerSecond,
      ratio: Number(median(ratios).toFixed(2)),
      rounds: ROUNDS,
      zodObjectsSeconds: Number((zodObjectsMs / 1000).toFixed(3)),
      ratioToReadyObjects: Number((zodObjectsMs / ms).toFixed(2)),
      goalRatio: 1.0,
    };
  },
};
