import { QueryFailedError } from 'typeorm';
import { FastSql } from '../database/fast-sql';
import {
  declaredColumns,
  migratedColumns,
  openRepositoryDb,
  type RepositoryDb,
} from '../../test/support/repository-db';
import { DATABASES } from '../../test/support/test-db';
import type { PairCounter } from './throttle-policy';
import { ThrottleCounter } from './throttle-counter.entity';
import { ThrottleRepository } from './throttle.repository';

const counter = (changes: Partial<PairCounter> = {}): PairCounter => ({
  failures: 1,
  windowStart: 1_000,
  blockedUntil: 0,
  pending: 0,
  pendingUntil: 0,
  ...changes,
});

/** A trigger that refuses one id: an insert failing for a reason other than a taken key. */
const REFUSING_TRIGGER = {
  sqlite:
    "CREATE TRIGGER refuse_counter BEFORE INSERT ON throttle_counters WHEN NEW.id = 'refused' " +
    "BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END",
  mysql:
    'CREATE TRIGGER refuse_counter BEFORE INSERT ON throttle_counters FOR EACH ROW ' +
    "BEGIN IF NEW.id = 'refused' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by trigger'; END IF; END",
};

describe.each(DATABASES)('ThrottleRepository on %s', (kind) => {
  let db: RepositoryDb;
  let counters: ThrottleRepository;

  beforeAll(async () => {
    db = await openRepositoryDb(kind, [ThrottleCounter]);
    counters = new ThrottleRepository(db.source.getRepository(ThrottleCounter));
    // Built as the server builds it, though this repository needs no raw statement.
    expect(new FastSql(db.source).dialect).toBe(kind);
  });
  afterAll(() => db.close());

  it('declares exactly the columns the migrations created', async () => {
    expect(declaredColumns(db.source, ThrottleCounter)).toEqual(await migratedColumns(db.source, 'throttle_counters'));
  });

  it('counts an insert beaten by another one to the same id as a lost race', async () => {
    expect(await counters.insertCounter('taken', counter())).toBe(true);
    expect(await counters.insertCounter('taken', counter({ failures: 2 }))).toBe(false);
    expect((await counters.loadCounters(['taken'])).get('taken')).toEqual(counter());
  });

  it('throws any other failure of an insert instead of calling it a lost race', async () => {
    await db.source.query(REFUSING_TRIGGER[kind]);
    try {
      await expect(counters.insertCounter('refused', counter())).rejects.toThrow(QueryFailedError);
      await expect(counters.insertCounter('refused', counter())).rejects.toThrow(/refused by trigger/);
    } finally {
      await db.source.query('DROP TRIGGER refuse_counter');
    }
  });

  it('writes and deletes only a row that is still as it was read', async () => {
    await counters.insertCounter('cas', counter());
    expect(await counters.replaceCounter('cas', counter({ failures: 9 }), counter({ failures: 2 }))).toBe(false);
    expect(await counters.replaceCounter('cas', counter(), counter({ failures: 2 }))).toBe(true);
    expect(await counters.deleteCounter('cas', counter())).toBe(false);
    expect(await counters.deleteCounter('cas', counter({ failures: 2 }))).toBe(true);
    expect((await counters.loadCounters(['cas'])).size).toBe(0);
  });

  it('deletes stale counters only, in batches', async () => {
    const now = 100_000;
    const rows: Record<string, PairCounter> = {
      'stale-block-1': counter({ blockedUntil: now - 1 }),
      'stale-block-2': counter({ blockedUntil: now }),
      'stale-window': counter({ windowStart: now - 60_000 }),
      'live-block': counter({ blockedUntil: now + 1 }),
      'live-window': counter({ windowStart: now - 59_999 }),
      'in-flight': counter({ blockedUntil: now - 1, pending: 1, pendingUntil: now + 1 }),
    };
    await db.source.getRepository(ThrottleCounter).clear();
    for (const [id, row] of Object.entries(rows)) await counters.insertCounter(id, row);
    expect(await counters.deleteStale(now, now - 60_000, 2)).toBe(2);
    expect(await counters.deleteStale(now, now - 60_000, 2)).toBe(1);
    const left = await counters.loadCounters(Object.keys(rows));
    expect([...left.keys()].sort()).toEqual(['in-flight', 'live-block', 'live-window']);
  });
});
