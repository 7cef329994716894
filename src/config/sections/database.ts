import type { Reader } from '../env-reader';

/** DATABASE_URL's default file; its folder is the only one the server creates. */
export const DEFAULT_SQLITE_PATH = 'data/cas.sqlite';

export type DatabaseSettings =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string };

export interface DatabaseSection {
  database: DatabaseSettings;
}

function parseDatabaseUrl(url: string): DatabaseSettings {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new Error('sqlite: needs a file path, e.g. sqlite:data/cas.sqlite');
    return { type: 'sqlite', path };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error('expected mysql://user:password@host:port/database');
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (database === '') throw new Error('the MySQL URL must name a database');
    return {
      type: 'mysql',
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      username: decodeURIComponent(parsed.username) || 'root',
      password: decodeURIComponent(parsed.password),
      database,
    };
  }
  throw new Error('expected sqlite:<path> or mysql://user:password@host:port/database');
}

export function readDatabaseSection(r: Reader): DatabaseSection {
  return { database: r.read('DATABASE_URL', parseDatabaseUrl(`sqlite:${DEFAULT_SQLITE_PATH}`), parseDatabaseUrl) };
}
