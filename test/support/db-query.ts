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
  const url = new URL(db.url);
  const conn = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  });
  try {
    const [rows] = await conn.query(sql);
    return rows as T[];
  } finally {
    await conn.end();
  }
}
