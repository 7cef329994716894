import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { sendAjax, wantsAjax } from '../login/login.responder';
import { logoutAjax } from '../login/ajax.response';
import { clearTgc, redirect } from '../pages/http-helpers';
import { ViewRenderer } from '../pages/view-renderer.service';
import { pageCsp } from '../protocol/page-csp';
import type { LogoutOutcome } from './logout.service';

/** Turns a logout into its HTTP answer: the cookie cleared, then a redirect, AJAX JSON or the page. */
@Injectable()
export class LogoutResponder {
  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly views: ViewRenderer,
  ) {}

  respond(req: FastifyRequest, reply: FastifyReply, outcome: LogoutOutcome): void {
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
