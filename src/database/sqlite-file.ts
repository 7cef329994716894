import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_SQLITE_PATH } from '../config/sections/database';

/** Creates the default folder when it is missing (the others must exist: config/startup-files.ts). */
export function createDefaultSqliteFolder(path: string): void {
  if (path === DEFAULT_SQLITE_PATH && !existsSync(dirname(path))) mkdirSync(dirname(path));
}

/** Whether the database file is there (`cas doctor` does not create it). */
export function sqliteFileExists(path: string): boolean {
  return path === ':memory:' || existsSync(path);
}
