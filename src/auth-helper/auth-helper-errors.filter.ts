import { Catch, Logger, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendAnswer } from '../protocol/answer';
import { clientError, exchangeOf, logFailure } from '../protocol/errors';
import { NO } from './auth-helper-answers';

/** /auth: `no\n` whatever goes wrong; a 404 while the helper is off (no shared secret). */
@Catch()
export class AuthHelperErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('auth-helper');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    if (clientError(exception) === null) logFailure(this.logger, request, exception);
    sendAnswer(reply, NO, exception instanceof NotFoundException ? 404 : 200);
  }
}
