import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConnection, type Connection } from 'mysql2/promise';

export type DbKind = 'sqlite' | 'mysql';

/** The local MariaDB (root, empty password) unless MYSQL_BENCH_URL says otherwise; loopback only. */
const MYSQL_ADMIN_URL = process.env.MYSQL_BENCH_URL ?? 'mysql://root@127.0.0.1:3306/';

export interface BenchDb {
  kind: DbKind;
  url: string;
  /** A folder for this database's server logs (and the SQLite file). */
  dir: string;
  /** Adds `rows` live, never validated service tickets, as fast as the database allows. */
  seedTickets(rows: number): Promise<void>;
  drop(): Promise<void>;
}

const TICKET_COLUMNS =
  'id, type, session_id, username, login_name, service, service_pattern_id, attributes, from_new_login, ' +
  'authenticated_at, created_at, expires_at, validated_at, single_log_out, proxies, pgt_url';

export async function createBenchDb(kind: DbKind): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), 'cas-bench-'));
  if (kind === 'sqlite') {
    const file = join(dir, 'cas.sqlite');
    return {
      kind,
      url: `sqlite:${file}`,
      dir,
      seedTickets: async (rows) => seedSqlite(file, rows),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new URL(MYSQL_ADMIN_URL);
  const name = `cas_bench_${randomBytes(6).toString('hex')}`;
  const connect = (database?: string) =>
    createConnection({
      host: admin.hostname,
      port: Number(admin.port || 3306),
      user: decodeURIComponent(admin.username) || 'root',
      password: decodeURIComponent(admin.password),
      database,
    });
  const conn = await connect();
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await conn.end();
  const auth = `${decodeURIComponent(admin.username) || 'root'}${admin.password ? `:${admin.password}` : ''}@`;
  return {
    kind,
    url: `mysql://${auth}${admin.hostname}:${admin.port || 3306}/${name}`,
    dir,
    seedTickets: async (rows) => {
      const c = await connect(name);
      try {
        await seedMysql(c, rows);
      } finally {
        await c.end();
      }
    },
    drop: async () => {
      const c = await connect();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One statement: a recursive CTE generates the rows inside SQLite. */
function seedSqlite(file: string, rows: number): void {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 30000');
    const now = Date.now();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @rows)
       INSERT INTO tickets (${TICKET_COLUMNS})
       SELECT 'ST-' || i || '-' || hex(randomblob(12)), 'ST', 'bench-session-' || (i % 5000), 'filler', 'filler',
              'https://filler.bench.example/', NULL, '{}', 0, @now, @now, @expires, NULL, 0, '[]', NULL
       FROM n`,
    ).run({ rows, now, expires: now + 24 * 3600_000 });
  } finally {
    db.close();
  }
}

/** MariaDB: multi-row INSERTs of a few thousand rows each. */
async function seedMysql(conn: Connection, rows: number): Promise<void> {
  const batch = 5000;
  const now = Date.now();
  const expires = now + 24 * 3600_000;
  for (let start = 0; start < rows; start += batch) {
    const values: unknown[][] = [];
    for (let i = start; i < Math.min(rows, start + batch); i++) {
      values.push([
        `ST-${i}-${randomBytes(12).toString('hex')}`,
        'ST',
        `bench-session-${i % 5000}`,
        'filler',
        'filler',
        'https://filler.bench.example/',
        null,
        '{}',
        0,
        now,
        now,
        expires,
        null,
        0,
        '[]',
        null,
      ]);
    }
    await conn.query(`INSERT INTO tickets (${TICKET_COLUMNS}) VALUES ?`, [values]);
  }
}
