import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { prefersHtml } from '../common/accept';
import { ProblemException, problem, sendProblem } from '../common/problem';
import { clientError, exchangeOf } from './errors';

/** Sends the site's "page not found" page, when an unknown address may get one. */
export type NotFoundPage = (request: FastifyRequest, reply: FastifyReply) => boolean;

/**
 * The admin API and every route of no protocol family: problem documents (RFC 9457). An unknown
 * address is a page for a browser (`notFoundPage`) and a problem document for an API client.
 */
@Catch()
export class ProblemErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly notFoundPage?: NotFoundPage) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    if (exception instanceof ProblemException) {
      sendProblem(reply, exception.problem);
      return;
    }
    const client = clientError(exception);
    if (client === null) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      request.log.error(exception);
      sendProblem(reply, problem(500, 'Internal error'));
      return;
    }
    if (client.status === 404 && prefersHtml(request.headers.accept) && this.notFoundPage?.(request, reply)) return;
    sendProblem(reply, problem(client.status, client.status === 401 ? undefined : client.message));
  }
}
