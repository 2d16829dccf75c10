import { LOCALES, type Language } from '@samla/shared';

/*
 * Numbers as Swedish readers write them: a space between thousands, a comma before the öre (`-1 500,00`).
 * English mode writes `-1,500.00`. Intl's sv-SE output uses U+2212 for minus, which screen readers and
 * copy-paste into Excel do not treat as a minus sign; it is replaced by the ASCII hyphen-minus.
 */

/** An amount in kronor with two decimals: `1 500,00` (sv), `1,500.00` (en). */
export function formatAmount(kronor: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(kronor).replace(/\u2212/g, '-');
}

/** A whole count with thousands separated: `12 500` (sv). */
export function formatCount(count: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0 }).format(count).replace(/\u2212/g, '-');
}

export type AmountReading =
  { readonly ok: true; readonly ore: number } | { readonly ok: false; readonly reason: 'empty' | 'ambiguous-point' | 'not-a-number' | 'too-many-decimals' };

const SPACES = /[ \u00a0\u202f]/g;

/**
 * Reads an amount typed the Swedish way into whole öre (an integer, so sums are exact): `1 500,00`, `1500`,
 * `1500,5`, `-200`. A point is never guessed at: `12.500` may mean twelve and a half or twelve thousand five
 * hundred, so it is refused as ambiguous (the same rule as the templates' amounts).
 */
export function readSwedishAmount(text: string): AmountReading {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (trimmed.includes('.')) return { ok: false, reason: 'ambiguous-point' };
  const compact = trimmed.replace(/kr$/i, '').trim();
  const match = /^(-?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?$/.exec(compact);
  if (!match) return { ok: false, reason: 'not-a-number' };
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > 2) return { ok: false, reason: 'too-many-decimals' };
  const ore = Number(whole.replace(SPACES, '')) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(ore)) return { ok: false, reason: 'not-a-number' };
  return { ok: true, ore: sign === '-' ? -ore : ore };
}

/** Öre as kronor (a number with at most two decimals), for the API. */
export const kronorFromOre = (ore: number): number => Math.round(ore) / 100;
export const oreFromKronor = (kronor: number): number => Math.round(kronor * 100);
