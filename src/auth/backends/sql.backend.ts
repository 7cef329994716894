import { Logger } from '@nestjs/common';
import { createPool, type Pool, type PoolOptions, type RowDataPacket } from 'mysql2/promise';
import type { SqlAuthSettings } from '../../config/cas-config';
import { NO_ACCOUNT, SourceUnavailableError, type AuthBackend, type VerifyResult } from '../auth-backend';
import { checkPassword } from '../password-check';
import { sourceAttributes } from '../source-attributes';

/** Errors of a pooled connection that the server closed while it sat idle: worth one retry. */
const STALE_CONNECTION_CODES = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE']);

/** CAS_SQL_HOST: `host`, `host:port`, `[v6]:port` or a Unix socket path. */
export function sqlTarget(host: string): Pick<PoolOptions, 'host' | 'port' | 'socketPath'> {
  if (host.startsWith('/')) return { socketPath: host };
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(host) ?? /^([^:]+)(?::(\d+))?$/.exec(host);
  if (!m) return { host };
  return m[2] ? { host: m[1], port: Number(m[2]) } : { host: m[1] };
}

/**
 * `CAS_AUTH_CLASS=sql` (or `mysql`): users read from a MySQL/MariaDB table by CAS_SQL_USER_QUERY.
 * The username is a bound parameter; the row's `username` and `password` columns identify and
 * check the user, the other columns become attributes.
 */
export class SqlBackend implements AuthBackend {
  readonly name = 'sql';
  private readonly logger = new Logger('auth.sql');
  private readonly pool: Pool;
  private readonly query: string;
  private readonly where: string;

  constructor(private readonly settings: SqlAuthSettings) {
    this.query = settings.boundQuery;
    const target = sqlTarget(settings.host);
    this.where = target.socketPath ?? `${target.host}:${target.port ?? 3306}`;
    // mysql2 refuses an unknown CAS_SQL_DBCHARSET here, so the server does not start with it.
    this.pool = createPool({
      ...target,
      user: settings.username || undefined,
      password: settings.password,
      database: settings.dbname || undefined,
      charset: settings.dbcharset,
      connectionLimit: 10,
      maxIdle: 2,
      idleTimeout: 60_000,
      connectTimeout: 5_000,
      enableKeepAlive: true,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
  }

  async verify(username: string, password: string): Promise<VerifyResult> {
    const rows = await this.findUser(username);
    if (rows.length === 0) return NO_ACCOUNT;
    if (rows.length !== 1) {
      if (rows.length > 1) this.logger.warn(`CAS_SQL_USER_QUERY returned ${rows.length} rows for "${username}"`);
      return null;
    }
    const row = rows[0];
    if (!('username' in row) || !('password' in row)) {
      throw new SourceUnavailableError('CAS_SQL_USER_QUERY must return a "username" and a "password" column');
    }
    const stored = row.password as unknown;
    const result = await checkPassword(
      this.settings.passwordCheck,
      password,
      typeof stored === 'string' || Buffer.isBuffer(stored) ? stored : null,
      this.settings.passwordCharset,
    );
    if (result.problem) this.logger.warn(`cannot check the password of "${username}": ${result.problem}`);
    if (!result.match) return null;
    return { username: String(row.username), attributes: sourceAttributes(row, ['password'], stored) };
  }

  async ping(): Promise<void> {
    try {
      await this.pool.query('SELECT 1');
    } catch (err) {
      throw new SourceUnavailableError(`SQL database ${this.where}: ${(err as Error).message}`, { cause: err });
    }
  }

  private async findUser(username: string): Promise<RowDataPacket[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [rows] = await this.pool.execute<RowDataPacket[]>(this.query, [username]);
        if (!Array.isArray(rows)) throw new Error('CAS_SQL_USER_QUERY is not a SELECT');
        return rows;
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        if (attempt === 1 && STALE_CONNECTION_CODES.has(code)) continue;
        throw new SourceUnavailableError(`SQL database ${this.where}: ${(err as Error).message || code}`, {
          cause: err,
        });
      }
    }
  }

  /** Nest calls this at shutdown: close the pooled connections. */
  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
