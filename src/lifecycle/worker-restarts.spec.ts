import { EXIT_WINDOW_MS, RestartPolicy, STABLE_UPTIME_MS } from './worker-restarts';

describe('RestartPolicy', () => {
  it('replaces a worker that died early after 1 s, then doubles the wait for that slot', () => {
    const policy = new RestartPolicy(4);
    expect(policy.exited(0, 2_000, 0)).toBe(1_000);
    expect(policy.exited(0, 2_000, 5_000)).toBe(2_000);
    expect(policy.exited(0, 2_000, 10_000)).toBe(4_000);
    // Another slot has its own streak.
    expect(policy.exited(1, 2_000, 11_000)).toBe(1_000);
  });

  it('starts a slot afresh when its worker had been running for a minute', () => {
    const policy = new RestartPolicy(4);
    policy.exited(0, 1_000, 0);
    policy.exited(0, 1_000, 2_000);
    expect(policy.exited(0, STABLE_UPTIME_MS, 40_000)).toBe(1_000);
  });

  it('caps the wait at 30 s', () => {
    const policy = new RestartPolicy(64);
    let delay = 0;
    for (let i = 0; i < 10; i++) delay = policy.exited(0, 0, i * 10 * EXIT_WINDOW_MS) ?? -1;
    expect(delay).toBe(30_000);
  });

  it('gives up when more than max(5, 2 x workers) exits fall within a minute', () => {
    const two = new RestartPolicy(2);
    for (let i = 0; i < 5; i++) expect(two.exited(i % 2, 100, i * 1_000)).not.toBeNull();
    expect(two.exited(0, 100, 5_000)).toBeNull();

    const eight = new RestartPolicy(8);
    for (let i = 0; i < 16; i++) expect(eight.exited(i % 8, 100, i)).not.toBeNull();
    expect(eight.exited(0, 100, 16)).toBeNull();
  });

  it('forgets exits older than a minute', () => {
    const policy = new RestartPolicy(2);
    for (let i = 0; i < 5; i++) policy.exited(0, 100, i);
    expect(policy.exited(0, 100, EXIT_WINDOW_MS + 10)).not.toBeNull();
    expect(policy.recentExits).toBe(1);
  });
});
