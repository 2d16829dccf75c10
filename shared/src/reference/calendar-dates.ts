import { LOCALES, type Language, type Localized } from '../i18n/localized';
import { showableText } from '../sheet/cell-characters';

/**
 * What a date typed as text is: an ISO 8601 calendar date (`YYYY-MM-DD`, ISO 8601-1:2019 §5.2.2.1), a date in that
 * form that does not exist (month 13, 30 February), or text in another form. Each has one reason, so a message can
 * say the one thing that is wrong: a user who wrote 2014-02-30 wrote the form right and needs to hear that February
 * 2014 has 28 days, not to be told the form again.
 */
export type DateTextReading =
  | { readonly kind: 'date'; readonly iso: string }
  | { readonly kind: 'impossible'; readonly reason: Localized }
  | { readonly kind: 'other-form'; readonly suggestion?: string };

const ISO_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Year first with another separator or one-digit parts (2014/08/01, 2014.8.1, 2014-8-1): the order is not in doubt. */
const YEAR_FIRST_FORM = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

const pad = (value: number) => String(value).padStart(2, '0');

/** The days of a month of the proleptic Gregorian calendar (1 ≤ month ≤ 12). */
export function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function monthName(year: number, month: number, language: Language): string {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, 1);
  return new Intl.DateTimeFormat(LOCALES[language], { month: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * Why year, month and day are no date of the proleptic Gregorian calendar, in words (no month 13; days start at 01;
 * February 2013 has 28 days); undefined when they are one.
 */
export function impossibility(year: number, month: number, day: number): Localized | undefined {
  if (month < 1 || month > 12) {
    return { sv: `det finns ingen månad ${pad(month)} (månaderna är 01–12)`, en: `there is no month ${pad(month)} (months are 01–12)` };
  }
  if (day < 1) return { sv: 'dagarna i en månad börjar på 01', en: 'the days of a month start at 01' };
  const days = daysInMonth(year, month);
  if (day > days) {
    return { sv: `${monthName(year, month, 'sv')} ${year} har ${days} dagar`, en: `${monthName(year, month, 'en')} ${year} has ${days} days` };
  }
  return undefined;
}

/** A date text reading: the ISO date, why the date does not exist, or (for text in another form) the ISO form when certain. */
export function readDateText(text: string): DateTextReading {
  const iso = ISO_FORM.exec(text);
  const parts = iso ?? YEAR_FIRST_FORM.exec(text);
  if (!parts) return { kind: 'other-form' };
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const why = impossibility(year, month, day);
  const quoted = { sv: `”${showableText(text, 40)}”`, en: `“${showableText(text, 40)}”` };
  if (why) return { kind: 'impossible', reason: { sv: `${quoted.sv} finns inte: ${why.sv}`, en: `${quoted.en} does not exist: ${why.en}` } };
  const written = `${parts[1]}-${pad(month)}-${pad(day)}`;
  return iso ? { kind: 'date', iso: written } : { kind: 'other-form', suggestion: written };
}
