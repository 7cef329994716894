import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { usernameField, usernameForLog } from '../logging/username-label';
import { counterKeys } from './throttle-keys';
import { admit, afterFailure, assess, settle, type CheckOutcome, type PairCounter } from './throttle-policy';
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
  /** When trying again can help (the Retry-After of a 429), in whole seconds. */
  retryAfterSeconds: number;
}

/** Never blocks: for the throttle switched off. */
const FREE: Attempt = {
  blocked: false,
  succeeded: () => Promise.resolve(),
  failed: () => Promise.resolve(),
  abandoned: () => Promise.resolve(),
  delay: () => Promise.resolve(),
};

/** How long an attempt waits for the checks in flight of its pair before it is refused. */
const MAX_WAIT_MS = 10_000;
/** Polls of the counter while waiting: from the first to the longest pause, doubling. */
const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 250;
/** Compare-and-swap rounds for settling a check: every round one of the contenders wins. */
const SETTLE_TRIES = 100;

/**
 * Brute-force protection of the login form and /auth (policy: throttle-policy.ts). Only wrong
 * passwords count as failures. A check in flight holds a place of its (username, address) pair
 * until it is settled, and the pair's failures plus its checks in flight never exceed the
 * limit: further attempts wait for those checks, so a burst of parallel guesses gets no more
 * checks than a slow series, while parallel logins with the right password all get in.
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
    const deadline = Date.now() + MAX_WAIT_MS;
    let pause = FIRST_PAUSE_MS;
    let before: PairCounter | null;
    for (;;) {
      const now = Date.now();
      before = (await this.store.read([keys.pair])).get(keys.pair) ?? null;
      const admission = admit(before, now, settings);
      if (admission.kind === 'refused') {
        this.logger.warn({
          msg: `${where}: attempt for ${usernameForLog(username)} from ${address} refused: too many failures`,
          event: 'throttle.blocked',
          endpoint: where,
          user: usernameField(username),
          ip: address,
        });
        return {
          blocked: true,
          retryAfterMs: admission.retryAfterMs,
          retryAfterSeconds: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)),
        };
      }
      if (admission.kind === 'admitted' && (await this.store.swap(keys.pair, before, admission.next))) break;
      if (now + pause > deadline) {
        this.logger.warn({
          msg: `${where}: attempt for ${usernameForLog(username)} from ${address} refused: too many attempts at once`,
          event: 'throttle.busy',
          endpoint: where,
          user: usernameField(username),
          ip: address,
        });
        return { blocked: true, retryAfterMs: 1000, retryAfterSeconds: 1 };
      }
      // Admitted but another request changed the row first: decide again at once.
      if (admission.kind === 'admitted') continue;
      await sleep(pause);
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }

    const others = await this.store.read([keys.username, keys.address]);
    const assessment = assess(
      { pair: before, username: others.get(keys.username) ?? null, address: others.get(keys.address) ?? null },
      Date.now(),
      settings,
    );
    const delayMs = assessment.blocked ? 0 : assessment.delayMs;
    if (delayMs > 0) {
      this.logger.warn({
        msg: `${where}: attempt for ${usernameForLog(username)} from ${address} slowed down by ${delayMs} ms`,
        event: 'throttle.delayed',
        endpoint: where,
        user: usernameField(username),
        ip: address,
        delayMs,
      });
    }
    return {
      blocked: false,
      succeeded: () => this.settle(keys.pair, 'success'),
      failed: async () => {
        await this.settle(keys.pair, 'failure');
        const at = Date.now();
        // Username and address counters only slow attempts down: they never block (null).
        for (const id of [keys.username, keys.address]) {
          await this.store.update(id, (current) => afterFailure(current, at, settings.windowMs, null));
        }
      },
      abandoned: () => this.settle(keys.pair, 'abandoned'),
      delay: async () => {
        if (delayMs > 0) await sleep(delayMs);
      },
    };
  }

  private async settle(id: string, outcome: CheckOutcome): Promise<void> {
    for (let i = 0; i < SETTLE_TRIES; i++) {
      const before = (await this.store.read([id])).get(id) ?? null;
      if (await this.store.swap(id, before, settle(before, outcome, Date.now(), this.config.throttle))) return;
    }
    // Left in flight, the check holds its place until its lease ends (PENDING_LEASE_MS).
    this.logger.warn(`a ${outcome} could not be recorded: the counter kept changing`);
  }
}
