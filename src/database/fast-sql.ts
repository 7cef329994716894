import type { Database, Statement } from 'better-sqlite3';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { EntityColumns, type SqlValue } from './entity-columns';

export type { SqlValue };

/**
 * Single SQL statements for the hot path (ticket issue and validation, session lookup), without
 * the query builder and entity hydration: each call is one statement and one database round
 * trip. On SQLite the statements are prepared once and kept; on MySQL/MariaDB they go through
 * the connection pool. Placeholders are `?` on both. One instance per process (DatabaseModule),
 * so a statement is prepared once whichever repository runs it.
 */
export class FastSql {
  readonly dialect: 'sqlite' | 'mysql';
  private readonly sqlite: BetterSqlite3Driver | null;
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly dataSource: DataSource) {
    const driver = dataSource.driver;
    this.sqlite = driver instanceof BetterSqlite3Driver ? driver : null;
    this.dialect = this.sqlite ? 'sqlite' : 'mysql';
  }

  /** The column mapping of an entity's table, read from its decorators. */
  columnsOf<E extends ObjectLiteral>(entity: EntityTarget<E>): EntityColumns<E> {
    return new EntityColumns<E>(this.dataSource.getMetadata(entity), this.dataSource.driver);
  }

  private prepared(sqlite: BetterSqlite3Driver, sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      const connection: Database = sqlite.databaseConnection;
      statement = connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs a write; resolves to the number of rows it changed. */
  async run(sql: string, params: SqlValue[]): Promise<number> {
    if (this.sqlite) return this.prepared(this.sqlite, sql).run(...params).changes;
    const result = (await this.dataSource.query(sql, params)) as { affectedRows?: number };
    return result.affectedRows ?? 0;
  }

  /** The first row a statement returns (a SELECT, or a write with RETURNING on SQLite). */
  async get<Row>(sql: string, params: SqlValue[]): Promise<Row | undefined> {
    if (this.sqlite) return this.prepared(this.sqlite, sql).get(...params) as Row | undefined;
    const rows = (await this.dataSource.query(sql, params)) as Row[];
    return rows[0];
  }
}
