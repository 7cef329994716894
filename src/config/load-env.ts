import { existsSync } from 'node:fs';
import { config as dotenv } from 'dotenv';

/**
 * Reads `.env` from the working directory if there is one; real environment variables win.
 * Returns the names the file sets, so that messages can say where a setting came from.
 */
export function loadDotEnv(): ReadonlySet<string> {
  if (!existsSync('.env')) return new Set();
  const { parsed } = dotenv({ path: '.env', quiet: true });
  return new Set(Object.keys(parsed ?? {}));
}
