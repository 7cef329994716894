import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { usernameField, usernameForLog } from '../logging/username-label';
import { counterKeys } from './throttle-keys';
import { afterFailure, assess, isBlocked } from './throttle-policy';
import { ThrottleStore } from './throttle-store.service';

/** What the caller does with a credential check that the throttle let through. */
export interface Attempt {
  blocked: false;
  /** The credentials were right: the pair starts again from zero. */
  succeeded(): Promise<void>;
  /** The credentials were wrong. */
  failed(): Promise<void>;
  /** Nothing was learnt (the authentication source was down): the attempt is not counted. */
  abandoned(): Promise<void>;
  /** Waits the delay owed, before answering (holding nothing meanwhile). */
  delay(): Promise<void>;
}

export interface Refusal {
  blocked: true;
  /** How long the block still lasts, for the page to say when to try again. */
  retryAfterMs: number;
}

/** Never blocks: for the throttle switched off. */
const FREE: Attempt = {
  blocked: false,
  succeeded: () => Promise.resolve(),
  failed: () => Promise.resolve(),
  abandoned: () => Promise.resolve(),
  delay: () => Promise.resolve(),
};

/**
 * Brute-force protection of the login form and /auth (policy: throttle-policy.ts). An attempt
 * is counted as a failure of its (username, address) pair before the credentials are checked,
 * so a burst of parallel guesses gets no more tries than a slow one; a success takes it back.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('throttle');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly store: ThrottleStore,
  ) {}

  async begin(username: string, address: string, where: string): Promise<Attempt | Refusal> {
    const settings = this.config.throttle;
    if (!settings.enabled) return FREE;
    const keys = counterKeys(username, address);
    const now = Date.now();
    const block = { at: settings.maxFailures, forMs: settings.blockMs };
    const counted = await this.store.update(keys.pair, (current) =>
      isBlocked(current, now) ? null : afterFailure(current, now, settings.windowMs, block),
    );
    const others = await this.store.read([keys.username, keys.address]);
    const assessment = assess(
      {
        pair: counted.before,
        username: others.get(keys.username) ?? null,
        address: others.get(keys.address) ?? null,
      },
      now,
      settings,
    );
    if (assessment.blocked || !counted.changed) {
      this.logger.warn({
        msg: `${where}: attempt for ${usernameForLog(username)} from ${address} refused: too many failures`,
        event: 'throttle.blocked',
        endpoint: where,
        user: usernameField(username),
        ip: address,
      });
      // Not blocked by the assessment: the counter changed under us too often; the pair's own
      // block, if any, is what remains.
      const retryAfterMs = assessment.blocked
        ? assessment.retryAfterMs
        : Math.max(0, (counted.before?.blockedUntil ?? now) - now);
      return { blocked: true, retryAfterMs };
    }
    const reserved = afterFailure(counted.before, now, settings.windowMs, block);
    if (assessment.delayMs > 0) {
      this.logger.warn({
        msg: `${where}: attempt for ${usernameForLog(username)} from ${address} slowed down by ${assessment.delayMs} ms`,
        event: 'throttle.delayed',
        endpoint: where,
        user: usernameField(username),
        ip: address,
        delayMs: assessment.delayMs,
      });
    }
    return {
      blocked: false,
      succeeded: () => this.store.delete(keys.pair),
      failed: async () => {
        const at = Date.now();
        // Username and address counters only slow attempts down: they never block (null).
        for (const id of [keys.username, keys.address]) {
          await this.store.update(id, (current) => afterFailure(current, at, settings.windowMs, null));
        }
      },
      abandoned: async () => {
        await this.store.swap(keys.pair, reserved, counted.before);
      },
      delay: async () => {
        if (assessment.delayMs > 0) await sleep(assessment.delayMs);
      },
    };
  }
}
