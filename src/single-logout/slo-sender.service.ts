import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { outboundRequest, outboundTls, type OutboundTls } from '../common/outbound-http';
import { MetricsService } from '../metrics/metrics.service';
import { logoutRequestXml } from './logout-request';

export interface SloTarget {
  /** Where the LogoutRequest is POSTed: the service's SLO callback, or the service URL. */
  url: string;
  /** Service name, for the logout page and logs. */
  serviceName: string;
  username: string;
  /** The ticket the service validated (SessionIndex). */
  ticket: string;
}

export interface SloReport {
  sent: number;
  failed: SloTarget[];
  /** Requests still running when the caller stopped waiting. */
  pending: number;
}

/**
 * Back-channel Single Logout: one form POST `logoutRequest=<LogoutRequest>` per service
 * session, at most CAS_SLO_MAX_PARALLEL_REQUESTS at once, each bounded by CAS_SLO_TIMEOUT.
 * Answers are ignored beyond success (2xx or 3xx) or failure (S-04).
 */
@Injectable()
export class SloSender {
  private readonly logger = new Logger('single-logout');
  private readonly tls: OutboundTls;
  private totals = { sent: 0, failed: 0 };

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly metrics: MetricsService,
  ) {
    this.tls = outboundTls(config.proxyCaCertificatePath);
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

  /**
   * Sends to every target; resolves when all are done or after `waitMs`, whichever comes
   * first. Requests still running then go on in the background.
   */
  async send(targets: SloTarget[], waitMs = Number.POSITIVE_INFINITY): Promise<SloReport> {
    const report: SloReport = { sent: 0, failed: [], pending: targets.length };
    if (targets.length === 0) return report;
    const queue = [...targets];
    const worker = async () => {
      for (let target = queue.shift(); target; target = queue.shift()) {
        const ok = await this.sendOne(target);
        report.pending--;
        if (ok) report.sent++;
        else report.failed.push(target);
      }
    };
    const workers = Array.from({ length: Math.min(this.config.sloMaxParallelRequests, targets.length) }, worker);
    const all = Promise.all(workers).then(() => undefined);
    if (!Number.isFinite(waitMs)) {
      await all;
    } else {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
      });
      await Promise.race([all, timeout]);
      clearTimeout(timer);
    }
    return { sent: report.sent, failed: [...report.failed], pending: report.pending };
  }
}
