import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, sendProblem } from '../common/problem';
import { answerError } from './error-handler';

/** Every exception that reaches Nest ends as an answer in the endpoint's own format. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly prefix: string) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof ProblemException) {
      sendProblem(reply, exception.problem);
      return;
    }
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const error = Object.assign(new Error(exception instanceof Error ? exception.message : 'error'), {
      statusCode: status,
    }) as FastifyError;
    if (status === 404) error.message = 'Not found';
    answerError(request, reply, error, this.prefix);
  }
}
