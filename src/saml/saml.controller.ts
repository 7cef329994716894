import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { ParamError, single, type RawParams } from '../protocol/params';
import { SamlValidationService } from './saml-validation.service';
import { samlFailureXml } from './saml.response';

export const SAML_TYPE = 'text/xml; charset=utf-8';

@Controller()
export class SamlController {
  private readonly logger = new Logger('saml');

  constructor(
    private readonly saml: SamlValidationService,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

  /** SAML 1.1 validation: a SOAP POST, the service as `TARGET` in the query (SA-01, SA-02). */
  @Post('samlValidate')
  async validate(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    let xml: string;
    try {
      xml = await this.saml.validate({
        body: typeof req.body === 'string' ? req.body : null,
        target: single(req.query as RawParams, 'TARGET', this.config.maxServiceUrlLength),
        issuer: req.hostname,
      });
    } catch (err) {
      const bad = err instanceof ParamError;
      if (!bad) this.logger.error(`/samlValidate failed: ${(err as Error).message}`);
      xml = samlFailureXml({
        now: new Date(),
        target: null,
        requestId: null,
        status: bad ? 'Requester' : 'Responder',
        message: bad ? err.message : 'The server could not validate the ticket; try again later',
      });
    }
    reply.status(200).type(SAML_TYPE).send(xml);
  }
}
