import { parseInteger } from '../env-parsers';
import { ConfigError, type Reader } from '../env-reader';
import { parseBearerToken } from './bearer-token';

/**
 * The JSON admin API: on or off, and where it listens. `listen` null = on the main listener;
 * otherwise a second listener serves the admin API and the main one does not.
 */
export interface AdminApiSettings {
  enabled: boolean;
  listen: { host: string; port: number } | null;
  /** A token accepted besides those of `cas tokens:create`, for automation; '' = none. */
  envToken: string;
}

export interface AdminSection {
  admin: AdminApiSettings;
}

export function readAdminSection(r: Reader): AdminSection {
  const host = r.str('CAS_ADMIN_HOST', '').trim();
  const port = r.read<number | null>('CAS_ADMIN_PORT', null, (raw) =>
    raw.trim() === '' ? null : parseInteger(raw, 0, 65535),
  );
  const envToken = r.read('CAS_ADMIN_TOKEN', '', parseBearerToken);
  if (host !== '' && port === null) throw new ConfigError('CAS_ADMIN_PORT', 'must be set when CAS_ADMIN_HOST is');
  return {
    admin: {
      enabled: r.bool('CAS_ADMIN_API', true),
      listen: port === null ? null : { host: host || '127.0.0.1', port },
      envToken,
    },
  };
}
