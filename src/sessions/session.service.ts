import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/auth-backend';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { sha256Hex } from '../common/hash';
import { assertFits } from '../database/column-limits';
import { randomAlphanumeric } from '../common/random';
import { SessionRepository } from './session.repository';
import { SsoSession } from './sso-session.entity';

/** lastSeenAt is written at most this often, so SSO logins do not all write the session row. */
const TOUCH_INTERVAL_MS = 60_000;

/** SSO sessions (TGTs) behind the TGC cookie. The cookie value itself is never stored. */
@Injectable()
export class SessionService {
  constructor(
    private readonly repo: SessionRepository,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

  async create(
    user: AuthenticatedUser,
    authSource: string,
    warn: boolean,
  ): Promise<{ session: SsoSession; cookie: string }> {
    // ValueTooLongError before anything is written: a name or attributes the columns cannot hold.
    assertFits('sso_sessions', {
      username: user.username,
      attributes: JSON.stringify(user.attributes),
      auth_source: authSource,
    });
    const cookie = `TGT-${randomAlphanumeric(48)}`;
    const now = Date.now();
    const session = Object.assign(new SsoSession(), {
      id: randomAlphanumeric(32),
      cookieHash: sha256Hex(cookie),
      username: user.username,
      attributes: user.attributes,
      authSource,
      createdAt: now,
      lastSeenAt: now,
      warn,
      rememberMe: false,
    });
    await this.repo.insertSession(session);
    return { session, cookie };
  }

  /** A new login by the session's own user: new cookie, new authentication time, fresh attributes. */
  async renew(
    session: SsoSession,
    user: AuthenticatedUser,
    warn: boolean,
  ): Promise<{ session: SsoSession; cookie: string }> {
    assertFits('sso_sessions', { attributes: JSON.stringify(user.attributes) });
    const cookie = `TGT-${randomAlphanumeric(48)}`;
    const now = Date.now();
    const changes = {
      cookieHash: sha256Hex(cookie),
      attributes: user.attributes,
      createdAt: now,
      lastSeenAt: now,
      warn,
    };
    await this.repo.updateSession(session.id, changes);
    return { session: Object.assign(session, changes), cookie };
  }

  /** The oldest last activity and the oldest login a live session may have at `now`. */
  private liveSince(now: number): { seenSince: number; createdSince: number | null } {
    return {
      seenSince: now - this.config.sessionCookieAgeMs,
      createdSince: this.config.tgtValidityMs === null ? null : now - this.config.tgtValidityMs,
    };
  }

  /** Whether the session is still alive: not idle past SESSION_COOKIE_AGE, not past CAS_TGT_VALIDITY. */
  isAlive(session: SsoSession, now = Date.now()): boolean {
    if (now - session.lastSeenAt > this.config.sessionCookieAgeMs) return false;
    if (this.config.tgtValidityMs !== null && now - session.createdAt > this.config.tgtValidityMs) return false;
    return true;
  }

  /** The live session behind a cookie value, or null. Records activity. */
  async findByCookie(cookie: string | undefined): Promise<SsoSession | null> {
    if (!cookie || cookie.length > 256) return null;
    const session = await this.repo.loadSessionByCookieHash(sha256Hex(cookie));
    if (!session) return null;
    const now = Date.now();
    if (!this.isAlive(session, now)) return null;
    if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) {
      session.lastSeenAt = now;
      await this.repo.updateSession(session.id, { lastSeenAt: now });
    }
    return session;
  }

  /** The live session with this id, or null; used for PGTs, which die with their session. */
  async findAliveById(id: string): Promise<SsoSession | null> {
    const session = await this.repo.loadSession(id);
    return session && this.isAlive(session) ? session : null;
  }

  /** The session behind a cookie even if it has expired (to end it properly). */
  findAnyByCookie(cookie: string): Promise<SsoSession | null> {
    return this.repo.loadSessionByCookieHash(sha256Hex(cookie));
  }

  /** Sessions idle past SESSION_COOKIE_AGE or older than CAS_TGT_VALIDITY. */
  findExpired(now: number, limit: number): Promise<SsoSession[]> {
    const { seenSince, createdSince } = this.liveSince(now);
    return this.repo.findStale(seenSince, createdSince, limit);
  }

  /** Sessions that are still alive (the mirror of findExpired), for the metrics. */
  countAlive(now = Date.now()): Promise<number> {
    const { seenSince, createdSince } = this.liveSince(now);
    return this.repo.countFresh(seenSince, createdSince);
  }

  /** Newest first, optionally only one user's. */
  page(username: string | undefined, offset: number, limit: number): Promise<{ items: SsoSession[]; total: number }> {
    return this.repo.page(username, offset, limit);
  }

  findById(id: string): Promise<SsoSession | null> {
    return this.repo.loadSession(id);
  }

  findByUsername(username: string): Promise<SsoSession[]> {
    return this.repo.findByUsername(username);
  }

  delete(sessionId: string): Promise<boolean> {
    return this.repo.deleteSession(sessionId);
  }
}
