import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendAnswer } from '../protocol/answer';
import { casFailureOf, clientError, exchangeOf, logFailure } from '../protocol/errors';
import { formatOf } from '../protocol/answer-format';
import { validateV1Answer, validationAnswer } from './validation-answers';

/**
 * CAS 2.0/3.0 validation: any failure is a `cas:authenticationFailure` (or its JSON), with
 * status 200, in the format the request asked for.
 */
@Catch()
export class ValidationErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('validate');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    const outcome = casFailureOf(
      exception,
      request,
      this.logger,
      'The server could not validate the ticket; try again later',
    );
    sendAnswer(reply, validationAnswer(formatOf(request.query), outcome));
  }
}

/** CAS 1.0 /validate: `no\n\n`, nothing else, whatever goes wrong. */
@Catch()
export class ValidateV1ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('validate');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    if (clientError(exception) === null) logFailure(this.logger, request, exception);
    sendAnswer(reply, validateV1Answer(null));
  }
}
