import {
  PENDING_LEASE_MS,
  admit,
  afterFailure,
  assess,
  backoff,
  liveFailures,
  settle,
  type CheckOutcome,
  type FailureCounter,
  type PairCounter,
  type ThrottleSettings,
} from './throttle-policy';

const SETTINGS: ThrottleSettings = {
  enabled: true,
  maxFailures: 3,
  windowMs: 120_000,
  blockMs: 300_000,
  delayMs: 1000,
  maxDelayMs: 10_000,
  usernameFreeFailures: 10,
  addressFreeFailures: 30,
};
const BLOCK = { at: SETTINGS.maxFailures, forMs: SETTINGS.blockMs };
const T0 = 1_700_000_000_000;

/** The pair counter after `n` failures, one second apart, starting at T0. */
function failuresOf(n: number, block: { at: number; forMs: number } | null = BLOCK): FailureCounter | null {
  let counter: FailureCounter | null = null;
  for (let i = 0; i < n; i++) counter = afterFailure(counter, T0 + i * 1000, SETTINGS.windowMs, block);
  return counter;
}

const none = { pair: null, username: null, address: null };

describe('throttle policy', () => {
  it('blocks a (username, address) pair at the configured number of failures, for the block time', () => {
    const two = failuresOf(2);
    expect(assess({ ...none, pair: two }, T0 + 2000, SETTINGS).blocked).toBe(false);
    const three = failuresOf(3);
    expect(three).toMatchObject({ failures: 3, blockedUntil: T0 + 2000 + 300_000 });
    expect(assess({ ...none, pair: three }, T0 + 3000, SETTINGS)).toEqual({ blocked: true, retryAfterMs: 299_000 });
    expect(assess({ ...none, pair: three }, T0 + 2000 + 300_000, SETTINGS).blocked).toBe(false);
  });

  it('starts the count again once the block is over, and once the window has run out', () => {
    const three = failuresOf(3)!;
    expect(afterFailure(three, three.blockedUntil, SETTINGS.windowMs, BLOCK)).toEqual({
      failures: 1,
      windowStart: three.blockedUntil,
      blockedUntil: 0,
    });
    const two = failuresOf(2)!;
    expect(liveFailures(two, T0 + 119_999, SETTINGS.windowMs)).toBe(2);
    expect(liveFailures(two, T0 + 120_000, SETTINGS.windowMs)).toBe(0);
    expect(afterFailure(two, T0 + 120_000, SETTINGS.windowMs, BLOCK)).toMatchObject({ failures: 1, blockedUntil: 0 });
  });

  it('lets the first failure of a pair cost nothing, then delays each attempt twice as long', () => {
    const wide = { ...SETTINGS, maxFailures: 100 };
    const delay = (n: number) => {
      const a = assess({ ...none, pair: failuresOf(n, null) }, T0 + n * 1000, wide);
      return a.blocked ? -1 : a.delayMs;
    };
    expect([0, 1, 2, 3, 4, 5, 6, 8].map(delay)).toEqual([0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('never blocks a username across addresses, only slows it down past its free failures', () => {
    const user = failuresOf(50, null);
    expect(user?.blockedUntil).toBe(0);
    const at = (n: number) => assess({ ...none, username: failuresOf(n, null) }, T0 + n * 1000, SETTINGS);
    expect(at(10)).toEqual({ blocked: false, delayMs: 0 });
    expect(at(11)).toEqual({ blocked: false, delayMs: 1000 });
    expect(at(12)).toEqual({ blocked: false, delayMs: 2000 });
    expect(at(50)).toEqual({ blocked: false, delayMs: 10_000 });
  });

  it('slows down an address spraying many usernames past its free failures', () => {
    const address = failuresOf(31, null);
    expect(assess({ ...none, address }, T0 + 31_000, SETTINGS)).toEqual({ blocked: false, delayMs: 1000 });
  });

  it('decides nothing when switched off', () => {
    expect(assess({ ...none, pair: failuresOf(3) }, T0 + 3000, { ...SETTINGS, enabled: false })).toEqual({
      blocked: false,
      delayMs: 0,
    });
  });

  it('caps the delay and survives huge counts', () => {
    expect(backoff(10_000, 1, SETTINGS)).toBe(10_000);
    expect(backoff(5, 1, { ...SETTINGS, delayMs: 0 })).toBe(0);
  });
});

describe('checks in flight', () => {
  /** Admits checks one after the other while they are still running; returns the counter. */
  function inFlight(n: number, start: PairCounter | null = null): PairCounter | null {
    let counter = start;
    for (let i = 0; i < n; i++) {
      const admission = admit(counter, T0, SETTINGS);
      if (admission.kind !== 'admitted') throw new Error(`check ${i + 1}: ${admission.kind}`);
      counter = admission.next;
    }
    return counter;
  }
  const settleAll = (counter: PairCounter | null, outcomes: CheckOutcome[]) =>
    outcomes.reduce((c, outcome) => settle(c, outcome, T0 + 1, SETTINGS), counter);

  it('are not failures: parallel logins with the right password wait for each other, none is refused', () => {
    const three = inFlight(3);
    expect(three).toMatchObject({ failures: 0, pending: 3, blockedUntil: 0 });
    expect(admit(three, T0, SETTINGS)).toEqual({ kind: 'wait' });
    const one = settle(three, 'success', T0 + 1, SETTINGS);
    expect(one).toMatchObject({ failures: 0, pending: 2 });
    expect(admit(one, T0 + 1, SETTINGS).kind).toBe('admitted');
    expect(settleAll(three, ['success', 'success', 'success'])).toBeNull();
  });

  it('give a burst of parallel guesses no more checks than a slow series: the limit counts them', () => {
    const three = inFlight(3);
    const failed = settleAll(three, ['failure', 'failure']);
    expect(failed).toMatchObject({ failures: 2, pending: 1 });
    expect(admit(failed, T0 + 1, SETTINGS)).toEqual({ kind: 'wait' });
    const blocked = settleAll(failed, ['failure']);
    expect(blocked).toMatchObject({ failures: 3, pending: 0, blockedUntil: T0 + 1 + SETTINGS.blockMs });
    expect(admit(blocked, T0 + 2, SETTINGS)).toEqual({ kind: 'refused', retryAfterMs: SETTINGS.blockMs - 1 });
  });

  it('take the place left by earlier failures only', () => {
    const twoFailures = { ...failuresOf(2)!, pending: 0, pendingUntil: 0 };
    const one = inFlight(1, twoFailures);
    expect(admit(one, T0, SETTINGS)).toEqual({ kind: 'wait' });
    expect(settle(one, 'abandoned', T0 + 1, SETTINGS)).toMatchObject({ failures: 2, pending: 0 });
    expect(settle(one, 'success', T0 + 1, SETTINGS)).toBeNull();
  });

  it('are forgotten after their lease (a process that died mid-check)', () => {
    const three = inFlight(3)!;
    expect(admit(three, T0 + PENDING_LEASE_MS - 1, SETTINGS)).toEqual({ kind: 'wait' });
    const after = admit(three, T0 + PENDING_LEASE_MS, SETTINGS);
    expect(after.kind === 'admitted' && after.next.pending).toBe(1);
  });
});
