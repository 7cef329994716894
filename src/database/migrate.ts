import { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../config/cas-config';
import { dataSourceOptions } from './data-source-options';

/** The database for messages: its URL without the password. */
export function describeDatabase(db: DatabaseSettings): string {
  if (db.type === 'sqlite') return `sqlite:${db.path}`;
  return `mysql://${encodeURIComponent(db.username)}@${db.host}:${db.port}/${encodeURIComponent(db.database)}`;
}

/** Opens the database, or fails with a message naming it (never its password). */
export async function openDatabase(db: DatabaseSettings): Promise<DataSource> {
  const source = new DataSource(dataSourceOptions(db));
  try {
    return await source.initialize();
  } catch (err) {
    throw new Error(`cannot open the database ${describeDatabase(db)}: ${(err as Error).message}`, { cause: err });
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
