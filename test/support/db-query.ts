import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import type { TestDb } from './test-db';

/** Runs a read-only query on a test database, to look at what the server stored. */
export async function queryDb<T = Record<string, unknown>>(db: TestDb, sql: string): Promise<T[]> {
  if (db.kind === 'sqlite') {
    const sqlite = new Database(db.url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
    try {
      return sqlite.prepare(sql).all() as T[];
    } finally {
      sqlite.close();
    }
  }
  const conn = await mysqlConnection(db.url);
  try {
    const [rows] = await conn.query(sql);
    return rows as T[];
  } finally {
    await conn.end();
  }
}

/** Writes to a test database as an older version or a hand-made change would have. */
export async function execDb(db: TestDb, sql: string): Promise<void> {
  if (db.kind === 'sqlite') {
    const sqlite = new Database(db.url.slice('sqlite:'.length), { fileMustExist: true });
    try {
      sqlite.prepare(sql).run();
    } finally {
      sqlite.close();
    }
    return;
  }
  const conn = await mysqlConnection(db.url);
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

/** A connection to the MariaDB database of a `mysql://` test URL. */
export function mysqlConnection(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  });
}
