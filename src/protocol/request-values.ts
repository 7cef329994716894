import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

function requestOf(context: ExecutionContext): FastifyRequest {
  return context.switchToHttp().getRequest<FastifyRequest>();
}

/** The client's address (X-Forwarded-For only from CAS_TRUSTED_PROXIES). */
export const ClientAddress = createParamDecorator((_: unknown, context: ExecutionContext) => requestOf(context).ip);

/** The host name the request was sent to. */
export const Hostname = createParamDecorator((_: unknown, context: ExecutionContext) => requestOf(context).hostname);
