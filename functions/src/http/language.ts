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

/** The language `?lang=` or an Accept-Language header asks for; Swedish unless English is asked for. */
export function languageOf(asked: string | null | undefined, acceptLanguage: string | null | undefined): Language {
  if (isLanguage(asked)) return asked;
  const header = acceptLanguage ?? '';
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return isLanguage(first) ? first : DEFAULT_LANGUAGE;
}
