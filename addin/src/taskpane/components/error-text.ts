import { UnexpectedAnswerError, type Language } from '@samla/shared';
import { ApiError, CancelledError, NetworkError, TimeoutError } from '../api/samla-api';
import { SignInRequiredError } from '../auth/office-sign-in';
import { paneText } from '../i18n/pane-strings';

/** Every failure in words the user can act on; never a stack trace, never silence. */
export function errorText(error: unknown, language: Language): string {
  if (error instanceof NetworkError) return paneText(language, 'errorNetwork');
  // The token could not be renewed without the user: a prompt to sign in, not an Excel failure.
  if (error instanceof SignInRequiredError) return paneText(language, 'errorSignedOut');
  if (error instanceof TimeoutError) return paneText(language, 'errorTimeout', { seconds: Math.round(error.ms / 1000) });
  if (error instanceof CancelledError) return paneText(language, 'errorCancelled');
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

/** A route this server does not have yet (404, 405, 501): the pane says what it cannot do, instead of failing. */
export function isMissingRoute(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 404 || error.status === 405 || error.status === 501) && !error.problem.errors;
}

/** Whether a failure leaves it unknown if the server acted: the same request may be sent again with its key. */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    (error instanceof ApiError && (error.status === 502 || error.status === 503 || error.status === 504))
  );
}
