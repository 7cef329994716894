import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RouteBodies } from '../common/route-bodies';
import { ADMIN_BASE } from './admin-paths';

/** Imports of many services are larger than any protocol request. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;

/** The admin API reads JSON only (merge-patch JSON for PATCH), up to ADMIN_BODY_LIMIT. */
export const ADMIN_BODIES: RouteBodies = {
  limit: ADMIN_BODY_LIMIT,
  types: ['application/json', 'application/merge-patch+json'],
};

export function isAdminRoute(url: string): boolean {
  return url === ADMIN_BASE || url.startsWith(`${ADMIN_BASE}/`);
}

const DOCS_ASSETS = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js']);

/**
 * HTTP pieces of the admin API that live outside Nest: the JSON parsers (for the admin routes
 * only, with their limit: see ADMIN_BODIES and src/common/route-bodies.ts) and the Swagger UI
 * assets.
 */
export async function registerAdminHttp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser([...ADMIN_BODIES.types], { parseAs: 'string' }, parse);
  await app.register(fastifyStatic, {
    root: dirname(require.resolve('swagger-ui-dist/package.json')),
    prefix: `${ADMIN_BASE}/docs/assets/`,
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (pathName: string) => DOCS_ASSETS.has(pathName),
  });
}
