import { RestError } from '@azure/data-tables';

/** The HTTP status Table Storage answered a failed request with; undefined when it never answered. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|REQUEST_SEND_ERROR|UND_ERR_\w+)$/;

/**
 * Whether an error is the world failing, not the request: storage refused the connection, dropped it, answered
 * 500/503, or did not answer before its deadline (an abort). The HTTP edge answers 503 for these.
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, statusCode, name } = error as { code?: unknown; statusCode?: unknown; name?: unknown };
  return (
    (typeof code === 'string' && NETWORK_CODES.test(code)) ||
    statusCode === 503 ||
    statusCode === 500 ||
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    error instanceof StorageDeadlineError
  );
}

/** A storage call that got no answer within its deadline. */
export class StorageDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`Table Storage did not answer within ${ms} ms`);
    this.name = 'StorageDeadlineError';
  }
}
