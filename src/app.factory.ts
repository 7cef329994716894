import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { CasConfig } from './config/cas-config';
import { projectRoot } from './common/project-root';
import { AllExceptionsFilter } from './protocol/all-exceptions.filter';
import { LoginResponder } from './protocol/login.responder';
import { parseQueryString } from './protocol/params';
import { registerProtocolHeaders } from './protocol/protocol-headers';

/** Body size limit for every endpoint: a login form is a few hundred bytes. */
export const BODY_LIMIT = 64 * 1024;

const LEVELS: Record<CasConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

export async function createApp(config: CasConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // Request line plus headers; longer requests get a bare 431 from Node's HTTP parser.
    http: { maxHeaderSize: 32 * 1024 },
    routerOptions: { querystringParser: parseQueryString, maxParamLength: 256 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: LEVELS[config.logLevel],
    abortOnError: false,
    // Forms are parsed by @fastify/formbody below, with our query-string semantics.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT, parser: parseQueryString });
  await app.register(fastifyStatic, {
    root: join(projectRoot(), 'public'),
    prefix: `${config.pathPrefix}/static/`,
    decorateReply: false,
    maxAge: '1h',
  });
  registerProtocolHeaders(fastify, `${config.pathPrefix}/static/`);
  app.useGlobalFilters(new AllExceptionsFilter(config.pathPrefix, app.get(LoginResponder)));
  app.enableShutdownHooks();
  return app;
}
