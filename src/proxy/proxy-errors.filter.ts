import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendAnswer } from '../protocol/answer';
import { casFailureOf, exchangeOf } from '../protocol/errors';
import { formatOf } from '../protocol/answer-format';
import { proxyAnswer } from './proxy-answers';

/** /proxy: any failure is a `cas:proxyFailure` (or its JSON), with status 200. */
@Catch()
export class ProxyErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('proxy');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    const outcome = casFailureOf(
      exception,
      request,
      this.logger,
      'The server could not issue a proxy ticket; try again later',
    );
    sendAnswer(reply, proxyAnswer(formatOf(request.query), outcome));
  }
}
