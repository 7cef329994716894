import { errorCodes, type FastifyInstance, type preParsingHookHandler } from 'fastify';

/** What a family of routes reads from request bodies: how much, and of which media types. */
export interface RouteBodies {
  limit: number;
  types: readonly string[];
}

/** `type/subtype` of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string): string {
  return header.split(';')[0].trim().toLowerCase();
}

/**
 * Gives every route registered from now on the body limit and media types of its family
 * (`choose` picks by the route's URL). Nest puts all routes on the one root Fastify instance, so
 * the content-type parsers are shared; this hook is what keeps each to its routes: a body of
 * another family's type is refused (415) before a byte of it is read, and a body over the
 * route's limit gets 413. Both end in the endpoint's own error format (the exception filter).
 */
export function scopeRouteBodies(fastify: FastifyInstance, choose: (url: string) => RouteBodies): void {
  fastify.addHook('onRoute', (route) => {
    const bodies = choose(route.url);
    const accepted = new Set(bodies.types);
    const check: preParsingHookHandler = (request, _reply, payload, done) => {
      const type = request.headers['content-type'];
      // Fastify reads no body for GET and HEAD, whatever the headers say.
      const read = request.method !== 'GET' && request.method !== 'HEAD';
      if (read && type !== undefined && !accepted.has(mediaType(type))) {
        done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE());
        return;
      }
      done(null, payload);
    };
    route.bodyLimit = bodies.limit;
    route.preParsing = [...(route.preParsing === undefined ? [] : [route.preParsing].flat()), check];
  });
}
