import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { learnAccount } from '../logging/username-label';
import { boundAttributes } from './attribute-limits';
import { AUTH_BACKEND, NO_ACCOUNT, type AuthBackend, type AuthenticatedUser, type VerifyResult } from './auth-backend';
import { checkFailure } from './check-failure';
import { PassportVerifier } from './passport-verifier';

export type AuthResult =
  | { ok: true; user: AuthenticatedUser }
  /** `accountExists`: whether the username names an account, for the logs only. */
  | { ok: false; reason: 'bad_credentials'; accountExists: boolean }
  /** internal_error: the check failed on a bug of this server, not on the source (logged with its stack). */
  | { ok: false; reason: 'source_unavailable' | 'internal_error' | 'attributes_too_large' };

/** Checks credentials against the source chosen by CAS_AUTH_CLASS. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('auth');
  private readonly verifier: PassportVerifier;

  constructor(
    @Inject(AUTH_BACKEND) readonly backend: AuthBackend,
    @Inject(CAS_CONFIG) private readonly config: Pick<CasConfig, 'attributeLimits'>,
  ) {
    this.verifier = new PassportVerifier(backend);
  }

  async authenticate(username: string, password: string): Promise<AuthResult> {
    let user: VerifyResult;
    try {
      user = await this.verifier.verify(username, password);
    } catch (err) {
      return this.failed(err);
    }
    // What the source said decides how later log lines show this name (username-label.ts).
    learnAccount(username, user !== NO_ACCOUNT);
    if (user === null || user === NO_ACCOUNT) {
      return { ok: false, reason: 'bad_credentials', accountExists: user === null };
    }
    return this.bounded(user);
  }

  /** A source that cannot answer is told apart from a bug, logged with its stack (check-failure.ts). */
  private failed(err: unknown): AuthResult {
    const source = this.backend.name;
    const { reason, stack, ...event } = checkFailure(err, source);
    this.logger.error({ ...event, source }, ...(stack ? [stack] : []));
    return { ok: false, reason };
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
