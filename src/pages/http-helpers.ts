import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodeNonAscii } from '../services/service-url';

export const TGC_COOKIE = 'TGC';

export function cookiePath(prefix: string): string {
  return prefix === '' ? '/' : prefix;
}

export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/**
 * The name of a session cookie: over https with the `__Host-` prefix, which browsers accept
 * only from this very host, Secure, for Path=/ and without Domain. A sibling subdomain can set
 * a cookie for the whole domain, but not this one: it cannot plant a pre-session or an SSO
 * session of the attacker's in a victim's browser. The unprefixed name is then ignored.
 */
export function sessionCookieName(request: FastifyRequest, name: string): string {
  return isHttps(request) ? `__Host-${name}` : name;
}

export function readSessionCookie(request: FastifyRequest, name: string): string | undefined {
  return request.cookies[sessionCookieName(request, name)];
}

/** Attributes of a session cookie: over plain http it keeps to CAS (`__Host-` needs Path=/). */
function sessionCookieOptions(request: FastifyRequest, prefix: string) {
  const https = isHttps(request);
  return { path: https ? '/' : cookiePath(prefix), httpOnly: true, sameSite: 'lax', secure: https } as const;
}

/** A browser-session cookie (SEC-03: no Max-Age, it ends with the browser). */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  prefix: string,
  name: string,
  value: string,
): void {
  void reply.setCookie(sessionCookieName(request, name), value, sessionCookieOptions(request, prefix));
}

export function setTgc(reply: FastifyReply, request: FastifyRequest, prefix: string, value: string): void {
  setSessionCookie(reply, request, prefix, TGC_COOKIE, value);
}

export function clearTgc(reply: FastifyReply, request: FastifyRequest, prefix: string): void {
  void reply.clearCookie(sessionCookieName(request, TGC_COOKIE), sessionCookieOptions(request, prefix));
}

/** 302 (L-30: never 307/308, which would replay the POSTed credentials). */
export function redirect(reply: FastifyReply, url: string): FastifyReply {
  return reply.status(302).header('Location', encodeNonAscii(url)).send();
}

export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}
