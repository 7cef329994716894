import { Strategy as LocalStrategy } from 'passport-local';
import type { Strategy } from 'passport-strategy';
import type { AuthBackend, AuthenticatedUser } from './auth-backend';

/** Wraps a backend as a passport-local strategy reading `username` and `password`. */
export function localStrategyFor(backend: AuthBackend): Strategy {
  return new LocalStrategy({ session: false }, (username, password, done) => {
    backend.verify(username, password).then(
      (user) => done(null, user ?? false),
      (err: unknown) => done(err),
    );
  });
}

type StrategyActions = {
  success(user: unknown): void;
  fail(): void;
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
): Promise<AuthenticatedUser | null> {
  return new Promise((resolve, reject) => {
    const attempt = Object.create(strategy) as StrategyActions;
    attempt.success = (user) => resolve(user as AuthenticatedUser);
    attempt.fail = () => resolve(null);
    attempt.error = (err) => reject(err instanceof Error ? err : new Error(String(err)));
    attempt.redirect = () => resolve(null);
    attempt.pass = () => resolve(null);
    attempt.authenticate({ body: credentials, query: {} });
  });
}
