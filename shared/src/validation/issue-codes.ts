import { numberedMessage, pick, type Language, type LocalizedMessage, type MessageParams, type WrittenParams } from '../i18n/localized';
import { impossibility } from '../reference/calendar-dates';
import type { Severity } from './issue';

/** An issue's parameters: a number the user sees is a `ShownNumber`, written each language's way when the text is made. */
export type IssueParams = MessageParams;

interface IssueDefinition {
  readonly severity: Severity;
  /** What is wrong and what would be right, in every language (shared `i18n`). */
  readonly text: LocalizedMessage<IssueParams>;
}

function define(severity: Severity, sv: (p: WrittenParams) => string, en: (p: WrittenParams) => string): IssueDefinition {
  return { severity, text: numberedMessage(sv, en) };
}

/** Why the `year`, `month` and `day` of a `nonexistent-date` issue are no date. */
function whyNoDate(p: WrittenParams): { sv: string; en: string } {
  return impossibility(Number(p.year), Number(p.month), Number(p.day)) ?? { sv: 'datumet finns inte', en: 'the date does not exist' };
}

/**
 * Every issue Samla reports, by its stable code. The texts say what is wrong and what would be right;
 * `Issue.message` puts the place in front of them.
 */
export const ISSUE_CODES = {
  'missing-column': define(
    'error',
    (p) => `kolumnen ”${p.label}” saknas. Lägg till den i rubrikraden (rad ${p.row}).`,
    (p) => `the column "${p.label}" is missing. Add it to the header row (row ${p.row}).`,
  ),
  'duplicate-column': define(
    'error',
    (p) => `kolumnen ”${p.label}” finns två gånger (även i ${p.other}). Ta bort den ena.`,
    (p) => `the column "${p.label}" appears twice (also in ${p.other}). Remove one of them.`,
  ),
  'unknown-column': define(
    'warning',
    (p) => `kolumnen ”${p.header}” hör inte till mallen och läses inte in.`,
    (p) => `the column "${p.header}" is not part of the template and is not read.`,
  ),
  'no-header': define(
    'error',
    () => 'bladet saknar rubrikrad. Skapa mallen på nytt eller klistra in rubrikerna på första raden.',
    () => 'the sheet has no header row. Create the template again or paste the headers into the first row.',
  ),
  required: define(
    'error',
    () => 'värde saknas. Fyll i cellen.',
    () => 'a value is missing. Fill in the cell.',
  ),
  'too-long': define(
    'error',
    (p) => `texten har ${p.length} tecken. Högst ${p.max} tecken är tillåtna.`,
    (p) => `the text has ${p.length} characters. At most ${p.max} are allowed.`,
  ),
  'invalid-id': define(
    'error',
    (p) =>
      `”${p.value}” har tecknet ${p.character} (tecken ${p.position}). Tecknen / \\ # ? är inte tillåtna i ett ID eftersom det blir en del av adresser och filnamn. Använd bokstäver, siffror och bindestreck.`,
    (p) =>
      `"${p.value}" holds the character ${p.character} (character ${p.position}). The characters / \\ # ? are not allowed in an ID because it becomes part of addresses and file names. Use letters, digits and hyphens.`,
  ),
  'invisible-in-id': define(
    'error',
    (p) =>
      `”${p.value}” har ett osynligt tecken, styrtecken eller specialmellanslag (${p.codePoint}) i tecken ${p.position}. Ett ID får bara ha synliga tecken: skriv om det med bokstäver, siffror och bindestreck.`,
    (p) =>
      `"${p.value}" holds an invisible, control or special space character (${p.codePoint}) at character ${p.position}. An ID may hold visible characters only: type it again with letters, digits and hyphens.`,
  ),
  'xml-invalid-character': define(
    'error',
    (p) =>
      `texten har ett tecken som inte kan sparas i en Excel-fil (${p.codePoint}, ett styrtecken eller ogiltigt tecken) i tecken ${p.position}: ”${p.value}”. Ta bort tecknet; skriv texten på nytt om den är inklistrad.`,
    (p) =>
      `the text holds a character that cannot be saved in an Excel file (${p.codePoint}, a control or invalid character) at character ${p.position}: "${p.value}". Remove the character; type the text again if it was pasted.`,
  ),
  'line-separator-character': define(
    'error',
    (p) =>
      `texten har ett rad- eller styckeavgränsartecken (${p.codePoint}) i tecken ${p.position}: ”${p.value}”. Det syns inte i Excel och delar texten i andra program. Byt det mot en vanlig radbrytning (Alt+Enter) eller ett mellanslag.`,
    (p) =>
      `the text holds a line or paragraph separator (${p.codePoint}) at character ${p.position}: "${p.value}". Excel does not show it and other programs split the text at it. Replace it with an ordinary line break (Alt+Enter) or a space.`,
  ),
  'invalid-value-type': define(
    'error',
    (p) =>
      `cellen innehåller ${p.kind === 'array' ? 'en lista' : 'ett objekt'}, men ett värde ska vara text, ett tal, ett datum eller ja/nej. Skicka ett enkelt värde, t.ex. "Rubrik", 12 eller "2014-03-12".`,
    (p) =>
      `the cell holds ${p.kind === 'array' ? 'a list' : 'an object'}, but a value must be text, a number, a date or yes/no. Send a plain value, e.g. "Title", 12 or "2014-03-12".`,
  ),
  'row-not-an-object': define(
    'error',
    () => 'raden är inte ett objekt med kolumnernas nycklar och läses inte. Skicka raden som t.ex. {"expenseId": "K-1", "amount": 1200}.',
    () => 'the row is not an object keyed by column and is not read. Send the row as e.g. {"expenseId": "K-1", "amount": 1200}.',
  ),
  'invalid-list-value': define(
    'error',
    (p) => `”${p.value}” är inte ett giltigt val. Välj ett av: ${p.allowed}.`,
    (p) => `"${p.value}" is not a valid choice. Choose one of: ${p.allowed}.`,
  ),
  'invalid-date': define(
    'error',
    (p) => `”${p.value}” är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2013-05-14.`,
    (p) => `"${p.value}" is not a date. Write the date as YYYY-MM-DD, e.g. 2013-05-14.`,
  ),
  'nonexistent-date': define(
    'error',
    (p) => `”${p.value}” finns inte: ${whyNoDate(p).sv}. Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.`,
    (p) => `"${p.value}" does not exist: ${whyNoDate(p).en}. Write a date that exists, as YYYY-MM-DD.`,
  ),
  'invalid-number': define(
    'error',
    (p) => `”${p.value}” är inget tal. Skriv bara siffror, t.ex. 1 234,50.`,
    (p) => `"${p.value}" is not a number. Write digits only, e.g. 1234.50.`,
  ),
  'ambiguous-number': define(
    'error',
    (p) =>
      `”${p.value}” kan betyda två olika tal, ${p.asThousands} eller ${p.asDecimal}, och läses därför inte. Skriv ${p.asThousandsPlain} eller ${p.asThousands} (mellanslag mellan tusental) om du menar ${p.asThousands}, eller ${p.asDecimal} om du menar ${p.decimal}.`,
    (p) =>
      `"${p.value}" could mean two numbers, ${p.thousands} or ${p.decimal}, so it is not read. Write ${p.asThousandsPlain} or ${p.asThousands} (a space between thousands) for ${p.thousands}, or ${p.asDecimalPoint} for ${p.decimal}.`,
  ),
  'imprecise-number': define(
    'error',
    () => 'talet har fler siffror än som kan läsas exakt (över 15), eller är oändligt. Skicka värdet som text inom citattecken, t.ex. "12345678901234567".',
    () => 'the number has more digits than can be read exactly (over 15), or is infinite. Send the value as text in quotes, e.g. "12345678901234567".',
  ),
  'not-whole-number': define(
    'error',
    (p) => `${p.value} är inget heltal. Ange ett helt antal.`,
    (p) => `${p.value} is not a whole number. Give a whole count.`,
  ),
  'below-minimum': define(
    'error',
    (p) => `${p.value} är för litet. Värdet ska vara minst ${p.min}.`,
    (p) => `${p.value} is too small. The value must be at least ${p.min}.`,
  ),
  'above-maximum': define(
    'error',
    (p) => `${p.value} är för stort. Värdet får vara högst ${p.max}.`,
    (p) => `${p.value} is too large. The value may be at most ${p.max}.`,
  ),
  'too-many-decimals': define(
    'error',
    (p) => `${p.value} har för många decimaler. Högst ${p.max} decimaler är tillåtna (hela ören).`,
    (p) => `${p.value} has too many decimals. At most ${p.max} are allowed (whole öre, hundredths of a krona).`,
  ),
  'zero-amount': define(
    'error',
    () => 'beloppet är 0. Ange ett belopp skilt från noll, eller ta bort raden.',
    () => 'the amount is 0. Give a non-zero amount, or remove the row.',
  ),
  'formula-without-value': define(
    'error',
    (p) =>
      `cellen har formeln ${p.formula} men inget beräknat värde sparat i filen. Öppna filen i Excel, spara den och ladda upp den igen, eller skriv värdet i cellen.`,
    (p) =>
      `the cell holds the formula ${p.formula} but no computed value is saved in the file. Open the file in Excel, save it and upload it again, or type the value into the cell.`,
  ),
  'merged-cell': define(
    'error',
    (p) =>
      `cellen ingår i de sammanfogade cellerna ${p.range}, och värdet står bara i ${p.first}. Dela upp de sammanfogade cellerna och skriv värdet på varje rad.`,
    (p) => `the cell is part of the merged cells ${p.range}, and the value is only in ${p.first}. Unmerge the cells and write the value on each row.`,
  ),
  'invalid-boolean': define(
    'error',
    (p) => `”${p.value}” är varken Ja eller Nej. Välj Ja eller Nej.`,
    (p) => `"${p.value}" is neither Yes nor No. Choose Ja (yes) or Nej (no).`,
  ),
  'invalid-url': define(
    'error',
    (p) => `”${p.value}” är ingen webbadress. Ange en fullständig adress som börjar med https:// eller http://.`,
    (p) => `"${p.value}" is not a web address. Give a full address starting with https:// or http://.`,
  ),
  'duplicate-id': define(
    'error',
    (p) => `ID ”${p.value}” används både på rad ${p.first} och rad ${p.row}. Varje rad behöver ett eget ID.`,
    (p) => `the ID "${p.value}" is used on both row ${p.first} and row ${p.row}. Each row needs an ID of its own.`,
  ),
  'date-outside-year': define(
    'error',
    (p) => `${p.value} ligger utanför redovisningsåret ${p.year}. Ange ett datum mellan ${p.year}-01-01 och ${p.year}-12-31.`,
    (p) => `${p.value} is outside the reported year ${p.year}. Give a date from ${p.year}-01-01 to ${p.year}-12-31.`,
  ),
  'end-before-start': define(
    'error',
    (p) => `slutdatumet ${p.value} ligger före startdatumet ${p.start}. Ange ett slutdatum samma dag eller senare.`,
    (p) => `the end date ${p.value} is before the start date ${p.start}. Give an end date on or after it.`,
  ),
  'end-after-initiative': define(
    'error',
    (p) => `slutdatumet ${p.value} ligger efter satsningens slut ${p.end}. Ange ett datum senast ${p.end}.`,
    (p) => `the end date ${p.value} is after the initiative ends on ${p.end}. Give a date no later than ${p.end}.`,
  ),
  'unknown-activity': define(
    'error',
    (p) => `aktiviteten ”${p.value}” finns inte bland länets aktiviteter för ${p.year}. Ange ett Aktivitets-ID från bladet Aktiviteter eller lämna cellen tom.`,
    (p) =>
      `the activity "${p.value}" is not among the board's activities for ${p.year}. Give an Activity ID from the Activities sheet or leave the cell empty.`,
  ),
  correction: define(
    'warning',
    (p) => `negativt belopp (${p.value}) räknas som en rättelse. Beskriv i Beskrivning vilken kostnad som rättas.`,
    (p) => `a negative amount (${p.value}) counts as a correction. Say in Description which cost it corrects.`,
  ),
  'unspecified-majority': define(
    'warning',
    (p) => `${p.value} av ${p.total} deltagare är inte könsuppdelade. Statistiken ska redovisas uppdelad på kvinnor och män.`,
    (p) => `${p.value} of ${p.total} participants are not broken down by sex. Statistics should be reported for women and men.`,
  ),
  'completed-without-result': define(
    'warning',
    () => 'aktiviteten är genomförd men saknar resultat. Beskriv vad den ledde till.',
    () => 'the activity is completed but has no result. Describe what it led to.',
  ),
  'learning-example-without-link': define(
    'warning',
    () => 'ett genomfört lärande exempel saknar länk till Jämställ.nu. Ange länken när exemplet är publicerat.',
    () => 'a completed learning example has no link to Jämställ.nu. Give the link once it is published.',
  ),
  'activity-links-unchecked': define(
    'warning',
    (p) =>
      `kopplingarna till aktiviteter kunde inte kontrolleras (${p.reason}). Kontrollen görs när kostnaderna skickas in; rader med Aktivitets-ID kan då få fel om aktiviteten saknas.`,
    (p) =>
      `the links to activities could not be checked (${p.reason}). They are checked when the expenses are submitted; rows with an Activity ID may then get errors if the activity is missing.`,
  ),
  'activity-still-linked': define(
    'warning',
    (p) =>
      `aktiviteten ”${p.value}” finns inte längre bland Aktiviteter, men länets inskickade kostnader för ${p.year} länkar till den (${p.cells}). Lägg tillbaka aktiviteten, eller ändra eller ta bort Aktivitets-ID på de kostnaderna och skicka in Kostnader igen.`,
    (p) =>
      `the activity "${p.value}" is no longer among the Activities, but the board's submitted expenses for ${p.year} link to it (${p.cells}). Put the activity back, or change or remove the Activity ID of those expenses and submit the Expenses again.`,
  ),
} as const satisfies Record<string, IssueDefinition>;

export type IssueCode = keyof typeof ISSUE_CODES;

export function issueText(code: IssueCode, params: IssueParams, language: Language): string {
  return pick(ISSUE_CODES[code].text(params), language);
}
