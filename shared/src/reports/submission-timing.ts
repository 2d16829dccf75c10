/** The initiative's time zone: deadlines are Swedish calendar days. */
export const REPORT_TIME_ZONE = 'Europe/Stockholm';

const localParts = new Intl.DateTimeFormat('sv-SE', {
  timeZone: REPORT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Swedish wall-clock time, `YYYY-MM-DDTHH:mm:ss`, as a sheet shows it. */
export function swedishLocalTime(instant: string): string {
  const parts = Object.fromEntries(localParts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The Swedish calendar day of an instant. */
export function swedishDate(instant: string): string {
  return swedishLocalTime(instant).slice(0, 10);
}

/** Late when made on a Swedish calendar day after the due day (the whole due day counts as in time). */
export function isAfter(instantOrDate: string, dueDate: string): boolean {
  const day = instantOrDate.length > 10 ? swedishDate(instantOrDate) : instantOrDate;
  return day > dueDate;
}
