import { isIP } from 'node:net';
import { appendParameter, canonicalServiceUrl } from '../services/service-url';

export type PgtUrlCheck = { ok: true } | { ok: false; reason: string };

/** 127.0.0.0/8, ::1 and `localhost`: the hosts a plain-http callback may use (django-cas-server). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (host.toLowerCase() === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/**
 * Whether a pgtUrl may receive a PGT at all (P-10): https, or plain http to a loopback host
 * while CAS_PROXY_ALLOW_HTTP_LOOPBACK is on, and an acceptable URL (canonicalServiceUrl: the
 * host it leads to is the host it shows). The service registry is checked separately.
 */
export function checkPgtUrl(pgtUrl: string, allowHttpLoopback: boolean): PgtUrlCheck {
  const canonical = canonicalServiceUrl(pgtUrl);
  if (!canonical.ok) return { ok: false, reason: canonical.reason };
  const url = new URL(canonical.url);
  if (url.protocol === 'https:') return { ok: true };
  if (url.protocol === 'http:' && allowHttpLoopback && isLoopbackHost(url.hostname)) return { ok: true };
  if (url.protocol === 'http:') return { ok: false, reason: 'must use https' };
  return { ok: false, reason: `uses the unsupported scheme ${url.protocol}` };
}

/** The callback request URL (P-13): the pgtUrl's own query kept, pgtId and pgtIou appended. */
export function callbackUrl(pgtUrl: string, pgtId: string, pgtIou: string): string {
  return appendParameter(appendParameter(pgtUrl, 'pgtId', pgtId), 'pgtIou', pgtIou);
}
