import { Injectable } from '@nestjs/common';
import { SessionTerminator } from '../sessions/session-terminator.service';
import { SessionService } from '../sessions/session.service';
import type { SsoSession } from '../sessions/sso-session.entity';
import { sessionView } from './admin-views';
import { AuditService } from './audit.service';
import { summarise, type SessionsEnded } from './session-ending';
import { NotFoundError } from './use-case-errors';

/**
 * Ending SSO sessions by hand (admin API and CLI alike): the session, its tickets and the
 * Single Logout of its applications, with an audit record.
 */
@Injectable()
export class SessionAdmin {
  constructor(
    private readonly sessions: SessionService,
    private readonly terminator: SessionTerminator,
    private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<SsoSession> {
    const session = await this.sessions.findById(id);
    if (!session) throw new NotFoundError('session', id);
    return session;
  }

  async end(actor: string, id: string): Promise<SessionsEnded> {
    const session = await this.get(id);
    const ended = summarise([await this.terminator.end(session, `ended by ${actor}`)]);
    await this.audit.record(actor, {
      action: 'session.end',
      targetType: 'session',
      targetId: id,
      before: sessionView(session),
    });
    return ended;
  }

  async endAllFor(actor: string, username: string): Promise<SessionsEnded> {
    const ended = summarise(await this.terminator.endAllFor(username, `ended by ${actor}`));
    await this.audit.record(actor, {
      action: 'session.end-all',
      targetType: 'user',
      targetId: username,
      after: { ended: ended.ended },
    });
    return ended;
  }
}
