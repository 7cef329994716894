import type { Reader } from '../env-reader';
import {
  parsePasswordCharset,
  parsePasswordCheckMethod,
  type PasswordCharset,
  type PasswordCheckMethod,
} from './password-settings';

/** CAS_AUTH_CLASS=sql: a MySQL/MariaDB table of users (src/auth/backends/sql.backend.ts). */
export interface SqlAuthSettings {
  host: string;
  username: string;
  password: string;
  dbname: string;
  dbcharset: string;
  /** CAS_SQL_USER_QUERY with its `%s` turned into the `?` parameter mysql2 binds. */
  boundQuery: string;
  passwordCheck: PasswordCheckMethod;
  passwordCharset: PasswordCharset;
}

export interface SqlAuthSection {
  sql: SqlAuthSettings;
}

/**
 * CAS_SQL_USER_QUERY is written for Python's DB-API (`... WHERE user = %s`, `%%` for a literal
 * percent sign). mysql2 binds `?` parameters, so the query is translated once at start.
 */
export function toBoundQuery(query: string): string {
  let placeholders = 0;
  const bound = query.replace(/%s|%%|%/g, (token) => {
    if (token === '%%') return '%';
    if (token === '%') throw new Error('a lone "%" must be written "%%"');
    placeholders++;
    return '?';
  });
  if (placeholders !== 1) {
    throw new Error(`the query needs exactly one %s placeholder for the username (found ${placeholders})`);
  }
  return bound;
}

const DEFAULT_USER_QUERY = 'SELECT user AS username, pass AS password, users.* FROM users WHERE user = %s';

export function readSqlAuthSection(r: Reader): SqlAuthSection {
  return {
    sql: {
      host: r.str('CAS_SQL_HOST', 'localhost'),
      username: r.str('CAS_SQL_USERNAME', ''),
      password: r.str('CAS_SQL_PASSWORD', ''),
      dbname: r.str('CAS_SQL_DBNAME', ''),
      dbcharset: r.str('CAS_SQL_DBCHARSET', 'utf8'),
      boundQuery: r.read('CAS_SQL_USER_QUERY', toBoundQuery(DEFAULT_USER_QUERY), toBoundQuery),
      passwordCheck: r.read('CAS_SQL_PASSWORD_CHECK', 'crypt', parsePasswordCheckMethod),
      passwordCharset: r.read('CAS_SQL_PASSWORD_CHARSET', 'utf-8', parsePasswordCharset),
    },
  };
}
