/** The languages Samla speaks to users. Swedish is the default everywhere. */
export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sv';

/** A text a user sees, in every language Samla speaks. */
export interface Localized {
  readonly sv: string;
  readonly en: string;
}

export function isLanguage(value: unknown): value is Language {
  return value === 'sv' || value === 'en';
}
