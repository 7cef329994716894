import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  /** Fastify's request.id: generated, or X-Request-Id from a trusted proxy. */
  reqId: string;
}

/** The request being served, for every log line written while serving it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();
