import { Controller, Delete, Get, Param, Query, UseGuards } from '@nestjs/common';
import { SessionService } from '../sessions/session.service';
import { Actor, AdminAuthGuard } from './admin-auth.guard';
import { ADMIN_BASE } from './admin-paths';
import { adminCall } from './admin-problems';
import { EndSessionsQuery, SessionQuery, pageOf } from './admin-queries';
import { EndedSessions, SessionPage, SessionView } from './admin-schemas';
import { pageView, sessionView } from './admin-views';
import { ApiOperation, ApiResource, NOT_FOUND } from './api-operation';
import { SessionAdmin } from './session-admin.service';
import { parseQuery } from './validation';

/** SSO sessions: who is logged in, and ending sessions (with their tickets). */
@Controller(`${ADMIN_BASE}/sessions`)
@UseGuards(AdminAuthGuard)
@ApiResource({ tag: 'sessions', description: 'SSO sessions' })
export class SessionsController {
  constructor(
    private readonly sessions: SessionService,
    private readonly admin: SessionAdmin,
  ) {}

  @Get()
  @ApiOperation({
    id: 'listSessions',
    summary: 'List SSO sessions, newest first',
    query: SessionQuery,
    response: { description: 'A page of sessions', schema: SessionPage },
  })
  async list(@Query() query: unknown) {
    const params = parseQuery(SessionQuery, query);
    const { page, pageSize, offset } = pageOf(params);
    const { items, total } = await this.sessions.page(params.username, offset, pageSize);
    return pageView(items.map(sessionView), page, pageSize, total);
  }

  /** Ends every session of one user; the username is required so a typo cannot end everyone's. */
  @Delete()
  @ApiOperation({
    id: 'endUserSessions',
    summary: 'End every session of a user',
    query: EndSessionsQuery,
    response: { description: 'How many were ended', schema: EndedSessions },
  })
  async endAll(@Query() query: unknown, @Actor() actor: string) {
    const { username } = parseQuery(EndSessionsQuery, query);
    const { ended } = await this.admin.endAllFor(actor, username);
    return { ended };
  }

  @Get(':id')
  @ApiOperation({
    id: 'getSession',
    summary: 'Read a session',
    response: { description: 'The session', schema: SessionView },
    errors: NOT_FOUND,
  })
  async get(@Param('id') id: string) {
    return sessionView(await adminCall(() => this.admin.get(id)));
  }

  @Delete(':id')
  @ApiOperation({
    id: 'endSession',
    summary: 'End a session',
    response: { description: 'Ended', schema: EndedSessions },
    errors: NOT_FOUND,
  })
  async end(@Param('id') id: string, @Actor() actor: string) {
    const { ended } = await adminCall(() => this.admin.end(actor, id));
    return { ended };
  }
}
