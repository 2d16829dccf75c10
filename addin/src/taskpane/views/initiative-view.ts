import { LOCALES, LUJ_INITIATIVE, initiativeYears, roundDueDate, type InitiativeSettings, type Year } from '@samla/shared';

/** The initiative the pane works with: from `GET /api/initiative`, or the built-in LUJ settings when the server lacks the route. */
export interface InitiativeView {
  readonly settings: InitiativeSettings;
  readonly dueDates: readonly { readonly year: Year; readonly due: string }[];
  /** False when the server did not answer the route and the built-in settings stand in (the pane says so). */
  readonly fromServer: boolean;
}

/** LUJ's settings as shipped in `@samla/shared`, with each year's due date by the first report covering it. */
export const BUILT_IN_INITIATIVE: InitiativeView = {
  settings: LUJ_INITIATIVE,
  dueDates: initiativeYears(LUJ_INITIATIVE).map((year) => ({ year, due: roundDueDate(LUJ_INITIATIVE, year) })),
  fromServer: false,
};

export function dueDateOf(initiative: InitiativeView, year: Year): string | undefined {
  return (
    initiative.dueDates.find((entry) => entry.year === year)?.due ??
    (initiativeYears(initiative.settings).includes(year) ? roundDueDate(initiative.settings, year) : undefined)
  );
}

/** An ISO instant as a Swedish (or English) reader reads it, to the second, in Swedish time. */
export function formatInstant(iso: string, language: 'sv' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(date);
}
