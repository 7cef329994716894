import type { AdminApiSettings } from './cas-config.types';
import { parseInteger } from './env-parsers';
import { ConfigError, type Reader } from './env-reader';

/** Bearer tokens are compared as given; a short one would be guessable. */
const MIN_ENV_TOKEN_LENGTH = 24;

/** A bearer token given as a setting (admin API, metrics): empty for none, else long enough. */
export function parseBearerToken(raw: string): string {
  if (raw !== '' && raw.length < MIN_ENV_TOKEN_LENGTH) {
    throw new Error(`the token must be at least ${MIN_ENV_TOKEN_LENGTH} characters long`);
  }
  return raw;
}

export function readAdminSettings(r: Reader): AdminApiSettings {
  const host = r.str('CAS_ADMIN_HOST', '').trim();
  const port = r.read<number | null>('CAS_ADMIN_PORT', null, (raw) =>
    raw.trim() === '' ? null : parseInteger(raw, 0, 65535),
  );
  const envToken = r.read('CAS_ADMIN_TOKEN', '', parseBearerToken);
  if (host !== '' && port === null) throw new ConfigError('CAS_ADMIN_PORT', 'must be set when CAS_ADMIN_HOST is');
  return {
    enabled: r.bool('CAS_ADMIN_API', true),
    listen: port === null ? null : { host: host || '127.0.0.1', port },
    envToken,
  };
}
