import { Injectable, Logger } from '@nestjs/common';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import { SessionService } from './session.service';
import type { SsoSession } from './sso-session.entity';

/** Ends SSO sessions: the session row and the tickets that must not outlive it. */
@Injectable()
export class SessionTerminator {
  private readonly logger = new Logger('sessions');

  constructor(
    private readonly sessions: SessionService,
    private readonly tickets: TicketRegistry,
  ) {}

  /** Returns whether a session was actually ended (false if it was already gone). */
  async end(session: SsoSession, reason: string): Promise<boolean> {
    const deleted = await this.sessions.delete(session.id);
    await this.tickets.revokeUnvalidated(session.id);
    await this.tickets.revokeProxyGrantingTickets(session.id);
    if (deleted) this.logger.log(`session ${session.id} of ${session.username} ended: ${reason}`);
    return deleted;
  }

  /** Ends every session of a user; returns how many were ended. */
  async endAllFor(username: string, reason: string): Promise<number> {
    let count = 0;
    for (const session of await this.sessions.findByUsername(username)) {
      if (await this.end(session, reason)) count++;
    }
    return count;
  }
}
