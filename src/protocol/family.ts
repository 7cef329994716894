import type { Type } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest, preSerializationHookHandler } from 'fastify';
import { limitBodies, type RouteBodies } from '../common/route-bodies';
import { Answer } from './answer';

/**
 * The endpoint families: routes that read their input alike and answer errors in one format.
 * `admin` is the admin API (problem documents); `default` is every other route (health,
 * metrics, static files, unknown addresses).
 */
export type FamilyName =
  'cas-validation' | 'cas-v1' | 'cas-proxy' | 'saml' | 'auth-helper' | 'login' | 'pages' | 'admin' | 'default';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every route once, when it is registered (registerRouteFamilies). */
    family?: FamilyName;
  }
}

/**
 * Puts every route of a controller in an endpoint family: the tag decides the body limits and
 * the error format (see registerRouteFamilies), and handlers may return an Answer.
 */
export function Family(name: FamilyName): ClassDecorator {
  return (target) => {
    const prototype = (target as unknown as Type).prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      // Metadata on a method that is no route is never read.
      if (key === 'constructor' || typeof descriptor?.value !== 'function') continue;
      RouteConfig({ family: name })(prototype, key, descriptor);
    }
  };
}

/**
 * Families whose answer is for their own method only: another method on /samlValidate or /auth
 * (POST endpoints reading a SOAP or form body) is an unknown address, as before.
 */
const ONLY_OWN_METHODS: ReadonlySet<FamilyName> = new Set(['default', 'admin', 'saml', 'auth-helper']);

/** Each server's paths and their family, so that a request for a path in another method still finds it. */
const familiesByPath = new WeakMap<FastifyInstance, Map<string, FamilyName>>();

/**
 * The family of the route a request reached; for a request that matched no route (a method the
 * endpoint does not take), the family of its path; `default` for an unknown path.
 */
export function familyOf(request: FastifyRequest): FamilyName {
  const tagged = request.routeOptions.config.family;
  if (tagged !== undefined) return tagged;
  return familiesByPath.get(request.server)?.get(request.url.split('?')[0]) ?? 'default';
}

/**
 * Lets a family's handler return an Answer: its media type goes on the reply and its body is
 * sent as it is. A route hook rather than a Nest interceptor, which would put every request of
 * the hot path through an RxJS pipeline.
 */
const sendAnswerBody: preSerializationHookHandler<unknown> = (_request, reply, payload, done) => {
  if (payload instanceof Answer) {
    void reply.type(payload.type);
    reply.serializer(() => payload.body);
  }
  done(null, payload);
};

/**
 * Tags every route registered from now on with its family (its own tag, or `untagged(url)` for
 * routes registered outside a family controller) and gives it the family's body limits.
 */
export function registerRouteFamilies(
  fastify: FastifyInstance,
  untagged: (url: string) => FamilyName,
  bodiesOf: (family: FamilyName) => RouteBodies,
): void {
  const paths = new Map<string, FamilyName>();
  familiesByPath.set(fastify, paths);
  fastify.addHook('onRoute', (route) => {
    const family = route.config?.family ?? untagged(route.url);
    route.config = { ...route.config, family };
    if (!ONLY_OWN_METHODS.has(family)) paths.set(route.url, family);
    if (family !== 'default' && family !== 'admin') {
      route.preSerialization = [
        ...(route.preSerialization === undefined ? [] : [route.preSerialization].flat()),
        sendAnswerBody,
      ];
    }
    limitBodies(route, bodiesOf(family));
  });
}
