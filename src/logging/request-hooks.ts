import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import { requestContext } from './request-context';
import { requestId } from './request-id';

/** Fastify's genReqId: X-Request-Id is believed only from CAS_TRUSTED_PROXIES. */
export function requestIdGenerator(trustedProxies: string[]): (req: IncomingMessage) => string {
  const trusted = trustedProxies.length > 0 ? proxyAddr.compile(trustedProxies) : () => false;
  return (req) => requestId(req.headers['x-request-id'], trusted(req.socket.remoteAddress ?? '', 0));
}

/**
 * Runs each request inside its log context, so every line logged while serving it carries its
 * id, and tells the client that id. The context is entered again once the body is read: the
 * body's stream events would otherwise run outside it.
 */
export function registerRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    requestContext.run({ reqId: request.id }, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    requestContext.run({ reqId: request.id }, done);
  });
}
