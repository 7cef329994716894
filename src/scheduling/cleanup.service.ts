import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { SessionService } from '../sessions/session.service';
import { SessionTerminator } from '../sessions/session-terminator.service';
import { SingleLogout } from '../single-logout/single-logout.service';
import { LoginTicketService } from '../tickets/login-ticket.service';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import { ThrottleStore } from '../throttling/throttle-store.service';

export interface TicketCleanupReport {
  ticketsDeleted: number;
  loginTicketsDeleted: number;
  /** Failed-login counters that no longer count (brute-force protection). */
  throttleCountersDeleted: number;
  timedOut: number;
  sloSent: number;
  sloFailed: number;
}

export interface SessionCleanupReport {
  sessionsEnded: number;
  sloSent: number;
  sloFailed: number;
}

/**
 * The cleanup jobs of django-cas-server's cron commands. Work goes in batches of
 * CAS_CLEANUP_BATCH_SIZE rows, yielding to the event loop between batches, so a large
 * backlog never holds a table lock for long nor stalls requests.
 */
@Injectable()
export class CleanupService {
  private readonly logger = new Logger('cleanup');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly tickets: TicketRegistry,
    private readonly loginTickets: LoginTicketService,
    private readonly sessions: SessionService,
    private readonly terminator: SessionTerminator,
    private readonly singleLogout: SingleLogout,
    private readonly throttle: ThrottleStore,
  ) {}

  private async drain(step: () => Promise<number>): Promise<number> {
    const batch = this.config.cleanupBatchSize;
    let total = 0;
    for (;;) {
      const count = await step();
      total += count;
      if (count < batch) return total;
      await yieldToEventLoop();
    }
  }

  async cleanTickets(now = Date.now()): Promise<TicketCleanupReport> {
    const batch = this.config.cleanupBatchSize;
    const report: TicketCleanupReport = {
      ticketsDeleted: 0,
      loginTicketsDeleted: 0,
      throttleCountersDeleted: 0,
      timedOut: 0,
      sloSent: 0,
      sloFailed: 0,
    };
    report.ticketsDeleted = await this.drain(() => this.tickets.deleteUseless(now, batch));
    report.loginTicketsDeleted = await this.drain(() => this.loginTickets.deleteExpired(now, batch));
    report.throttleCountersDeleted = await this.drain(() =>
      this.throttle.deleteStale(now, this.config.throttle.windowMs, batch),
    );
    report.timedOut = await this.drain(async () => {
      const claimed = await this.tickets.claimTimedOut(now - this.config.ticketTimeoutMs, batch);
      const slo = await this.singleLogout.notify(claimed);
      report.sloSent += slo.sent;
      report.sloFailed += slo.failed.length;
      return claimed.length;
    });
    if (report.ticketsDeleted + report.loginTicketsDeleted + report.throttleCountersDeleted + report.timedOut > 0) {
      this.logger.log({
        msg: `tickets cleaned: ${report.ticketsDeleted} tickets, ${report.loginTicketsDeleted} login tickets, ${report.throttleCountersDeleted} throttle counters deleted; ${report.timedOut} timed out`,
        event: 'cleanup.tickets',
        ...report,
      });
    }
    return report;
  }

  async cleanSessions(now = Date.now()): Promise<SessionCleanupReport> {
    const report: SessionCleanupReport = { sessionsEnded: 0, sloSent: 0, sloFailed: 0 };
    await this.drain(async () => {
      const expired = await this.sessions.findExpired(now, this.config.cleanupBatchSize);
      for (const session of expired) {
        const ended = await this.terminator.end(session, 'expired', Number.POSITIVE_INFINITY);
        if (ended.ended) report.sessionsEnded++;
        report.sloSent += ended.slo.sent;
        report.sloFailed += ended.slo.failed.length;
      }
      return expired.length;
    });
    if (report.sessionsEnded > 0) {
      this.logger.log({ msg: `sessions cleaned: ${report.sessionsEnded} ended`, event: 'cleanup.sessions', ...report });
    }
    return report;
  }
}
