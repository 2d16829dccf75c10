import { RestError } from '@azure/data-tables';

/** The HTTP status Table Storage answered a failed request with; undefined when it never answered. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}
