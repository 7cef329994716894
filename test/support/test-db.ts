import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type DbKind = 'sqlite' | 'mysql';

/** The databases every e2e suite runs on; CAS_TEST_DATABASES=sqlite narrows it locally. */
export const DATABASES: DbKind[] = (process.env.CAS_TEST_DATABASES ?? 'sqlite,mysql')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is DbKind => s === 'sqlite' || s === 'mysql');

/** The local MariaDB of the test machine (root, empty password); MYSQL_TEST_URL overrides. */
export const MYSQL_ADMIN_URL = process.env.MYSQL_TEST_URL ?? 'mysql://root@127.0.0.1:3306/test';

export interface TestDb {
  kind: DbKind;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a SQLite file in a temporary folder, or a new MariaDB database. */
export async function createTestDb(kind: DbKind): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cas-test-'));
    return {
      kind,
      url: `sqlite:${join(dir, 'cas.sqlite')}`,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const admin = new URL(MYSQL_ADMIN_URL);
  const name = `cas_test_${randomBytes(6).toString('hex')}`;
  const connect = () =>
    createConnection({
      host: admin.hostname,
      port: Number(admin.port || 3306),
      user: decodeURIComponent(admin.username) || 'root',
      password: decodeURIComponent(admin.password),
    });
  const conn = await connect();
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await conn.end();
  const auth = admin.username ? `${admin.username}${admin.password ? `:${admin.password}` : ''}@` : 'root@';
  return {
    kind,
    url: `mysql://${auth}${admin.hostname}:${admin.port || 3306}/${name}`,
    drop: async () => {
      const c = await connect();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
