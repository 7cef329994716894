import type { FastifyReply, FastifyRequest } from 'fastify';
import { isHttps, setSessionCookie } from './http-helpers';

/** The pre-session cookie login tickets are bound to (login CSRF, SEC-22), over plain http. */
export const BROWSER_COOKIE = 'CASBROWSER';

/**
 * Over https the `__Host-` prefix: browsers accept that cookie only from this very host, Secure,
 * for Path=/ and without Domain, so a sibling subdomain cannot plant its own pre-session (and
 * the login ticket that goes with it) in a victim's browser. The unprefixed name is then ignored.
 */
export const HOST_BROWSER_COOKIE = '__Host-CASBROWSER';

export function browserCookieName(request: FastifyRequest): string {
  return isHttps(request) ? HOST_BROWSER_COOKIE : BROWSER_COOKIE;
}

export function readBrowserCookie(request: FastifyRequest): string | undefined {
  return request.cookies[browserCookieName(request)];
}

export function setBrowserCookie(reply: FastifyReply, request: FastifyRequest, prefix: string, value: string): void {
  // `__Host-` requires Path=/ (an empty prefix means /); over http the cookie keeps to CAS.
  setSessionCookie(reply, request, isHttps(request) ? '' : prefix, browserCookieName(request), value);
}
