import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendAnswer } from '../protocol/answer';
import { clientError, exchangeOf, logFailure } from '../protocol/errors';
import { formatOf } from '../protocol/answer-format';
import { validateV1Answer, validationAnswer } from './validation-answers';
import { failure } from '../protocol/validation-outcome';

/**
 * CAS 2.0/3.0 validation: any failure is a `cas:authenticationFailure` (or its JSON), with
 * status 200, in the format the request asked for.
 */
@Catch()
export class ValidationErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('validate');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    const client = clientError(exception);
    if (client === null) logFailure(this.logger, request, exception);
    const outcome = client
      ? failure('INVALID_REQUEST', client.message)
      : failure('INTERNAL_ERROR', 'The server could not validate the ticket; try again later');
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
