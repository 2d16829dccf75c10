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
