import { errorCodes, type preParsingHookHandler, type RouteOptions } from 'fastify';

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
 * Gives a route (in an onRoute hook) the body limit and media types of its family. Nest puts
 * all routes on the one root Fastify instance, so the content-type parsers are shared; this is
 * what keeps each to its routes: a body of another family's type is refused (415) before a byte
 * of it is read, and a body over the route's limit gets 413. Both end in the endpoint's own
 * error format (the family's exception filter).
 */
export function limitBodies(route: RouteOptions, bodies: RouteBodies): void {
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
}
