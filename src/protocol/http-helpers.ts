import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodeNonAscii } from '../services/service-url';

export const TGC_COOKIE = 'TGC';

export function cookiePath(prefix: string): string {
  return prefix === '' ? '/' : prefix;
}

export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** A browser-session cookie (SEC-03: no Max-Age, it ends with the browser), scoped to CAS. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  prefix: string,
  name: string,
  value: string,
): void {
  void reply.setCookie(name, value, {
    path: cookiePath(prefix),
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
  });
}

export function setTgc(reply: FastifyReply, request: FastifyRequest, prefix: string, value: string): void {
  setSessionCookie(reply, request, prefix, TGC_COOKIE, value);
}

export function clearTgc(reply: FastifyReply, request: FastifyRequest, prefix: string): void {
  void reply.clearCookie(TGC_COOKIE, {
    path: cookiePath(prefix),
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
  });
}

/** 302 (L-30: never 307/308, which would replay the POSTed credentials). */
export function redirect(reply: FastifyReply, url: string): FastifyReply {
  return reply.status(302).header('Location', encodeNonAscii(url)).send();
}

export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}
