import type { FastifyReply, FastifyRequest } from 'fastify';
import { readSessionCookie, setSessionCookie } from '../pages/http-helpers';

/**
 * The pre-session cookie login tickets are bound to (login CSRF, SEC-22); `__Host-CASBROWSER`
 * over https (see sessionCookieName).
 */
export const BROWSER_COOKIE = 'CASBROWSER';

export function readBrowserCookie(request: FastifyRequest): string | undefined {
  return readSessionCookie(request, BROWSER_COOKIE);
}

export function setBrowserCookie(reply: FastifyReply, request: FastifyRequest, prefix: string, value: string): void {
  setSessionCookie(reply, request, prefix, BROWSER_COOKIE, value);
}
