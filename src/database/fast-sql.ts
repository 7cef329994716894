import type { Database, Statement } from 'better-sqlite3';
import type { DataSource } from 'typeorm';

export type SqlValue = string | number | null;

/**
 * Single SQL statements for the hot path (ticket issue and validation, session lookup), without
 * the query builder and entity hydration: each call is one statement and one database round
 * trip. On SQLite the statements are prepared once and kept; on MySQL/MariaDB they go through
 * the connection pool. Placeholders are `?` on both.
 */
export class FastSql {
  readonly dialect: 'sqlite' | 'mysql';
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      const db = (this.dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
      statement = db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs a write; resolves to the number of rows it changed. */
  async run(sql: string, params: SqlValue[]): Promise<number> {
    if (this.dialect === 'sqlite') return this.prepared(sql).run(...params).changes;
    const result = (await this.dataSource.query(sql, params)) as { affectedRows?: number };
    return result.affectedRows ?? 0;
  }

  /** The first row a statement returns (a SELECT, or a write with RETURNING on SQLite). */
  async get<Row>(sql: string, params: SqlValue[]): Promise<Row | undefined> {
    if (this.dialect === 'sqlite') return this.prepared(sql).get(...params) as Row | undefined;
    const rows = (await this.dataSource.query(sql, params)) as Row[];
    return rows[0];
  }
}

/** Booleans come back as 0/1 from both databases, BIGINTs as numbers or strings. */
export const sqlBool = (value: unknown): boolean => value === true || Number(value) === 1;
export const sqlMs = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
