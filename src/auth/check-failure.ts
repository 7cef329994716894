import { SourceUnavailableError } from './auth-backend';

/** How a credential check that threw is logged and answered. */
export interface CheckFailure {
  /** source_unavailable: try again later; internal_error: a bug of this server. */
  reason: 'source_unavailable' | 'internal_error';
  event: 'auth_source.failure' | 'auth.internal_error';
  msg: string;
  /** For a bug only: where it happened. */
  stack?: string;
}

/**
 * A backend says its source cannot answer with SourceUnavailableError (connection refused,
 * timeout, directory down). Anything else it throws is unexpected: a programming error that
 * must show in the log with its stack, not pass for an outage of the source.
 */
export function checkFailure(err: unknown, source: string): CheckFailure {
  if (err instanceof SourceUnavailableError) {
    return {
      reason: 'source_unavailable',
      event: 'auth_source.failure',
      msg: `authentication source ${source} failed: ${err.message}`,
    };
  }
  const error = err instanceof Error ? err : new Error(`non-error thrown: ${String(err)}`);
  return {
    reason: 'internal_error',
    event: 'auth.internal_error',
    msg: `checking credentials with ${source} failed on an internal error: ${error.message}`,
    stack: error.stack ?? error.message,
  };
}
