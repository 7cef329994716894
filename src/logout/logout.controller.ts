import { pageCsp } from '../protocol/protocol-headers';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { logoutAjax } from '../pages/ajax.response';
import { TGC_COOKIE, clearTgc, readSessionCookie, redirect } from '../pages/http-helpers';
import { sendAjax, wantsAjax } from '../login/login.responder';
import { LogoutService } from './logout.service';
import { ParamError, flag, single, type RawParams } from '../protocol/params';
import { ViewRenderer } from '../pages/view-renderer.service';

@Controller()
export class LogoutController {
  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly logoutService: LogoutService,
    private readonly views: ViewRenderer,
  ) {}

  @Get('logout')
  async logout(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = req.query as RawParams;
    const max = this.config.maxServiceUrlLength;
    let service: string | undefined;
    let url: string | undefined;
    let all = false;
    try {
      service = single(params, 'service', max);
      url = single(params, 'url', max);
      all = flag(params, 'all');
    } catch (err) {
      if (!(err instanceof ParamError)) throw err;
      // The session still ends: a malformed extra parameter must not keep anyone logged in.
    }
    const outcome = await this.logoutService.logout({
      cookie: readSessionCookie(req, TGC_COOKIE),
      all,
      service,
      url,
      clientAddress: req.ip,
    });
    clearTgc(reply, req, this.config.pathPrefix);
    if (wantsAjax(this.config, req)) {
      const url = outcome.kind === 'redirect' ? outcome.url : undefined;
      sendAjax(reply, 200, this.views.pageRequest(req).language, logoutAjax(outcome.sessionsClosed, url));
      return;
    }
    if (outcome.kind === 'redirect') {
      redirect(reply, outcome.url);
      return;
    }
    if (outcome.frontChannel && outcome.frontChannel.length > 0) {
      const origins = [...new Set(outcome.frontChannel.map((u) => new URL(u).origin))];
      void reply.header('Content-Security-Policy', pageCsp(origins));
    }
    this.views.send(
      req,
      reply,
      200,
      'logout',
      {
        titleKey: 'logout.title',
        messages: outcome.messages,
        link: outcome.link,
        sloNotified: outcome.sloNotified,
        sloFailures: outcome.sloFailures,
        frontChannel: outcome.frontChannel,
      },
      `${this.config.pathPrefix}/logout${outcome.link ? `?${new URLSearchParams({ url: outcome.link }).toString()}` : ''}`,
    );
  }
}
