import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Strategy } from 'passport-strategy';
import { AUTH_BACKEND, type AuthBackend, type AuthenticatedUser } from './auth-backend';
import { localStrategyFor, runStrategy } from './passport-runner';

export type AuthResult =
  { ok: true; user: AuthenticatedUser } | { ok: false; reason: 'bad_credentials' | 'source_unavailable' };

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
      return user ? { ok: true, user } : { ok: false, reason: 'bad_credentials' };
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
