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

/** Parameters of a catalogue text: `{name}` placeholders filled in by name. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A text with its `{name}` placeholders filled in; a placeholder without a parameter stays as written. */
export function fillPlaceholders(text: string, params: MessageParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A catalogue's text by key, in a language, with `{name}` placeholders filled in. */
export function message<K extends string>(messages: MessageCatalogue<K>, key: K, language: Language, params?: MessageParams): string {
  return fillPlaceholders(pick(messages[key], language), params);
}

/** A message with parameters from one function per language (the form the issue codes are written in). */
export function localizedMessage<P>(sv: (params: P) => string, en: (params: P) => string): LocalizedMessage<P> {
  return (params) => ({ sv: sv(params), en: en(params) });
}
