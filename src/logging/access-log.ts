import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** Probes and scrapes come every few seconds from machines: their lines are debug. */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * One line per answered request, with the fields pino-http and Fastify's own request logging
 * use: `reqId`, `method`, `route` (the route pattern, never the query string: it carries
 * tickets), `status` and `responseTime` in ms; `path` only for a request no route matched.
 *
 * An onResponse hook rather than pino-http: pino-http wraps Node's raw request and response,
 * generates its own request ids and serialises every header of both on each request, while
 * Fastify already has the id, the matched route and the elapsed time. Here a request costs one
 * object and one write, and nothing when the level is off.
 */
export function registerAccessLog(app: FastifyInstance, root: Logger, redact: (text: string) => string): void {
  const log = root.child({ context: 'http' });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    const level = route !== undefined && QUIET_ROUTES.has(route) ? 'debug' : 'info';
    if (log.isLevelEnabled(level)) {
      const line: Record<string, unknown> = {
        event: 'http.request',
        reqId: request.id,
        method: request.method,
        route: route ?? null,
        status: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
      };
      if (route === undefined) line.path = redact(request.url.split('?', 1)[0]);
      log[level](line, 'request completed');
    }
    done();
  });
}
