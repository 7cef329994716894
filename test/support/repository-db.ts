import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { DatabaseSettings } from '../../src/config/cas-config';
import { dataSourceOptions, type OpenOptions } from '../../src/database/data-source-options';
import { createTestDb, type DbKind, type TestDb } from './test-db';

/** A migrated test database opened with the entities a repository spec needs. */
export interface RepositoryDb {
  source: DataSource;
  close(): Promise<void>;
}

function settingsOf(db: TestDb): DatabaseSettings {
  if (db.kind === 'sqlite') return { type: 'sqlite', path: db.url.slice('sqlite:'.length) };
  const url = new URL(db.url);
  return {
    type: 'mysql',
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  };
}

export async function openRepositoryDb(kind: DbKind, entities: OpenOptions['entities']): Promise<RepositoryDb> {
  const db = await createTestDb(kind);
  const source = await new DataSource(dataSourceOptions(settingsOf(db), { entities })).initialize();
  await source.runMigrations({ transaction: 'each' });
  return {
    source,
    close: async () => {
      await source.destroy();
      await db.drop();
    },
  };
}

/** The columns the migrations gave a table, as TypeORM reads them back from the database. */
export async function migratedColumns(source: DataSource, table: string): Promise<Map<string, { nullable: boolean }>> {
  const runner = source.createQueryRunner();
  try {
    const found = await runner.getTable(table);
    if (!found) throw new Error(`no table ${table}`);
    return new Map(found.columns.map((c) => [c.name, { nullable: c.isNullable }]));
  } finally {
    await runner.release();
  }
}

/** The entity's columns as its decorators declare them. */
export function declaredColumns(
  source: DataSource,
  entity: EntityTarget<ObjectLiteral>,
): Map<string, { nullable: boolean }> {
  return new Map(source.getMetadata(entity).columns.map((c) => [c.databaseName, { nullable: c.isNullable }]));
}
