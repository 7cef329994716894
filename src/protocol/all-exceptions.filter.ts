import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, sendProblem } from '../common/problem';
import { answerError, type NotFoundPage } from './error-handler';
import type { LoginResponder } from '../login/login.responder';
import type { ViewRenderer } from '../pages/view-renderer.service';

/** HTTP errors, and Fastify's own (unparsable or oversized bodies) which carry a 4xx statusCode. */
function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  const code = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
}

/** Every exception that reaches Nest ends as an answer in the endpoint's own format. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');
  private readonly notFoundPage?: NotFoundPage;

  constructor(
    private readonly prefix: string,
    private readonly loginResponder?: LoginResponder,
    views?: ViewRenderer,
  ) {
    // The language switcher of a 404 leads to the login page: the unknown address, whatever
    // it holds, is never echoed into a link.
    this.notFoundPage = views
      ? (request, reply) =>
          views.send(request, reply, 404, 'not-found', { titleKey: 'notFound.title' }, `${prefix}/login`)
      : undefined;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof ProblemException) {
      sendProblem(reply, exception.problem);
      return;
    }
    const status = statusOf(exception);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const error = Object.assign(new Error(exception instanceof Error ? exception.message : 'error'), {
      statusCode: status,
    }) as FastifyError;
    if (status === 404) error.message = 'Not found';
    const path = request.url.split('?')[0];
    if (this.loginResponder && status < 500 && path === `${this.prefix}/login`) {
      // A browser that sent something unreadable gets the login form again, with the reason.
      this.loginResponder
        .invalidRequest(request, reply, { level: 'error', key: 'msg.unreadableForm' }, status)
        .catch(() => answerError(request, reply, error, this.prefix));
      return;
    }
    answerError(request, reply, error, this.prefix, this.notFoundPage);
  }
}
