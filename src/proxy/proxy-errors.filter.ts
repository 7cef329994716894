import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendAnswer } from '../protocol/answer';
import { clientError, exchangeOf, logFailure } from '../protocol/errors';
import { formatOf } from '../protocol/answer-format';
import { failure } from '../protocol/validation-outcome';
import { proxyAnswer } from './proxy-answers';

/** /proxy: any failure is a `cas:proxyFailure` (or its JSON), with status 200. */
@Catch()
export class ProxyErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('proxy');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    const client = clientError(exception);
    if (client === null) logFailure(this.logger, request, exception);
    const outcome = client
      ? failure('INVALID_REQUEST', client.message)
      : failure('INTERNAL_ERROR', 'The server could not issue a proxy ticket; try again later');
    sendAnswer(reply, proxyAnswer(formatOf(request.query), outcome));
  }
}
