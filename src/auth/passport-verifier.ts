import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { NO_ACCOUNT, type AuthBackend, type VerifyResult } from './auth-backend';

/** passport's `authenticate` middleware, as Node's HTTP frameworks call it. */
type Middleware = (req: object, res: object, next: (err?: unknown) => void) => void;

/**
 * The backend as a passport-local strategy, run by passport's own `authenticate` with a custom
 * callback (passport's way of getting the outcome instead of a redirect or a session). The
 * request handed to it is made of the credentials alone: the login flow and /auth decide what
 * comes before the check (throttling, the login ticket) and after it, so no HTTP guard does.
 */
export class PassportVerifier {
  private readonly passport = new Passport();

  constructor(backend: AuthBackend) {
    const strategy = new LocalStrategy({ session: false }, (username, password, done) => {
      backend.verify(username, password).then(
        // passport hands the "info" of a failure to the callback: it carries which kind of refusal.
        (user) =>
          user === null || user === NO_ACCOUNT ? done(null, false, { message: user ?? '' }) : done(null, user),
        (err: unknown) => done(err),
      );
    });
    this.passport.use('local', strategy);
  }

  /** The user, null or NO_ACCOUNT as the backend said; rejects with what the backend threw. */
  verify(username: string, password: string): Promise<VerifyResult> {
    return new Promise((resolve, reject) => {
      const authenticate: Middleware = this.passport.authenticate(
        'local',
        { session: false },
        (err: unknown, user?: Express.User | false | null, info?: unknown) => {
          if (err) reject(err instanceof Error ? err : new Error(String(err)));
          else if (user) resolve(user as VerifyResult);
          else resolve((info as { message?: string } | undefined)?.message === NO_ACCOUNT ? NO_ACCOUNT : null);
        },
      );
      // `next` is passport's "pass" (no decision), which passport-local never takes.
      authenticate({ body: { username, password }, query: {} }, {}, (err) => (err ? reject(err) : resolve(null)));
    });
  }
}
