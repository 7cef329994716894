/**
 * Brute-force protection, as pure decisions over failure counters. Three counters are kept for
 * a login attempt, all over a fixed window that starts at the first failure:
 * - the (username, client address) pair: blocked hard after `maxFailures` failures, so a guesser
 *   at one address stops, while the real user at another address is not affected;
 * - the username across all addresses: only slowed down, so an attacker spread over many
 *   addresses cannot lock the real user out;
 * - the client address across all usernames (password spraying): only slowed down, since many
 *   people may share one address.
 */
export interface ThrottleSettings {
  enabled: boolean;
  /** Failures of a (username, address) pair within the window that block the pair. */
  maxFailures: number;
  windowMs: number;
  blockMs: number;
  /** First delay, doubled at every further failure, never above maxDelayMs. */
  delayMs: number;
  maxDelayMs: number;
  /** Failures of a username (any address) within the window before its attempts slow down. */
  usernameFreeFailures: number;
  /** Failures from an address (any username) within the window before its attempts slow down. */
  addressFreeFailures: number;
}

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
