import { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../config/cas-config';
import { dataSourceOptions, MIGRATIONS, type OpenOptions } from './data-source-options';

/** The database for messages: its URL without the password. */
export function describeDatabase(db: DatabaseSettings): string {
  if (db.type === 'sqlite') return `sqlite:${db.path}`;
  return `mysql://${encodeURIComponent(db.username)}@${db.host}:${db.port}/${encodeURIComponent(db.database)}`;
}

/** Opens the database, or fails with a message naming it (never its password). */
export async function openDatabase(db: DatabaseSettings, options: OpenOptions = {}): Promise<DataSource> {
  const source = new DataSource(dataSourceOptions(db, options));
  try {
    return await source.initialize();
  } catch (err) {
    throw new Error(`cannot open the database ${describeDatabase(db)}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The names of the migrations this release has and the database has not applied, found by
 * reading only: TypeORM's own showMigrations() creates its bookkeeping table first.
 */
export async function pendingMigrations(source: DataSource): Promise<string[]> {
  const runner = source.createQueryRunner();
  try {
    const applied = new Set<string>();
    if (await runner.hasTable('migrations')) {
      const rows = (await runner.query('SELECT name FROM migrations')) as { name: string }[];
      for (const row of rows) applied.add(row.name);
    }
    return MIGRATIONS.map((m) => m.name).filter((name) => !applied.has(name));
  } finally {
    await runner.release();
  }
}

/** Applies the pending migrations; returns their names. */
export async function migrateDatabase(db: DatabaseSettings): Promise<string[]> {
  const source = await openDatabase(db);
  try {
    const applied = await source.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await source.destroy();
  }
}
