import { UnexpectedAnswerError, type Language } from '@samla/shared';
import { ApiError, NetworkError } from '../api/samla-api';
import { SignInRequiredError } from '../auth/office-sign-in';
import { paneText } from '../i18n/pane-strings';

/** Every failure in words the user can act on; never a stack trace, never silence. */
export function errorText(error: unknown, language: Language): string {
  if (error instanceof NetworkError) return paneText(language, 'errorNetwork');
  // The token could not be renewed without the user: a prompt to sign in, not an Excel failure.
  if (error instanceof SignInRequiredError) return paneText(language, 'errorSignedOut');
  if (error instanceof ApiError) {
    // A gateway in between (the dev server's proxy, say) that could not reach the functions.
    if ((error.status === 502 || error.status === 504) && !error.problem.errors) return paneText(language, 'errorNetwork');
    if (error.status === 401) return paneText(language, 'errorSignedOut');
    const title = error.problem.detail ? `${error.problem.title} ${error.problem.detail}` : error.problem.title;
    if (error.status === 403) return `${paneText(language, 'errorForbidden')} ${title}`;
    return paneText(language, 'errorServer', { title });
  }
  if (error instanceof UnexpectedAnswerError) return paneText(language, 'errorUnexpectedAnswer', { what: error.what });
  const message = error instanceof Error ? error.message : String(error);
  return paneText(language, 'errorWorkbook', { message });
}
