import { existsSync } from 'node:fs';
import { config as dotenv } from 'dotenv';

/** Reads `.env` from the working directory if there is one; real environment variables win. */
export function loadDotEnv(): void {
  if (existsSync('.env')) dotenv({ path: '.env', quiet: true });
}
