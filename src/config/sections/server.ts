import { parseStringList } from '../env-parsers';
import type { Reader } from '../env-reader';

/** Where the server listens and what it believes of the proxies in front of it. */
export interface ServerSection {
  host: string;
  port: number;
  /** Addresses or CIDR ranges whose X-Forwarded-For/-Proto/-Host headers are believed. */
  trustedProxies: string[];
  pathPrefix: string;
  /** Processes started on this machine by the cluster module (CAS_WORKERS). */
  workers: number;
}

function parsePathPrefix(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(trimmed)) {
    throw new Error('expected a URL path such as /cas');
  }
  return trimmed;
}

function parseTrustedProxies(raw: string): string[] {
  const list = parseStringList(raw);
  for (const entry of list) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry)) throw new Error(`"${entry}" is not an IP address or CIDR range`);
  }
  return list;
}

export function readServerSection(r: Reader): ServerSection {
  return {
    host: r.str('HOST', '127.0.0.1'),
    trustedProxies: r.read('CAS_TRUSTED_PROXIES', [], parseTrustedProxies),
    port: r.int('PORT', 8080, 0, 65535),
    pathPrefix: r.read('CAS_PATH_PREFIX', '/cas', parsePathPrefix),
    workers: r.int('CAS_WORKERS', 1, 1, 64),
  };
}
