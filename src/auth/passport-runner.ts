import { Strategy as LocalStrategy } from 'passport-local';
import type { Strategy } from 'passport-strategy';
import { NO_ACCOUNT, type AuthBackend, type VerifyResult } from './auth-backend';

/** Wraps a backend as a passport-local strategy reading `username` and `password`. */
export function localStrategyFor(backend: AuthBackend): Strategy {
  return new LocalStrategy({ session: false }, (username, password, done) => {
    backend.verify(username, password).then(
      // passport hands the "info" of a failure to fail(): it carries which kind of refusal.
      (user) => (user === null || user === NO_ACCOUNT ? done(null, false, { message: user ?? '' }) : done(null, user)),
      (err: unknown) => done(err),
    );
  });
}

type StrategyActions = {
  success(user: unknown): void;
  fail(info?: unknown): void;
  error(err: unknown): void;
  redirect(): void;
  pass(): void;
  authenticate(req: unknown): void;
};

/**
 * Runs a passport strategy outside of Express middleware: the strategy gets a fresh object
 * whose success/fail/error actions settle a promise, which is how passport drives strategies.
 */
export function runStrategy(
  strategy: Strategy,
  credentials: { username: string; password: string },
): Promise<VerifyResult> {
  return new Promise((resolve, reject) => {
    const attempt = Object.create(strategy) as StrategyActions;
    attempt.success = (user) => resolve(user as VerifyResult);
    attempt.fail = (info) =>
      resolve((info as { message?: string } | undefined)?.message === NO_ACCOUNT ? NO_ACCOUNT : null);
    attempt.error = (err) => reject(err instanceof Error ? err : new Error(String(err)));
    attempt.redirect = () => resolve(null);
    attempt.pass = () => resolve(null);
    attempt.authenticate({ body: credentials, query: {} });
  });
}
