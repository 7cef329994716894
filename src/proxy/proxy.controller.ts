import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { proxyJson, proxyXml, type ProxyOutcome } from './cas-proxy.response';
import { ParamError, single, type RawParams } from '../protocol/params';
import { ProxyService } from './proxy.service';
import { failure } from '../validation/validation-outcome';

const XML_TYPE = 'application/xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

@Controller()
export class ProxyController {
  private readonly logger = new Logger('proxy');

  constructor(
    private readonly proxy: ProxyService,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

  /** CAS 2.0 /proxy: `pgt` + `targetService` → a proxy ticket; `format=JSON` as on validation. */
  @Get('proxy')
  async issue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = req.query as RawParams;
    let json = false;
    let outcome: ProxyOutcome;
    try {
      const format = single(params, 'format', 16)?.toUpperCase();
      if (format !== undefined && format !== 'XML' && format !== 'JSON') {
        outcome = failure('INVALID_REQUEST', 'format must be XML or JSON');
      } else {
        json = format === 'JSON';
        outcome = await this.proxy.issue(
          single(params, 'pgt', 256),
          single(params, 'targetService', this.config.maxServiceUrlLength),
        );
      }
    } catch (err) {
      if (err instanceof ParamError) {
        outcome = failure('INVALID_REQUEST', err.message);
      } else {
        this.logger.error(`/proxy failed: ${(err as Error).message}`);
        outcome = failure('INTERNAL_ERROR', 'The server could not issue a proxy ticket; try again later');
      }
    }
    if (json) reply.status(200).type(JSON_TYPE).send(proxyJson(outcome));
    else reply.status(200).type(XML_TYPE).send(proxyXml(outcome));
  }
}
