import type { Attributes } from '../common/attributes';
import { FastSql, sqlBool } from '../database/fast-sql';
import { SsoSession } from './sso-session.entity';

const SELECT_BY_COOKIE =
  'SELECT id, cookie_hash, username, attributes, auth_source, created_at, last_seen_at, warn, remember_me ' +
  'FROM sso_sessions WHERE cookie_hash = ?';

/** The session lookup every SSO login makes, as one prepared statement. */
export class SessionSql {
  constructor(private readonly sql: FastSql) {}

  async findByCookieHash(cookieHash: string): Promise<SsoSession | null> {
    const row = await this.sql.get<Record<string, unknown>>(SELECT_BY_COOKIE, [cookieHash]);
    if (!row) return null;
    return Object.assign(new SsoSession(), {
      id: String(row.id),
      cookieHash: String(row.cookie_hash),
      username: String(row.username),
      attributes: row.attributes ? (JSON.parse(String(row.attributes)) as Attributes) : {},
      authSource: String(row.auth_source),
      createdAt: Number(row.created_at),
      lastSeenAt: Number(row.last_seen_at),
      warn: sqlBool(row.warn),
      rememberMe: sqlBool(row.remember_me),
    });
  }
}
