import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { outboundRequest, outboundTls, type OutboundTls } from '../common/outbound-http';
import { MetricsService } from '../metrics/metrics.service';
import { logoutRequestXml } from './logout-request';
import { sendThroughPool, sloPool, type SloPool, type SloReport, type SloTarget } from './slo-pool';

/**
 * Back-channel Single Logout: one form POST `logoutRequest=<LogoutRequest>` per service
 * session, at most CAS_SLO_MAX_PARALLEL_REQUESTS at once in the whole process (slo-pool.ts),
 * each bounded by CAS_SLO_TIMEOUT. Answers are ignored beyond success (2xx or 3xx) or
 * failure (S-04).
 */
@Injectable()
export class SloSender {
  private readonly logger = new Logger('single-logout');
  private readonly tls: OutboundTls;
  private readonly pool: SloPool;
  private totals = { sent: 0, failed: 0 };

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly metrics: MetricsService,
  ) {
    this.tls = outboundTls(config.proxyCaCertificatePath);
    this.pool = sloPool(config.sloMaxParallelRequests);
  }

  get counters(): { sent: number; failed: number } {
    return { ...this.totals };
  }

  private async sendOne(target: SloTarget): Promise<boolean> {
    const result = await outboundRequest({
      method: 'POST',
      url: target.url,
      timeoutMs: this.config.sloTimeoutMs,
      tls: this.tls,
      form: { logoutRequest: logoutRequestXml(target.username, target.ticket) },
    });
    // A 3xx is delivery too: mod_auth_cas ends the session, then redirects (never followed).
    const ok = result.status !== null && result.status >= 200 && result.status < 400;
    this.metrics.sloRequest(ok);
    if (ok) {
      this.totals.sent++;
    } else {
      this.totals.failed++;
      this.logger.warn({
        msg: `logout request to ${target.serviceName} (${target.url}) failed: ${result.error ?? `HTTP ${result.status}`}`,
        event: 'slo.failure',
        service: target.serviceName,
        url: target.url,
        status: result.status,
      });
    }
    return ok;
  }

  /** Sends to every target, waiting at most `waitMs` (see sendThroughPool). */
  send(targets: SloTarget[], waitMs?: number): Promise<SloReport> {
    return sendThroughPool(this.pool, targets, (target) => this.sendOne(target), waitMs);
  }
}
