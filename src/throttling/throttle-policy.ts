/**
 * Brute-force protection, as pure decisions over failure counters. Three counters are kept for
 * a login attempt, all over a fixed window that starts at the first failure:
 * - the (username, client address) pair: blocked hard after `maxFailures` failures, so a guesser
 *   at one address stops, while the real user at another address is not affected;
 * - the username across all addresses: only slowed down, so an attacker spread over many
 *   addresses cannot lock the real user out;
 * - the client address across all usernames (password spraying): only slowed down, since many
 *   people may share one address.
 * The settings (CAS_THROTTLE_*) are config's (config/sections/throttle.ts).
 */
import type { ThrottleSettings } from '../config/cas-config';

export type { ThrottleSettings };

/** A counter row as stored. */
export interface FailureCounter {
  failures: number;
  windowStart: number;
  blockedUntil: number;
}

export interface Counters {
  pair: FailureCounter | null;
  username: FailureCounter | null;
  address: FailureCounter | null;
}

export type Assessment =
  | { blocked: true; retryAfterMs: number }
  /** delayMs: how long to wait before answering, whatever the outcome of the attempt. */
  | { blocked: false; delayMs: number };

/**
 * A counter that no longer counts: its block is over, or (never blocked) its window has run
 * out. The next failure starts it again from one.
 */
export function isStale(counter: FailureCounter | null, now: number, windowMs: number): boolean {
  if (!counter) return true;
  return counter.blockedUntil > 0 ? counter.blockedUntil <= now : counter.windowStart <= now - windowMs;
}

/** Failures that still count at `now`. */
export function liveFailures(counter: FailureCounter | null, now: number, windowMs: number): number {
  return counter && !isStale(counter, now, windowMs) ? counter.failures : 0;
}

export function isBlocked(counter: FailureCounter | null, now: number): boolean {
  return counter !== null && counter.blockedUntil > now;
}

/** The delay owed after `failures` failures when the first `free` ones cost nothing. */
export function backoff(failures: number, free: number, settings: ThrottleSettings): number {
  if (failures <= free || settings.delayMs === 0) return 0;
  const doublings = Math.min(failures - free - 1, 30);
  return Math.min(settings.maxDelayMs, settings.delayMs * 2 ** doublings);
}

/**
 * Before checking credentials: refuse a blocked pair outright (without asking the
 * authentication source), otherwise say how long to hold the answer. The first failure of a
 * pair is free (a typo); the pair's delays grow until it is blocked.
 */
export function assess(counters: Counters, now: number, settings: ThrottleSettings): Assessment {
  if (!settings.enabled) return { blocked: false, delayMs: 0 };
  const pair = counters.pair;
  if (pair && isBlocked(pair, now)) return { blocked: true, retryAfterMs: pair.blockedUntil - now };
  const window = settings.windowMs;
  const delayMs = Math.max(
    backoff(liveFailures(pair, now, window), 1, settings),
    backoff(liveFailures(counters.username, now, window), settings.usernameFreeFailures, settings),
    backoff(liveFailures(counters.address, now, window), settings.addressFreeFailures, settings),
  );
  return { blocked: false, delayMs };
}

/**
 * The counter after one more failure: a stale counter starts again at this failure; reaching
 * `blockAt` failures blocks until now + blockMs (null: this counter never blocks). The store
 * writes it with a compare-and-swap on the row it read, so concurrent processes never lose
 * a failure.
 */
export function afterFailure(
  counter: FailureCounter | null,
  now: number,
  windowMs: number,
  block: { at: number; forMs: number } | null,
): FailureCounter {
  if (!counter || isStale(counter, now, windowMs)) {
    const blockNow = block !== null && block.at <= 1;
    return { failures: 1, windowStart: now, blockedUntil: blockNow ? now + block.forMs : 0 };
  }
  const failures = counter.failures + 1;
  const blockedUntil = block !== null && failures >= block.at ? now + block.forMs : counter.blockedUntil;
  return { failures, windowStart: counter.windowStart, blockedUntil };
}

/**
 * A (username, address) pair's counter also holds its credential checks in flight: each may
 * yet be a failure, so together with the failures they may not exceed `maxFailures`. A check
 * in flight is not a failure, though: only a wrong password is ever counted.
 */
export interface PairCounter extends FailureCounter {
  pending: number;
  /** Checks in flight are forgotten after this (their process died): see PENDING_LEASE_MS. */
  pendingUntil: number;
}

/** Longer than any credential check takes (the authentication sources time out before). */
export const PENDING_LEASE_MS = 60_000;

export function livePending(counter: PairCounter | null, now: number): number {
  return counter !== null && counter.pendingUntil > now ? counter.pending : 0;
}

export type Admission =
  | { kind: 'refused'; retryAfterMs: number }
  /** Checks in flight would take the pair to its limit if they fail: wait for them. */
  | { kind: 'wait' }
  | { kind: 'admitted'; next: PairCounter };

/**
 * Before a credential check: a blocked pair is refused; a pair whose live failures plus checks
 * in flight have reached `maxFailures` waits; otherwise one more check goes in flight. So a
 * burst of parallel guesses gets no more checks than a slow series would, while parallel
 * logins with the right password only wait for each other.
 */
export function admit(counter: PairCounter | null, now: number, settings: ThrottleSettings): Admission {
  if (counter && isBlocked(counter, now)) return { kind: 'refused', retryAfterMs: counter.blockedUntil - now };
  const stale = isStale(counter, now, settings.windowMs);
  const pending = livePending(counter, now);
  const failures = stale || !counter ? 0 : counter.failures;
  if (failures + pending >= settings.maxFailures) return { kind: 'wait' };
  const base = stale || !counter ? { failures: 0, windowStart: now, blockedUntil: 0 } : counter;
  return {
    kind: 'admitted',
    next: {
      failures: base.failures,
      windowStart: base.windowStart,
      blockedUntil: base.blockedUntil,
      pending: pending + 1,
      pendingUntil: now + PENDING_LEASE_MS,
    },
  };
}

export type CheckOutcome = 'success' | 'failure' | 'abandoned';

/**
 * After a credential check: it is no longer in flight; a failure counts (and may block the
 * pair), a success starts the pair again from zero, an abandoned check (the source was down)
 * changes nothing else. null: nothing is left worth keeping (the row goes).
 */
export function settle(
  counter: PairCounter | null,
  outcome: CheckOutcome,
  now: number,
  settings: ThrottleSettings,
): PairCounter | null {
  const pending = Math.max(0, livePending(counter, now) - 1);
  const inFlight = { pending, pendingUntil: pending > 0 && counter ? counter.pendingUntil : 0 };
  if (outcome === 'failure') {
    const block = { at: settings.maxFailures, forMs: settings.blockMs };
    return { ...afterFailure(counter, now, settings.windowMs, block), ...inFlight };
  }
  const reset = outcome === 'success' || !counter || isStale(counter, now, settings.windowMs);
  if (reset && pending === 0) return null;
  const kept = reset || !counter ? { failures: 0, windowStart: now, blockedUntil: 0 } : counter;
  return { failures: kept.failures, windowStart: kept.windowStart, blockedUntil: kept.blockedUntil, ...inFlight };
}
