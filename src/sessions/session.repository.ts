import { LessThan, MoreThanOrEqual, Repository, type FindOptionsWhere } from 'typeorm';
import type { EntityColumns, SqlRow } from '../database/entity-columns';
import { FastSql } from '../database/fast-sql';
import { SsoSession } from './sso-session.entity';

/** The changes a login or a request makes to a session row. */
export type SessionChanges = Partial<
  Pick<SsoSession, 'cookieHash' | 'attributes' | 'createdAt' | 'lastSeenAt' | 'warn'>
>;

/**
 * The `sso_sessions` table. The cookie lookup every SSO login makes is one prepared statement
 * (FastSql), its columns and conversions taken from the entity's decorators.
 */
export class SessionRepository {
  private readonly columns: EntityColumns<SsoSession>;
  private readonly byCookieSql: string;

  constructor(
    private readonly repo: Repository<SsoSession>,
    private readonly sql: FastSql,
  ) {
    this.columns = sql.columnsOf(SsoSession);
    this.byCookieSql = `SELECT ${this.columns.list} FROM sso_sessions WHERE cookie_hash = ?`;
  }

  async insertSession(session: SsoSession): Promise<void> {
    await this.repo.insert(session);
  }

  async updateSession(id: string, changes: SessionChanges): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  /** The session whose cookie hashes to `cookieHash`, alive or not. */
  async loadSessionByCookieHash(cookieHash: string): Promise<SsoSession | null> {
    const row = await this.sql.get<SqlRow>(this.byCookieSql, [cookieHash]);
    return row ? this.columns.fromRow(row) : null;
  }

  loadSession(id: string): Promise<SsoSession | null> {
    return this.repo.findOne({ where: { id } });
  }

  findByUsername(username: string): Promise<SsoSession[]> {
    return this.repo.find({ where: { username } });
  }

  /** Up to `limit` sessions last seen before `seenBefore`, or (when given) created before `createdBefore`. */
  findStale(seenBefore: number, createdBefore: number | null, limit: number): Promise<SsoSession[]> {
    const where: FindOptionsWhere<SsoSession>[] = [{ lastSeenAt: LessThan(seenBefore) }];
    if (createdBefore !== null) where.push({ createdAt: LessThan(createdBefore) });
    return this.repo.find({ where, take: limit });
  }

  /** Sessions seen since `seenSince` and (when given) created since `createdSince`: the mirror of findStale. */
  countFresh(seenSince: number, createdSince: number | null): Promise<number> {
    const where: FindOptionsWhere<SsoSession> = { lastSeenAt: MoreThanOrEqual(seenSince) };
    if (createdSince !== null) where.createdAt = MoreThanOrEqual(createdSince);
    return this.repo.count({ where });
  }

  /** Newest first, optionally only one user's. */
  async page(
    username: string | undefined,
    offset: number,
    limit: number,
  ): Promise<{ items: SsoSession[]; total: number }> {
    const [items, total] = await this.repo.findAndCount({
      where: username === undefined ? {} : { username },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
    return { items, total };
  }

  /** True only for the call whose DELETE removed the row. */
  async deleteSession(id: string): Promise<boolean> {
    const result = await this.repo.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
