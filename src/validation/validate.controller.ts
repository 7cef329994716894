import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { validationJson } from './cas-json.response';
import { validateV1 } from './cas-v1.response';
import { validationXml } from './cas-xml.response';
import { ParamError, flag, single, type RawParams } from '../protocol/params';
import { failure, type ValidationOutcome } from './validation-outcome';
import { ValidationService } from './validation.service';

type Format = 'XML' | 'JSON';

const XML_TYPE = 'application/xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

@Controller()
export class ValidateController {
  private readonly logger = new Logger('validate');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly validation: ValidationService,
  ) {}

  /** CAS 1.0: `yes\n<user>\n` or `no\n\n`, nothing else, whatever goes wrong. */
  @Get('validate')
  async v1(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    let user: string | null = null;
    try {
      const params = req.query as RawParams;
      const outcome = await this.validation.validate({
        ticket: single(params, 'ticket', 256),
        service: single(params, 'service', this.config.maxServiceUrlLength),
        renew: flag(params, 'renew'),
        acceptProxyTickets: false,
        endpoint: '/validate',
      });
      user = outcome.ok ? outcome.user : null;
    } catch (err) {
      if (!(err instanceof ParamError)) this.logger.error(`/validate failed: ${(err as Error).message}`);
    }
    reply.status(200).type('text/plain; charset=utf-8').send(validateV1(user));
  }

  @Get('serviceValidate')
  serviceValidate(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // django-cas-server releases attributes on the CAS 2.0 URI too (V-58); so do we.
    return this.handle(req, reply, '/serviceValidate', false);
  }

  @Get('proxyValidate')
  proxyValidate(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle(req, reply, '/proxyValidate', true);
  }

  @Get('p3/serviceValidate')
  p3ServiceValidate(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle(req, reply, '/p3/serviceValidate', false);
  }

  @Get('p3/proxyValidate')
  p3ProxyValidate(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.handle(req, reply, '/p3/proxyValidate', true);
  }

  private async handle(
    req: FastifyRequest,
    reply: FastifyReply,
    endpoint: string,
    acceptProxyTickets: boolean,
  ): Promise<void> {
    const params = req.query as RawParams;
    let format: Format = 'XML';
    let outcome: ValidationOutcome;
    try {
      const requested = single(params, 'format', 16);
      const upper = requested?.toUpperCase();
      if (upper !== undefined && upper !== 'XML' && upper !== 'JSON') {
        outcome = failure('INVALID_REQUEST', `format must be XML or JSON`);
      } else {
        format = upper === 'JSON' ? 'JSON' : 'XML';
        outcome = await this.validation.validate({
          ticket: single(params, 'ticket', 256),
          service: single(params, 'service', this.config.maxServiceUrlLength),
          pgtUrl: single(params, 'pgtUrl', this.config.maxServiceUrlLength),
          renew: flag(params, 'renew'),
          acceptProxyTickets,
          endpoint,
        });
      }
    } catch (err) {
      if (err instanceof ParamError) {
        outcome = failure('INVALID_REQUEST', err.message);
      } else {
        this.logger.error(`${endpoint} failed: ${(err as Error).message}`);
        outcome = failure('INTERNAL_ERROR', 'The server could not validate the ticket; try again later');
      }
    }
    if (format === 'JSON') {
      reply.status(200).type(JSON_TYPE).send(validationJson(outcome, true));
    } else {
      reply.status(200).type(XML_TYPE).send(validationXml(outcome, true));
    }
  }
}
