import { Controller, Get, Query } from '@nestjs/common';
import type { Answer } from '../protocol/answer';
import { Family } from '../protocol/family';
import { ParamsPipe } from '../protocol/params.pipe';
import { proxyAnswer } from './proxy-answers';
import { proxyQuery, type ProxyQuery } from './proxy.params';
import { ProxyService } from './proxy.service';

/** CAS 2.0 /proxy; errors: ProxyErrorsFilter. */
@Controller()
@Family('cas-proxy')
export class ProxyController {
  constructor(private readonly proxy: ProxyService) {}

  /** `pgt` + `targetService` → a proxy ticket; `format=JSON` as on validation. */
  @Get('proxy')
  async issue(@Query(ParamsPipe(proxyQuery)) query: ProxyQuery): Promise<Answer> {
    const outcome = await this.proxy.issue(query.pgt, query.targetService);
    return proxyAnswer(query.format, outcome);
  }
}
