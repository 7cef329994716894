import { And, In, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { deleteBatch } from '../database/delete-in-batches';
import { isDuplicateKey } from '../database/duplicate-key';
import type { PairCounter } from './throttle-policy';
import { ThrottleCounter } from './throttle-counter.entity';

/** The `throttle_counters` table: one row per counter, every write conditional on what was read. */
export class ThrottleRepository {
  constructor(private readonly repo: Repository<ThrottleCounter>) {}

  async loadCounters(ids: string[]): Promise<Map<string, PairCounter>> {
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
   * Stores a counter that was not there; false when another request stored one with this id
   * first (the lost race). Any other failure is thrown.
   */
  async insertCounter(id: string, counter: PairCounter): Promise<boolean> {
    try {
      await this.repo.insert({ id, ...counter });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Writes `next` if the row is still `expected`; false when it changed meanwhile. */
  async replaceCounter(id: string, expected: PairCounter, next: PairCounter): Promise<boolean> {
    const result = await this.repo.update({ id, ...expected }, next);
    return result.affected === 1;
  }

  /** Deletes the row if it is still `expected`; false when it changed meanwhile. */
  async deleteCounter(id: string, expected: PairCounter): Promise<boolean> {
    const result = await this.repo.delete({ id, ...expected });
    return result.affected === 1;
  }

  /**
   * Deletes up to `limit` counters whose block ended at `now`, or (never blocked) whose window
   * started at `windowCut` or before, and that hold no check in flight; returns how many went.
   */
  deleteStale(now: number, windowCut: number, limit: number): Promise<number> {
    const idle = { pendingUntil: LessThanOrEqual(now) };
    return deleteBatch(
      this.repo,
      [
        { ...idle, blockedUntil: And(MoreThan(0), LessThanOrEqual(now)) },
        { ...idle, blockedUntil: 0, windowStart: LessThanOrEqual(windowCut) },
      ],
      limit,
    );
  }
}
