import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { SingleLogout } from '../single-logout/single-logout.service';
import type { SingleLogoutReport } from '../single-logout/single-logout.service';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import { SessionService } from './session.service';
import type { SsoSession } from './sso-session.entity';

export interface EndReport {
  /** Whether this call ended the session (false if it was already gone). */
  ended: boolean;
  slo: SingleLogoutReport;
}

const NOTHING_SENT: SingleLogoutReport = { sent: 0, failed: [], pending: 0, frontChannel: [] };

/** Ends SSO sessions: the session row, its tickets, and the Single Logout of its services. */
@Injectable()
export class SessionTerminator {
  private readonly logger = new Logger('sessions');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly sessions: SessionService,
    private readonly tickets: TicketRegistry,
    private readonly singleLogout: SingleLogout,
  ) {}

  /**
   * Ends one session. `waitMs` bounds how long the caller waits for the logout requests
   * (a person waiting for the logout page); the rest finish in the background.
   */
  async end(session: SsoSession, reason: string, waitMs?: number): Promise<EndReport> {
    const deleted = await this.sessions.delete(session.id);
    // Only the process that deleted the session row tells the services: no duplicate logouts.
    if (!deleted) return { ended: false, slo: NOTHING_SENT };
    this.logger.log({
      msg: `session ${session.id} of ${session.username} ended: ${reason}`,
      event: 'session.ended',
      user: session.username,
      session: session.id,
      reason,
    });
    const claimed = await this.tickets.endSession(session.id);
    const slo = await this.singleLogout.notify(claimed, waitMs ?? this.config.sloTimeoutMs + 500);
    return { ended: true, slo };
  }

  /** Ends every session of a user. */
  async endAllFor(username: string, reason: string, waitMs?: number): Promise<EndReport[]> {
    const sessions = await this.sessions.findByUsername(username);
    return Promise.all(sessions.map((session) => this.end(session, reason, waitMs)));
  }
}
