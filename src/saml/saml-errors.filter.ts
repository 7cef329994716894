import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendAnswer } from '../protocol/answer';
import { clientError, exchangeOf, logFailure } from '../protocol/errors';
import { samlAnswer } from './saml-answers';
import { samlFailureXml } from './saml.response';

/**
 * /samlValidate: any failure is a SAML response with a Requester or Responder status, also for
 * an oversized, unsupported or unreadable body (SEC-25).
 */
@Catch()
export class SamlErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('saml');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, reply } = exchangeOf(host);
    const client = clientError(exception);
    if (client === null) logFailure(this.logger, request, exception);
    const xml = samlFailureXml({
      now: new Date(),
      target: null,
      requestId: null,
      status: client ? 'Requester' : 'Responder',
      message: client ? client.message : 'The server could not validate the ticket; try again later',
    });
    sendAnswer(reply, samlAnswer(xml));
  }
}
