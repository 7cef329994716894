import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminAppModule } from './admin/admin.module';
import { ADMIN_BODIES, isAdminRoute, registerAdminHttp } from './admin/admin-http';
import { AppModule, adminOnMainListener } from './app.module';
import type { CasConfig } from './config/cas-config';
import { projectRoot } from './common/project-root';
import { registerAccessLog } from './logging/access-log';
import type { PinoNestLogger } from './logging/logger';
import { scopeRouteBodies, type RouteBodies } from './common/route-bodies';
import { registerRequestContext, requestIdGenerator } from './logging/request-hooks';
import { AllExceptionsFilter } from './protocol/all-exceptions.filter';
import { LoginResponder } from './login/login.responder';
import { ViewRenderer } from './pages/view-renderer.service';
import { parseQueryString } from './protocol/params';
import { BASE_HEADERS, registerProtocolHeaders } from './protocol/protocol-headers';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Body size limit for every endpoint but the admin API: a login form is a few hundred bytes. */
export const BODY_LIMIT = 64 * 1024;

/** /samlValidate receives SOAP documents. */
const XML_TYPES = ['text/xml', 'application/xml', 'application/soap+xml'];

/** What the protocol endpoints read: forms, and SOAP for /samlValidate. */
const PROTOCOL_BODIES: RouteBodies = { limit: BODY_LIMIT, types: ['application/x-www-form-urlencoded', ...XML_TYPES] };

function bodiesOf(url: string): RouteBodies {
  return isAdminRoute(url) ? ADMIN_BODIES : PROTOCOL_BODIES;
}

function fastifyAdapter(config: CasConfig): FastifyAdapter {
  return new FastifyAdapter({
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
    // request.ip and request.protocol follow X-Forwarded-* only from these peers.
    ...(config.trustedProxies.length > 0 ? { trustProxy: config.trustedProxies } : {}),
    genReqId: requestIdGenerator(config.trustedProxies),
    bodyLimit: BODY_LIMIT,
    // Request line plus headers; longer requests get a bare 431 from Node's HTTP parser.
    http: { maxHeaderSize: 32 * 1024 },
    routerOptions: { querystringParser: parseQueryString, maxParamLength: 256 },
    // A path with broken percent-encoding never reaches a route nor the onSend hook: answer
    // it plainly, with the usual headers, instead of Fastify's JSON error.
    frameworkErrors: (_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      void reply.code(400).headers(BASE_HEADERS).type('text/plain; charset=utf-8').send('Bad request: malformed URL\n');
    },
  });
}

/**
 * The main application. The caller closes it (src/lifecycle/shutdown.ts): Nest's own signal
 * handling would close the database before the requests in flight are done.
 */
export async function createApp(config: CasConfig, logger: PinoNestLogger): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), fastifyAdapter(config), {
    logger,
    abortOnError: false,
    // Forms are parsed by @fastify/formbody below, with our query-string semantics.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  scopeRouteBodies(fastify, bodiesOf);
  registerRequestContext(fastify);
  if (config.accessLog) registerAccessLog(fastify, logger.root, logger.redact);
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT, parser: parseQueryString });
  // /samlValidate receives SOAP documents: kept as text, parsed (safely) by the endpoint.
  fastify.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  const builtIn = join(projectRoot(), 'public');
  await app.register(fastifyStatic, {
    // The organisation's folder first: its files win over ours of the same name.
    root: config.staticDir ? [config.staticDir, builtIn] : builtIn,
    prefix: `${config.pathPrefix}/static/`,
    decorateReply: false,
    maxAge: '1h',
  });
  if (adminOnMainListener(config)) await registerAdminHttp(app);
  registerProtocolHeaders(fastify, `${config.pathPrefix}/static/`);
  app.useGlobalFilters(new AllExceptionsFilter(config.pathPrefix, app.get(LoginResponder), app.get(ViewRenderer)));
  return app;
}

/** The admin API on its own listener (CAS_ADMIN_HOST / CAS_ADMIN_PORT). */
export async function createAdminApp(config: CasConfig, logger: PinoNestLogger): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AdminAppModule.forRoot(config), fastifyAdapter(config), {
    logger,
    abortOnError: false,
    bodyParser: false,
  });
  scopeRouteBodies(app.getHttpAdapter().getInstance(), bodiesOf);
  registerRequestContext(app.getHttpAdapter().getInstance());
  if (config.accessLog) registerAccessLog(app.getHttpAdapter().getInstance(), logger.root, logger.redact);
  await registerAdminHttp(app);
  registerProtocolHeaders(app.getHttpAdapter().getInstance(), '/api/admin/docs/assets/');
  app.useGlobalFilters(new AllExceptionsFilter(config.pathPrefix));
  return app;
}
