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

/** The process environment: the one place settings are read from (after loadDotEnv). */
export function environment(): Record<string, string | undefined> {
  return process.env;
}

/** Whether terminal output may be coloured (the NO_COLOR convention, no-color.org). */
export function colourAllowed(): boolean {
  return !process.env.NO_COLOR;
}
