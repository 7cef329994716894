import { QueryFailedError } from 'typeorm';

/** The driver codes of an INSERT refused because its key is taken, on SQLite and MariaDB. */
const DUPLICATE_KEY_CODES = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE', 'ER_DUP_ENTRY']);

/**
 * Whether a write failed only because another one stored the same key first (a lost race);
 * any other failure (database down, schema missing, a value refused) is a real error.
 */
export function isDuplicateKey(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError: unknown = err.driverError;
  const code = typeof driverError === 'object' && driverError !== null && 'code' in driverError ? driverError.code : '';
  return typeof code === 'string' && DUPLICATE_KEY_CODES.has(code);
}
