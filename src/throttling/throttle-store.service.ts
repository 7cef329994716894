import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, QueryFailedError } from 'typeorm';
import type { FailureCounter, PairCounter } from './throttle-policy';
import { ThrottleCounter } from './throttle-counter.entity';

/** How often a compare-and-swap is retried when other requests keep changing the same row. */
const MAX_TRIES = 20;

/**
 * Failure counters in the database, shared by every server process. A change is a
 * compare-and-swap: read the row, compute the next value, write it only if the row is still
 * what was read; otherwise read again. No failure is lost however many processes count.
 */
@Injectable()
export class ThrottleStore {
  constructor(@InjectRepository(ThrottleCounter) private readonly repo: Repository<ThrottleCounter>) {}

  async read(ids: string[]): Promise<Map<string, PairCounter>> {
    const rows = await this.repo.find({ where: { id: In(ids) } });
    return new Map(
      rows.map((r) => [
        r.id,
        {
          failures: r.failures,
          windowStart: r.windowStart,
          blockedUntil: r.blockedUntil,
          pending: r.pending,
          pendingUntil: r.pendingUntil,
        },
      ]),
    );
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
   * counter given without checks in flight has none.
   */
  async swap(
    id: string,
    expected: FailureCounter | PairCounter | null,
    next: FailureCounter | PairCounter | null,
  ): Promise<boolean> {
    const row = (c: FailureCounter | PairCounter) => ({
      failures: c.failures,
      windowStart: c.windowStart,
      blockedUntil: c.blockedUntil,
      pending: 'pending' in c ? c.pending : 0,
      pendingUntil: 'pendingUntil' in c ? c.pendingUntil : 0,
    });
    if (expected === null) {
      if (next === null) return true;
      try {
        await this.repo.insert({ id, ...row(next) });
        return true;
      } catch (err) {
        if (err instanceof QueryFailedError) return false; // another request inserted it first
        throw err;
      }
    }
    const same = { id, ...row(expected) };
    const result = next === null ? await this.repo.delete(same) : await this.repo.update(same, row(next));
    return result.affected === 1;
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Deletes up to `limit` counters that no longer count anything (nor hold a check in flight). */
  async deleteStale(now: number, windowMs: number, limit: number): Promise<number> {
    const rows = await this.repo
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where(
        'c.pending_until <= :now AND ' +
          '((c.blocked_until > 0 AND c.blocked_until <= :now) OR (c.blocked_until = 0 AND c.window_start <= :cut))',
        { now, cut: now - windowMs },
      )
      .limit(limit)
      .getRawMany<{ id: string }>();
    if (rows.length === 0) return 0;
    const result = await this.repo.delete({ id: In(rows.map((r) => r.id)) });
    return result.affected ?? 0;
  }
}
