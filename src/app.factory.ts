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
import type { RouteBodies } from './common/route-bodies';
import { registerRequestContext, requestIdGenerator } from './logging/request-hooks';
import { LoginResponder } from './login/login.responder';
import type { Message } from './i18n/message';
import { ViewRenderer } from './pages/view-renderer.service';
import { AuthHelperErrorsFilter } from './auth-helper/auth-helper-errors.filter';
import { FamilyExceptionsFilter, type FamilyFilters } from './protocol/family-exceptions.filter';
import { registerRouteFamilies, type FamilyName } from './protocol/family';
import { PageErrorsFilter } from './pages/page-errors.filter';
import { ParamError, parseQueryString } from './protocol/params';
import { ProblemErrorsFilter } from './protocol/problem-errors.filter';
import { ProxyErrorsFilter } from './proxy/proxy-errors.filter';
import { SamlErrorsFilter } from './saml/saml-errors.filter';
import { ValidateV1ErrorsFilter, ValidationErrorsFilter } from './validation/validation-errors.filter';
import { BASE_HEADERS, registerProtocolHeaders } from './protocol/protocol-headers';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

const UNREADABLE: Message = { level: 'error', key: 'msg.unreadableForm' };

/** Body size limit for every endpoint but the admin API: a login form is a few hundred bytes. */
export const BODY_LIMIT = 64 * 1024;

/** /samlValidate receives SOAP documents. */
const XML_TYPES = ['text/xml', 'application/xml', 'application/soap+xml'];

/** What the protocol endpoints read: forms, and SOAP for /samlValidate. */
const PROTOCOL_BODIES: RouteBodies = { limit: BODY_LIMIT, types: ['application/x-www-form-urlencoded', ...XML_TYPES] };

function bodiesOf(family: FamilyName): RouteBodies {
  return family === 'admin' ? ADMIN_BODIES : PROTOCOL_BODIES;
}

/** Routes registered outside the family controllers: the admin API's, static files, health… */
function untaggedFamily(url: string): FamilyName {
  return isAdminRoute(url) ? 'admin' : 'default';
}

/** The error filter of each endpoint family of the main listener. */
function familyFilters(config: CasConfig, responder: LoginResponder, views: ViewRenderer): FamilyFilters {
  const prefix = config.pathPrefix;
  return {
    'cas-validation': new ValidationErrorsFilter(),
    'cas-v1': new ValidateV1ErrorsFilter(),
    'cas-proxy': new ProxyErrorsFilter(),
    saml: new SamlErrorsFilter(),
    'auth-helper': new AuthHelperErrorsFilter(),
    // A browser that sent something unreadable gets the login form again, with the reason.
    login: new PageErrorsFilter(prefix, (request, reply, status, reason) =>
      responder.invalidRequest(request, reply, reason instanceof ParamError ? reason.toMessage() : UNREADABLE, status),
    ),
    pages: new PageErrorsFilter(prefix),
    admin: new ProblemErrorsFilter(),
    // The language switcher of a 404 leads to the login page: the unknown address, whatever
    // it holds, is never echoed into a link. The admin API's addresses stay problem documents.
    default: new ProblemErrorsFilter((request, reply) => {
      if (isAdminRoute(request.url.split('?')[0])) return false;
      views.send(request, reply, 404, 'not-found', { titleKey: 'notFound.title' }, `${prefix}/login`);
      return true;
    }),
  };
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
  registerRouteFamilies(fastify, untaggedFamily, bodiesOf);
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
  registerProtocolHeaders(app, `${config.pathPrefix}/static/`);
  app.useGlobalFilters(
    new FamilyExceptionsFilter(familyFilters(config, app.get(LoginResponder), app.get(ViewRenderer))),
  );
  return app;
}

/** The admin API on its own listener (CAS_ADMIN_HOST / CAS_ADMIN_PORT). */
export async function createAdminApp(config: CasConfig, logger: PinoNestLogger): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AdminAppModule.forRoot(config), fastifyAdapter(config), {
    logger,
    abortOnError: false,
    bodyParser: false,
  });
  registerRouteFamilies(app.getHttpAdapter().getInstance(), untaggedFamily, bodiesOf);
  registerRequestContext(app.getHttpAdapter().getInstance());
  if (config.accessLog) registerAccessLog(app.getHttpAdapter().getInstance(), logger.root, logger.redact);
  await registerAdminHttp(app);
  registerProtocolHeaders(app, '/api/admin/docs/assets/');
  app.useGlobalFilters(
    new FamilyExceptionsFilter({ admin: new ProblemErrorsFilter(), default: new ProblemErrorsFilter() }),
  );
  return app;
}
