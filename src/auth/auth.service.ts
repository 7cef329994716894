import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Strategy } from 'passport-strategy';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { learnAccount } from '../logging/username-label';
import { boundAttributes } from './attribute-limits';
import { AUTH_BACKEND, NO_ACCOUNT, type AuthBackend, type AuthenticatedUser, type VerifyResult } from './auth-backend';
import { localStrategyFor, runStrategy } from './passport-runner';

export type AuthResult =
  | { ok: true; user: AuthenticatedUser }
  /** `accountExists`: whether the username names an account, for the logs only. */
  | { ok: false; reason: 'bad_credentials'; accountExists: boolean }
  | { ok: false; reason: 'source_unavailable' | 'attributes_too_large' };

/** Checks credentials against the source chosen by CAS_AUTH_CLASS. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('auth');
  private readonly strategy: Strategy;

  constructor(
    @Inject(AUTH_BACKEND) readonly backend: AuthBackend,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {
    this.strategy = localStrategyFor(backend);
  }

  async authenticate(username: string, password: string): Promise<AuthResult> {
    let user: VerifyResult;
    try {
      user = await runStrategy(this.strategy, { username, password });
    } catch (err) {
      this.logger.error({
        msg: `authentication source ${this.backend.name} failed: ${(err as Error).message}`,
        event: 'auth_source.failure',
        source: this.backend.name,
      });
      return { ok: false, reason: 'source_unavailable' };
    }
    // What the source said decides how later log lines show this name (username-label.ts).
    learnAccount(username, user !== NO_ACCOUNT);
    if (user === null || user === NO_ACCOUNT) {
      return { ok: false, reason: 'bad_credentials', accountExists: user === null };
    }
    return this.bounded(user);
  }

  /** The user with its attributes within CAS_MAX_ATTRIBUTE_*; a refusal when still too large. */
  private bounded(user: AuthenticatedUser): AuthResult {
    const limits = this.config.attributeLimits;
    const bounded = boundAttributes(user.attributes, limits);
    for (const { name, length } of bounded.dropped) {
      this.logger.warn(
        `attribute ${name} of ${user.username}: a value of ${length} characters is left out ` +
          `(CAS_MAX_ATTRIBUTE_VALUE_LENGTH=${limits.maxValueLength})`,
      );
    }
    if (bounded.tooLarge) {
      this.logger.error(
        `login of ${user.username} refused: its attributes total ${bounded.total} characters ` +
          `(CAS_MAX_ATTRIBUTES_TOTAL_LENGTH=${limits.maxTotalLength})`,
      );
      return { ok: false, reason: 'attributes_too_large' };
    }
    return { ok: true, user: { ...user, attributes: bounded.attributes } };
  }
}
