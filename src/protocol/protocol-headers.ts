import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PAGE_CSP_DIRECTIVES } from './page-csp';

/** A date in the past, for `Expires` (L-32). */
const LONG_AGO = 'Thu, 01 Jan 1970 00:00:00 GMT';

const NO_CACHE = {
  'Cache-Control': 'no-store, no-cache, must-revalidate',
  Pragma: 'no-cache',
  Expires: LONG_AGO,
};

/** What every non-page answer carries, also those sent before any hook runs (malformed URLs). */
export const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  ...NO_CACHE,
};

/**
 * Headers on every answer: protocol answers and pages must never be cached (they carry
 * tickets), must not leak tickets through Referer, and pages must not be framed. Helmet sets
 * the policy headers; a page may replace the CSP with its own (front-channel logout, the admin
 * API docs). What helmet has no rule for stays here: no caching but for static files (helmet
 * dropped its nocache), and HSTS only on answers sent over HTTPS (helmet sends it always).
 */
export async function registerProtocolHeaders(app: NestFastifyApplication, staticPrefix: string): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    // Not sent before helmet either; each would change what browsers allow of our answers.
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
      if (!request.url.startsWith(staticPrefix)) reply.headers(NO_CACHE);
      return payload;
    });
}
