/**
 * Failures of worker requests as the UI shows them: an API error reads as kubectl prints it
 * (`Error from server (NotFound): nodes "x" not found`), a refused request as its reason, and
 * anything else, a bug, as `internal error: ...` (logged for the developer).
 */
import { isStatusError } from '../api/errors';

/** A request the worker refuses on purpose (bad argument, unsupported action). */
export class RequestError extends Error {
  override name = 'RequestError';
}

export function describeFailure(e: unknown): string {
  if (isStatusError(e)) return `Error from server (${e.reason}): ${e.message}`;
  if (e instanceof RequestError) return e.message;
  console.error(e);
  return `internal error: ${e instanceof Error ? e.message : String(e)}`;
}
