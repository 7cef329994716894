import { Injectable } from '@nestjs/common';
import type { FailureCounter, PairCounter } from './throttle-policy';
import { ThrottleRepository } from './throttle.repository';

/** How often a compare-and-swap is retried when other requests keep changing the same row. */
const MAX_TRIES = 20;

/**
 * Failure counters in the database, shared by every server process. A change is a
 * compare-and-swap: read the row, compute the next value, write it only if the row is still
 * what was read; otherwise read again. No failure is lost however many processes count.
 */
@Injectable()
export class ThrottleStore {
  constructor(private readonly repo: ThrottleRepository) {}

  read(ids: string[]): Promise<Map<string, PairCounter>> {
    return this.repo.loadCounters(ids);
  }

  /**
   * Applies `change` to the counter atomically. `change` may decline (null), e.g. because the
   * counter is blocked. Returns the counter as it was before the change, and whether it changed
   * (not when the row kept changing under every try).
   */
  async update(
    id: string,
    change: (current: FailureCounter | null) => FailureCounter | null,
  ): Promise<{ before: FailureCounter | null; changed: boolean }> {
    let before: FailureCounter | null = null;
    for (let i = 0; i < MAX_TRIES; i++) {
      before = (await this.read([id])).get(id) ?? null;
      const next = change(before);
      if (!next) return { before, changed: false };
      if (await this.swap(id, before, next)) return { before, changed: true };
    }
    // A row that many requests fight over is under attack: count it as declined (blocked).
    return { before, changed: false };
  }

  /**
   * Writes `next` if the row is still `expected`; puts the row back as it was, likewise. A
   * counter given without checks in flight has none. False only for a lost race (another
   * request changed or created the row first); any other failure of the database is thrown.
   */
  async swap(
    id: string,
    expected: FailureCounter | PairCounter | null,
    next: FailureCounter | PairCounter | null,
  ): Promise<boolean> {
    const row = (c: FailureCounter | PairCounter): PairCounter => ({
      failures: c.failures,
      windowStart: c.windowStart,
      blockedUntil: c.blockedUntil,
      pending: 'pending' in c ? c.pending : 0,
      pendingUntil: 'pendingUntil' in c ? c.pendingUntil : 0,
    });
    if (expected === null) return next === null || this.repo.insertCounter(id, row(next));
    return next === null
      ? this.repo.deleteCounter(id, row(expected))
      : this.repo.replaceCounter(id, row(expected), row(next));
  }

  /** Deletes up to `limit` counters that no longer count anything (nor hold a check in flight). */
  deleteStale(now: number, windowMs: number, limit: number): Promise<number> {
    return this.repo.deleteStale(now, now - windowMs, limit);
  }
}
