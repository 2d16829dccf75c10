import type { HttpRequest } from '@azure/functions';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@samla/shared';

/** The caller's language: `?lang=` first, then Accept-Language; Swedish unless English is asked for. */
export function requestLanguage(request: HttpRequest): Language {
  const asked = request.query.get('lang');
  if (isLanguage(asked)) return asked;
  const header = request.headers.get('accept-language') ?? '';
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return isLanguage(first) ? first : DEFAULT_LANGUAGE;
}
