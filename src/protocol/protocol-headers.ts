import { pageCsp } from './page-csp';
import type { FastifyInstance } from 'fastify';

/** A date in the past, for `Expires` (L-32). */
const LONG_AGO = 'Thu, 01 Jan 1970 00:00:00 GMT';

const PAGE_CSP = pageCsp();

/** What every non-page answer carries, also those sent before any hook runs. */
export const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store, no-cache, must-revalidate',
  Pragma: 'no-cache',
  Expires: LONG_AGO,
};

/**
 * Headers on every answer: protocol answers and pages must never be cached (they carry
 * tickets), must not leak tickets through Referer, and pages must not be framed.
 */
export function registerProtocolHeaders(app: FastifyInstance, staticPrefix: string): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
    if (!request.url.startsWith(staticPrefix)) {
      reply.header('Cache-Control', 'no-store, no-cache, must-revalidate');
      reply.header('Pragma', 'no-cache');
      reply.header('Expires', LONG_AGO);
    }
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      // A page may bring a stricter or different policy of its own (the admin API docs).
      if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', PAGE_CSP);
      reply.header('X-Frame-Options', 'DENY');
    }
    return payload;
  });
}
