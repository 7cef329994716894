import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet, { type HelmetOptions } from 'helmet';
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

const HELMET_OPTIONS: Readonly<HelmetOptions> = {
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
};

/**
 * The headers helmet sets with our options. None of them depends on the request (no nonces), so
 * helmet runs once, on a response that is never sent, instead of on every request: on the hot
 * path (validation, login) running its middleware per request cost a few percent of the CPU.
 */
export function helmetHeaders(options: Readonly<HelmetOptions> = HELMET_OPTIONS): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  let failure: unknown;
  helmet(options)(request, response, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

/**
 * Headers on every answer: protocol answers and pages must never be cached (they carry
 * tickets), must not leak tickets through Referer, and pages must not be framed. Helmet decides
 * the policy headers (helmetHeaders); a page may replace the CSP with its own (front-channel
 * logout, the admin API docs). What helmet has no rule for stays here: no caching but for static
 * files (helmet dropped its nocache), and HSTS only on answers sent over HTTPS (helmet sends it
 * always).
 */
export function registerProtocolHeaders(app: NestFastifyApplication, staticPrefix: string): void {
  const policy = helmetHeaders();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(policy);
    done();
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
    if (!request.url.startsWith(staticPrefix)) reply.headers(NO_CACHE);
    return payload;
  });
}
