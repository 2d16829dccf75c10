import { z } from 'zod';

const isoDate = z.iso.date();
const localized = z.object({ sv: z.string().min(1), en: z.string().min(1) });

const initiativeYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** The budget ceiling of the year, in SEK. */
  ceiling: z.number().nonnegative(),
  /** The last day funds for the year may be requisitioned from Kammarkollegiet. */
  requisitionDeadline: isoDate,
  /** The last day unused funds of the year must be repaid to Kammarkollegiet. */
  repaymentDeadline: isoDate,
});

/**
 * An initiative's settings: years, ceilings, deadlines and where it is charged.
 * Another initiative replaces them with its own JSON, checked by this schema, without a code change.
 */
export const initiativeSettingsSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{1,40}$/),
    name: localized,
    shortName: z.string().min(1),
    leadBoard: z.string().min(1),
    startDate: isoDate,
    endDate: isoDate,
    years: z.array(initiativeYearSchema).min(1),
    statusReport: z.object({ year: z.number().int(), due: isoDate }),
    finalReport: z.object({ due: isoDate }),
    funding: z.object({
      expenditureArea: z.number().int().positive(),
      appropriation: z.string().min(1),
      item: z.number().int().positive(),
      description: localized,
    }),
  })
  .superRefine((settings, ctx) => {
    const years = settings.years.map((entry) => entry.year);
    if (new Set(years).size !== years.length) {
      ctx.addIssue({ code: 'custom', path: ['years'], message: 'each year may appear only once' });
    }
    if (!years.includes(settings.statusReport.year)) {
      ctx.addIssue({ code: 'custom', path: ['statusReport', 'year'], message: 'the status report year must be one of the years' });
    }
    if (settings.endDate < settings.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'the initiative cannot end before it starts' });
    }
  });

export type InitiativeSettings = z.infer<typeof initiativeSettingsSchema>;
export type InitiativeYear = InitiativeSettings['years'][number];
export type Year = number;

/** Parses settings from untrusted JSON (a file, an app setting); throws a readable error when they are wrong. */
export function parseInitiativeSettings(input: unknown): InitiativeSettings {
  const result = initiativeSettingsSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`Invalid initiative settings: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export function initiativeYear(settings: InitiativeSettings, year: Year): InitiativeYear | undefined {
  return settings.years.find((entry) => entry.year === year);
}

export function initiativeYears(settings: InitiativeSettings): Year[] {
  return settings.years.map((entry) => entry.year);
}
