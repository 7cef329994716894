import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Strategy } from 'passport-strategy';
import { AUTH_BACKEND, NO_ACCOUNT, type AuthBackend, type AuthenticatedUser } from './auth-backend';
import { learnAccount } from '../logging/username-label';
import { localStrategyFor, runStrategy } from './passport-runner';

export type AuthResult =
  | { ok: true; user: AuthenticatedUser }
  /** `accountExists`: whether the username names an account, for the logs only. */
  | { ok: false; reason: 'bad_credentials'; accountExists: boolean }
  | { ok: false; reason: 'source_unavailable' };

/** Checks credentials against the source chosen by CAS_AUTH_CLASS. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('auth');
  private readonly strategy: Strategy;

  constructor(@Inject(AUTH_BACKEND) readonly backend: AuthBackend) {
    this.strategy = localStrategyFor(backend);
  }

  async authenticate(username: string, password: string): Promise<AuthResult> {
    try {
      const user = await runStrategy(this.strategy, { username, password });
      // What the source said decides how later log lines show this name (username-label.ts).
      learnAccount(username, user !== NO_ACCOUNT);
      if (user === null || user === NO_ACCOUNT) {
        return { ok: false, reason: 'bad_credentials', accountExists: user === null };
      }
      return { ok: true, user };
    } catch (err) {
      this.logger.error({
        msg: `authentication source ${this.backend.name} failed: ${(err as Error).message}`,
        event: 'auth_source.failure',
        source: this.backend.name,
      });
      return { ok: false, reason: 'source_unavailable' };
    }
  }
}
