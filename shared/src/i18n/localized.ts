/** The languages Samla speaks to users. Swedish is the default everywhere. */
export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sv';

/** A text a user sees, in every language Samla speaks: the one type every message, label and title is written in. */
export type Localized = { readonly [L in Language]: string };

/** A message with parameters: given them, its text in every language. */
export type LocalizedMessage<P> = (params: P) => Localized;

/** A catalogue of texts by key (the pane's words, a route's details): one Localized each. */
export type MessageCatalogue<K extends string = string> = { readonly [Key in K]: Localized };

/** The locale each language formats numbers and dates in (Intl). */
export const LOCALES: { readonly [L in Language]: string } = { sv: 'sv-SE', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return value === 'sv' || value === 'en';
}

/** A text in a language. */
export function pick(text: Localized, language: Language): string {
  return text[language];
}

/** Joins localized parts per language (`joinLocalized([a, b], ' ')`), so a sentence can be built from sentences. */
export function joinLocalized(parts: readonly Localized[], separator = ' '): Localized {
  return {
    sv: parts.map((part) => part.sv).join(separator),
    en: parts.map((part) => part.en).join(separator),
  };
}

/**
 * A catalogue from two dictionaries with the same keys, one per language (the form a translator edits):
 * `catalogue({ save: 'Spara' }, { save: 'Save' })` is `{ save: { sv: 'Spara', en: 'Save' } }`.
 */
export function catalogue<K extends string>(sv: { readonly [Key in K]: string }, en: { readonly [Key in K]: string }): MessageCatalogue<K> {
  const entries = (Object.keys(sv) as K[]).map((key) => [key, { sv: sv[key], en: en[key] }] as const);
  return Object.fromEntries(entries) as MessageCatalogue<K>;
}

/**
 * A number in a message, written the way each language writes numbers where the text is made (`numberIn`): a user
 * reads `1 234,5` in Swedish and `1,234.5` in English. `written` is the user's own spelling of it (text they typed, or
 * digits beyond what a double holds exactly), quoted as it is in every language and never re-rounded.
 */
export interface ShownNumber {
  readonly kind: 'shown-number';
  readonly value: number;
  readonly written?: string;
}

/** A number for a message (`ShownNumber`); `written`, when given, is shown instead of the value. */
export function shownNumber(value: number, written?: string): ShownNumber {
  return written === undefined ? { kind: 'shown-number', value } : { kind: 'shown-number', value, written };
}

function isShownNumber(value: unknown): value is ShownNumber {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'shown-number';
}

/** Per language: every digit up to 15 significant ones (a spreadsheet's precision), and from 10^15 on, powers of ten. */
const PLAIN_FORMATS = {
  sv: new Intl.NumberFormat(LOCALES.sv, { maximumFractionDigits: 20, useGrouping: true }),
  en: new Intl.NumberFormat(LOCALES.en, { maximumFractionDigits: 20, useGrouping: true }),
} as const;
const SCIENTIFIC_FORMATS = {
  sv: new Intl.NumberFormat(LOCALES.sv, { notation: 'scientific', maximumSignificantDigits: 15 }),
  en: new Intl.NumberFormat(LOCALES.en, { notation: 'scientific', maximumSignificantDigits: 15 }),
} as const;

/**
 * A number as a reader of the language writes it (Intl, `LOCALES`): Swedish `1 234,567` and `-10 000 000` (plain spaces
 * and hyphen-minus, as Samla's Swedish messages have always been written), English `1,234.567` and `-10,000,000`. From
 * 10^15 on, a power of ten with the language's decimal mark (`1,797×10^308`, `1.797×10^308`), never JavaScript's
 * `1.797e+308`; ±Infinity is `∞`.
 */
export function numberIn(value: number, language: Language): string {
  if (Math.abs(value) < 1e15 || !Number.isFinite(value)) {
    return PLAIN_FORMATS[language]
      .format(value)
      .replace(/[\u00a0\u202f]/g, ' ')
      .replace(/\u2212/g, '-');
  }
  const parts = SCIENTIFIC_FORMATS[language].formatToParts(value);
  const mantissa = parts.filter((part) => part.type !== 'exponentSeparator' && part.type !== 'exponentInteger' && part.type !== 'exponentMinusSign');
  const exponent = parts.filter((part) => part.type === 'exponentInteger' || part.type === 'exponentMinusSign');
  const text = (list: Intl.NumberFormatPart[]) =>
    list.map((part) => (part.type === 'exponentMinusSign' || part.type === 'minusSign' ? '-' : part.value)).join('');
  return `${text(mantissa)}×10^${text(exponent)}`;
}

/** A number in every language (`numberIn`), for a text that is written in both at once: `{ sv: '50 000', en: '50,000' }`. */
export function localizedNumber(value: number): Localized {
  return { sv: numberIn(value, 'sv'), en: numberIn(value, 'en') };
}

/** A `ShownNumber` in a language: the user's own spelling when known, else the value the language's way. */
export function shownIn(shown: ShownNumber, language: Language): string {
  return shown.written ?? numberIn(shown.value, language);
}

/** A parameter of a message: text, a plain number (a year, a row: shown as digits), or a `ShownNumber`. */
export type MessageParam = string | number | ShownNumber;

/** Parameters of a message or catalogue text, by name. */
export type MessageParams = Readonly<Record<string, MessageParam>>;

/** Parameters once written for one language: text and plain numbers only. */
export type WrittenParams = Readonly<Record<string, string | number>>;

/** The parameters as one language writes them: each `ShownNumber` made text (`shownIn`), the rest as they are. */
export function paramsIn(params: MessageParams, language: Language): WrittenParams {
  let written: Record<string, string | number> | undefined;
  for (const [name, value] of Object.entries(params)) {
    if (!isShownNumber(value)) continue;
    written ??= { ...(params as WrittenParams) };
    written[name] = shownIn(value, language);
  }
  return written ?? (params as WrittenParams);
}

/** A text with its `{name}` placeholders filled in, numbers the language's way; a placeholder without a parameter stays as written. */
export function fillPlaceholders(text: string, params: MessageParams = {}, language: Language = DEFAULT_LANGUAGE): string {
  const written = paramsIn(params, language);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in written ? String(written[name]) : whole));
}

/** A catalogue's text by key, in a language, with `{name}` placeholders filled in. */
export function message<K extends string>(messages: MessageCatalogue<K>, key: K, language: Language, params?: MessageParams): string {
  return fillPlaceholders(pick(messages[key], language), params, language);
}

/** A message with parameters from one function per language. */
export function localizedMessage<P>(sv: (params: P) => string, en: (params: P) => string): LocalizedMessage<P> {
  return (params) => ({ sv: sv(params), en: en(params) });
}

/**
 * A message whose parameters may hold `ShownNumber`s (the form the issue codes are written in): each language's text is
 * made from the parameters as that language writes them (`paramsIn`), so no number is formatted before its language is known.
 */
export function numberedMessage(sv: (params: WrittenParams) => string, en: (params: WrittenParams) => string): LocalizedMessage<MessageParams> {
  return (params) => ({ sv: sv(paramsIn(params, 'sv')), en: en(paramsIn(params, 'en')) });
}
