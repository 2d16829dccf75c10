import type { HttpRequest } from '@azure/functions';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@samla/shared';

/** The caller's language: `?lang=` first, then Accept-Language; Swedish unless English is asked for. */
export function requestLanguage(request: HttpRequest): Language {
  let asked: string | null = null;
  try {
    asked = request.query.get('lang');
  } catch {
    // A query whose percent-encoding is malformed names no language: the header decides.
  }
  return languageOf(asked, request.headers.get('accept-language'));
}

/** A language tag's primary subtag when it is one of Samla's languages: `EN`, `en-GB` → `en`. */
function languageOfTag(tag: string | null | undefined): Language | undefined {
  const primary = tag?.trim().split('-')[0]?.toLowerCase();
  return isLanguage(primary) ? primary : undefined;
}

/**
 * The language `?lang=` or an Accept-Language header asks for; Swedish unless English is asked for. The header is read
 * as RFC 9110 §12.5.4 says: its languages by quality (`q`, 1 when left out; `q=0` means "not this"), the first of
 * Samla's two languages in that order wins (`de-DE, en;q=0.5` → en; `sv;q=0.1, en` → en).
 */
export function languageOf(asked: string | null | undefined, acceptLanguage: string | null | undefined): Language {
  const fromQuery = languageOfTag(asked);
  if (fromQuery) return fromQuery;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 32)
    .map((entry, order) => {
      const [tag, ...parameters] = entry.split(';');
      const quality = parameters.map((parameter) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(parameter)?.[1]).find((q) => q !== undefined);
      return { language: languageOfTag(tag), quality: quality === undefined ? 1 : Number(quality), order };
    })
    .filter((entry) => entry.language !== undefined && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  return ranked[0]?.language ?? DEFAULT_LANGUAGE;
}
