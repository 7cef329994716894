/** A worker that ran this long before it died was not crash-looping: its slot starts afresh. */
export const STABLE_UPTIME_MS = 60_000;
/** The first replacement of a slot waits this long, each next one twice as long... */
export const FIRST_DELAY_MS = 1_000;
/** ...up to this. */
export const MAX_DELAY_MS = 30_000;
/** The window in which worker exits are counted to decide to give up. */
export const EXIT_WINDOW_MS = 60_000;

/**
 * When to replace a dead worker and when to give up (CAS_WORKERS). Each worker slot is
 * replaced after a back-off that doubles with each death of that slot in a row (1 s, 2 s,
 * 4 s... at most 30 s); a worker that had run 60 s resets it. The primary gives up when more
 * than max(5, 2 x CAS_WORKERS) workers exited within 60 s: then something is wrong with every
 * worker (settings, a port, the database), not with one, and a supervisor (systemd's
 * Restart=) with its own back-off should take over.
 */
export class RestartPolicy {
  private readonly exits: number[] = [];
  private readonly streaks = new Map<number, number>();

  constructor(private readonly workers: number) {}

  get maxExits(): number {
    return Math.max(5, 2 * this.workers);
  }

  /** Records an exit of the worker of `slot`; the delay before its replacement, or null: give up. */
  exited(slot: number, uptimeMs: number, now: number): number | null {
    this.exits.push(now);
    while (this.exits.length > 0 && this.exits[0] <= now - EXIT_WINDOW_MS) this.exits.shift();
    if (this.exits.length > this.maxExits) return null;
    const streak = uptimeMs >= STABLE_UPTIME_MS ? 1 : (this.streaks.get(slot) ?? 0) + 1;
    this.streaks.set(slot, streak);
    return Math.min(FIRST_DELAY_MS * 2 ** (streak - 1), MAX_DELAY_MS);
  }

  /** Exits counted in the current window. */
  get recentExits(): number {
    return this.exits.length;
  }
}
