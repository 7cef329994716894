import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { clearTgc, redirect, sendHtml, setTgc } from './http-helpers';
import type { LoginResponse } from './login-outcome';
import { LoginService } from './login.service';
import { ViewRenderer } from './view-renderer.service';

/** Turns login outcomes into HTTP answers: redirects, pages, cookies. */
@Injectable()
export class LoginResponder {
  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly login: LoginService,
    private readonly views: ViewRenderer,
  ) {}

  /** A fresh login form with the reason the request was refused (status 400 or the one given). */
  async invalidRequest(req: FastifyRequest, reply: FastifyReply, reason: string, status = 400): Promise<void> {
    const response = await this.login.requestCredentials({
      serviceParam: 'service',
      renew: false,
      gateway: false,
      warn: false,
      cookie: undefined,
      clientAddress: req.ip,
    });
    if (response.outcome.kind === 'form') {
      response.outcome.status = status;
      response.outcome.messages = [{ level: 'error', text: `Invalid request: ${reason}` }];
    }
    this.respond(req, reply, { ...response, cookie: null });
  }

  respond(req: FastifyRequest, reply: FastifyReply, response: LoginResponse): void {
    const prefix = this.config.pathPrefix;
    if (response.cookie && 'set' in response.cookie) setTgc(reply, req, prefix, response.cookie.set);
    else if (response.cookie) clearTgc(reply, req, prefix);

    const outcome = response.outcome;
    switch (outcome.kind) {
      case 'redirect':
        redirect(reply, outcome.url);
        return;
      case 'post':
        sendHtml(
          reply,
          200,
          this.views.render('post-redirect', { title: 'Redirecting', action: outcome.action, fields: outcome.fields }),
        );
        return;
      case 'logged':
        sendHtml(
          reply,
          200,
          this.views.render('logged', {
            title: 'Logged in',
            messages: outcome.messages,
            username: outcome.username,
            since: new Date(outcome.since).toUTCString(),
            sinceIso: new Date(outcome.since).toISOString(),
          }),
        );
        return;
      case 'warn':
        sendHtml(
          reply,
          200,
          this.views.render('warn', {
            title: 'Confirm',
            ...outcome.fields,
            lt: outcome.lt,
            username: outcome.username,
            serviceName: outcome.target.name,
            serviceUrl: outcome.target.url,
            messages: [],
          }),
        );
        return;
      case 'form':
        sendHtml(
          reply,
          outcome.status,
          this.views.render('login', {
            title: 'Log in',
            ...outcome.fields,
            lt: outcome.lt,
            messages: outcome.messages,
            username: outcome.username,
            warnChecked: outcome.warn,
            showForm: outcome.showForm,
          }),
        );
        return;
    }
  }
}
