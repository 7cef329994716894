import { Controller, Delete, Get, Param, Query, UseGuards } from '@nestjs/common';
import { SessionTerminator } from '../sessions/session-terminator.service';
import { SessionService } from '../sessions/session.service';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { EndSessionsQuery, SessionQuery, pageOf } from './admin-schemas';
import { pageView, sessionView } from './admin-views';
import { AuditService } from './audit.service';
import { ADMIN_BASE } from './admin-paths';
import { notFound, parseQuery } from './validation';

/** SSO sessions: who is logged in, and ending sessions (with their tickets). */
@Controller(`${ADMIN_BASE}/sessions`)
@UseGuards(AdminAuthGuard)
export class SessionsController {
  constructor(
    private readonly sessions: SessionService,
    private readonly terminator: SessionTerminator,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list(@Query() query: unknown) {
    const params = parseQuery(SessionQuery, query);
    const { page, pageSize, offset } = pageOf(params);
    const { items, total } = await this.sessions.page(params.username, offset, pageSize);
    return pageView(items.map(sessionView), page, pageSize, total);
  }

  /** Ends every session of one user; the username is required so a typo cannot end everyone's. */
  @Delete()
  async endAll(@Query() query: unknown, @Actor() actor: string) {
    const { username } = parseQuery(EndSessionsQuery, query);
    const reports = await this.terminator.endAllFor(username, `ended by ${actor} through the admin API`);
    const ended = reports.filter((r) => r.ended).length;
    await this.audit.record(actor, {
      action: 'session.end-all',
      targetType: 'user',
      targetId: username,
      after: { ended },
    });
    return { ended };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const session = await this.sessions.findById(id);
    if (!session) throw notFound('This session');
    return sessionView(session);
  }

  @Delete(':id')
  async end(@Param('id') id: string, @Actor() actor: string) {
    const session = await this.sessions.findById(id);
    if (!session) throw notFound('This session');
    const ended = (await this.terminator.end(session, `ended by ${actor} through the admin API`)).ended ? 1 : 0;
    await this.audit.record(actor, {
      action: 'session.end',
      targetType: 'session',
      targetId: id,
      before: sessionView(session),
    });
    return { ended };
  }
}
