import { HttpException, type ArgumentsHost, type Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidRequest } from './params';
import { failure, type ValidationFailure } from './validation-outcome';

/** What was wrong with a request the server refused (a 4xx). */
export interface ClientError {
  status: number;
  message: string;
}

/**
 * The exception as the client's fault, or null for the server's: InvalidRequest from a params
 * pipe, HTTP errors, and Fastify's own (unparsable or oversized bodies, media types), which carry
 * a 4xx statusCode.
 */
export function clientError(exception: unknown): ClientError | null {
  if (exception instanceof InvalidRequest) return { status: 400, message: exception.message };
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  return { status, message: status === 404 ? 'Not found' : messageOf(exception) };
}

export function messageOf(exception: unknown): string {
  return exception instanceof Error ? exception.message : 'error';
}

/** The request and reply of an exception filter's host. */
export function exchangeOf(host: ArgumentsHost): { request: FastifyRequest; reply: FastifyReply } {
  const http = host.switchToHttp();
  return { request: http.getRequest<FastifyRequest>(), reply: http.getResponse<FastifyReply>() };
}

/** A server-side failure, logged by the endpoint that met it (the client only learns that). */
export function logFailure(logger: Logger, request: FastifyRequest, exception: unknown): void {
  logger.error(`${request.url.split('?')[0]} failed: ${messageOf(exception)}`);
}

/**
 * The CAS failure a validation or proxy endpoint answers for an exception: INVALID_REQUEST with
 * the client's fault, or INTERNAL_ERROR with `internal` (the server's fault, logged here).
 */
export function casFailureOf(
  exception: unknown,
  request: FastifyRequest,
  logger: Logger,
  internal: string,
): ValidationFailure {
  const client = clientError(exception);
  if (client === null) logFailure(logger, request, exception);
  return client ? failure('INVALID_REQUEST', client.message) : failure('INTERNAL_ERROR', internal);
}
