import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** DATABASE_URL's default file; its folder is the only one the server creates. */
export const DEFAULT_SQLITE_PATH = 'data/cas.sqlite';

/**
 * A SQLite file may be created, its folder not: a typo in DATABASE_URL would otherwise put
 * the database in a new tree nobody backs up. The default folder `data/` of a fresh checkout
 * is the exception (created at the first start).
 */
export function checkSqliteFolder(path: string): void {
  if (path === ':memory:' || path === DEFAULT_SQLITE_PATH) return;
  const folder = resolve(dirname(path));
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (!stats) throw new Error(`the folder ${folder} does not exist: create it, or fix the path`);
  if (!stats.isDirectory()) throw new Error(`${folder} is not a folder`);
}

/** Creates the default folder when it is missing (see checkSqliteFolder). */
export function createDefaultSqliteFolder(path: string): void {
  if (path === DEFAULT_SQLITE_PATH && !existsSync(dirname(path))) mkdirSync(dirname(path));
}

/** Whether the database file is there (`cas doctor` does not create it). */
export function sqliteFileExists(path: string): boolean {
  return path === ':memory:' || existsSync(path);
}
