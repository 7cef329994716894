import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TGC_COOKIE, readSessionCookie } from '../pages/http-helpers';
import { Family } from '../protocol/family';
import { ParamsPipe } from '../protocol/params.pipe';
import { logoutQuery, type LogoutQuery } from './logout.params';
import { LogoutResponder } from './logout.responder';
import { LogoutService } from './logout.service';

/** /logout: a page (cookies, redirects), so the reply is the responder's; errors: PageErrorsFilter. */
@Controller()
@Family('pages')
export class LogoutController {
  constructor(
    private readonly logoutService: LogoutService,
    private readonly responder: LogoutResponder,
  ) {}

  @Get('logout')
  async logout(
    @Query(ParamsPipe(logoutQuery)) query: LogoutQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.logoutService.logout({
      ...query,
      cookie: readSessionCookie(req, TGC_COOKIE),
      clientAddress: req.ip,
    });
    this.responder.respond(req, reply, outcome);
  }
}
