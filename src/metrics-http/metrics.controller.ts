import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEquals } from '../common/constant-time';
import { problem, sendProblem } from '../common/problem';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { metricsText } from '../metrics/cluster-metrics';
import { MetricsService } from '../metrics/metrics.service';

/** GET /metrics: Prometheus text format, behind CAS_METRICS_TOKEN when one is set. */
@Controller()
export class MetricsController {
  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Get('metrics')
  async scrape(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = this.config.metrics.token;
    if (token !== '') {
      const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!constantTimeEquals(given, token)) {
        sendProblem(reply, problem(401));
        return;
      }
    }
    const text = await metricsText(this.metrics.registry);
    void reply.status(200).type(this.metrics.registry.contentType).send(text);
  }
}
