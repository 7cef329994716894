import { FastSql } from '../database/fast-sql';
import {
  declaredColumns,
  migratedColumns,
  openRepositoryDb,
  type RepositoryDb,
} from '../../test/support/repository-db';
import { DATABASES } from '../../test/support/test-db';
import { SessionRepository } from './session.repository';
import { SsoSession } from './sso-session.entity';

function session(id: string, changes: Partial<SsoSession> = {}): SsoSession {
  return Object.assign(new SsoSession(), {
    id,
    cookieHash: `hash-${id}`,
    username: 'zoé',
    attributes: { mail: ['zoe@example.org'], groups: ['a', 'b'] },
    authSource: 'local',
    createdAt: 1_764_000_000_000,
    lastSeenAt: 1_764_000_050_000,
    warn: true,
    rememberMe: false,
    ...changes,
  } satisfies SsoSession);
}

describe.each(DATABASES)('SessionRepository on %s', (kind) => {
  let db: RepositoryDb;
  let sessions: SessionRepository;

  beforeAll(async () => {
    db = await openRepositoryDb(kind, [SsoSession]);
    sessions = new SessionRepository(db.source.getRepository(SsoSession), new FastSql(db.source));
  });
  afterAll(() => db.close());

  it('declares exactly the columns the migrations created, each a property of the session', async () => {
    expect(declaredColumns(db.source, SsoSession)).toEqual(await migratedColumns(db.source, 'sso_sessions'));
    const properties = Object.keys(session('x')).sort();
    expect(
      db.source
        .getMetadata(SsoSession)
        .columns.map((c) => c.propertyName)
        .sort(),
    ).toEqual(properties);
  });

  it('reads a session through the cookie statement exactly as TypeORM reads it', async () => {
    const stored = session('s1');
    await sessions.insertSession(stored);
    const fast = await sessions.loadSessionByCookieHash(stored.cookieHash);
    expect(fast).toBeInstanceOf(SsoSession);
    expect(fast).toEqual(stored);
    expect(fast).toEqual(await sessions.loadSession('s1'));
    expect(await sessions.loadSessionByCookieHash('no-such-hash')).toBeNull();
  });

  it('finds stale sessions and counts fresh ones with the same cut-offs', async () => {
    await sessions.insertSession(session('idle', { lastSeenAt: 100 }));
    await sessions.insertSession(session('old', { createdAt: 100, lastSeenAt: 5_000 }));
    await sessions.insertSession(session('fresh', { createdAt: 5_000, lastSeenAt: 5_000 }));
    const stale = await sessions.findStale(1_000, 1_000, 10);
    expect(stale.map((s) => s.id).sort()).toEqual(['idle', 'old']);
    expect((await sessions.findStale(1_000, null, 10)).map((s) => s.id)).toEqual(['idle']);
    expect(await sessions.countFresh(1_000, 1_000)).toBe(2); // fresh, and s1
  });

  it('deletes a session once', async () => {
    expect(await sessions.deleteSession('idle')).toBe(true);
    expect(await sessions.deleteSession('idle')).toBe(false);
  });
});
