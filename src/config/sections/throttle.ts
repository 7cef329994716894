import type { Reader } from '../env-reader';

/** Brute-force protection of the login form and /auth (src/throttling/throttle-policy.ts). */
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

export interface ThrottleSection {
  throttle: ThrottleSettings;
}

export function readThrottleSection(r: Reader): ThrottleSection {
  return {
    throttle: {
      enabled: r.bool('CAS_THROTTLE_ENABLED', true),
      maxFailures: r.int('CAS_THROTTLE_MAX_FAILURES', 3, 1, 1000),
      windowMs: r.secondsAsMs('CAS_THROTTLE_WINDOW', 120, 1, 86400),
      blockMs: r.secondsAsMs('CAS_THROTTLE_BLOCK', 300, 1, 86400),
      delayMs: r.int('CAS_THROTTLE_DELAY_MS', 1000, 0, 60000),
      maxDelayMs: r.int('CAS_THROTTLE_MAX_DELAY_MS', 10000, 0, 60000),
      usernameFreeFailures: r.int('CAS_THROTTLE_USERNAME_FREE_FAILURES', 10, 0, 100000),
      addressFreeFailures: r.int('CAS_THROTTLE_ADDRESS_FREE_FAILURES', 30, 0, 100000),
    },
  };
}
