import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ADMIN_BASE } from './admin-paths';

/** Imports of many services are larger than any protocol request. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;

const DOCS_ASSETS = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js']);

/**
 * HTTP pieces of the admin API that live outside Nest: the JSON parsers (with the admin body
 * limit; `application/merge-patch+json` for PATCH) and the Swagger UI assets.
 */
export async function registerAdminHttp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    ['application/json', 'application/merge-patch+json'],
    { parseAs: 'string', bodyLimit: ADMIN_BODY_LIMIT },
    parse,
  );
  await app.register(fastifyStatic, {
    root: dirname(require.resolve('swagger-ui-dist/package.json')),
    prefix: `${ADMIN_BASE}/docs/assets/`,
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (pathName: string) => DOCS_ASSETS.has(pathName),
  });
}
