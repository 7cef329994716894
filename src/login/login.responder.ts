import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { formatDate } from '../i18n/translate';
import { loginAjax, type AjaxAnswer } from './ajax.response';
import { readBrowserCookie, setBrowserCookie } from './browser-cookie';
import { clearTgc, redirect, setTgc } from '../pages/http-helpers';
import type { FormFields, LoginOutcome, LoginResponse } from './login-outcome';
import { FormTickets } from './form-tickets';
import type { Message } from '../i18n/message';
import { ViewRenderer } from '../pages/view-renderer.service';

/** The request asks for django-cas-server's JSON answers (and the setting allows them). */
export function wantsAjax(config: CasConfig, req: FastifyRequest): boolean {
  return config.enableAjaxAuth && req.headers['x-ajax'] !== undefined;
}

export function sendAjax(reply: FastifyReply, status: number, language: string, answer: AjaxAnswer): void {
  void reply
    .status(status)
    .header('Content-Language', language)
    .header('Vary', 'Accept-Language, Cookie')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(answer));
}

/** Turns login outcomes into HTTP answers: redirects, pages (or AJAX JSON), cookies. */
@Injectable()
export class LoginResponder {
  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly formTickets: FormTickets,
    private readonly views: ViewRenderer,
  ) {}

  /**
   * A blank login form with the reason the request was refused (status 400 or the one given).
   * It asks the flow nothing: the login ticket is signed, not stored (form-tickets.ts).
   */
  async invalidRequest(req: FastifyRequest, reply: FastifyReply, reason: Message, status = 400): Promise<void> {
    const browser = await this.formTickets.browser(readBrowserCookie(req));
    const outcome: LoginOutcome = {
      kind: 'form',
      status,
      messages: [reason],
      fields: { serviceParam: 'service', renew: false, gateway: false },
      lt: await this.formTickets.issue(browser.id),
      warn: false,
      showForm: true,
    };
    this.respond(req, reply, { outcome, cookie: null, ...(browser.fresh ? { browser: browser.id } : {}) });
  }

  /** The login page for these fields: where a language switch or an AJAX client goes next. */
  private loginPath(fields: FormFields): string {
    const query = new URLSearchParams();
    if (fields.service !== undefined) query.set(fields.serviceParam, fields.service);
    if (fields.renew) query.set('renew', 'true');
    if (fields.gateway) query.set('gateway', 'true');
    if (fields.method) query.set('method', fields.method);
    const search = query.toString();
    return `${this.config.pathPrefix}/login${search ? `?${search}` : ''}`;
  }

  /**
   * Where the page's links (language, dismissals) come back to: the login URL rebuilt from the
   * fields kept, so a refused service URL is never echoed into a link.
   */
  private here(fields?: FormFields): string {
    return fields ? this.loginPath(fields) : `${this.config.pathPrefix}/login`;
  }

  respond(req: FastifyRequest, reply: FastifyReply, response: LoginResponse): void {
    const prefix = this.config.pathPrefix;
    if (response.cookie && 'set' in response.cookie) setTgc(reply, req, prefix, response.cookie.set);
    else if (response.cookie) clearTgc(reply, req, prefix);
    if (response.browser) setBrowserCookie(reply, req, prefix, response.browser);

    const outcome = response.outcome;
    if (outcome.kind === 'form' && outcome.retryAfter !== undefined) {
      void reply.header('Retry-After', String(outcome.retryAfter));
    }
    if (wantsAjax(this.config, req)) {
      const { language } = this.views.pageRequest(req);
      const messages = ('messages' in outcome ? outcome.messages : undefined) ?? [];
      const translated = this.views
        .translateMessages(messages, language)
        .map((m) => ({ message: m.text, level: m.level }));
      const loginUrl =
        outcome.kind === 'form' || outcome.kind === 'warn' ? this.loginPath(outcome.fields) : `${prefix}/login`;
      const status = outcome.kind === 'form' ? outcome.status : 200;
      sendAjax(reply, status, language, loginAjax(outcome, loginUrl, translated));
      return;
    }

    switch (outcome.kind) {
      case 'redirect':
        redirect(reply, outcome.url);
        return;
      case 'post':
        this.views.send(
          req,
          reply,
          200,
          'post-redirect',
          {
            titleKey: 'redirect.title',
            action: outcome.action,
            fields: outcome.fields,
          },
          this.here(),
        );
        return;
      case 'logged': {
        const language = this.views.pageRequest(req).language;
        this.views.send(
          req,
          reply,
          200,
          'logged',
          {
            titleKey: 'logged.title',
            messages: outcome.messages,
            username: outcome.username,
            since: formatDate(language, outcome.since),
            sinceIso: new Date(outcome.since).toISOString(),
          },
          this.here(),
        );
        return;
      }
      case 'warn':
        this.views.send(
          req,
          reply,
          200,
          'warn',
          {
            titleKey: 'warn.title',
            ...outcome.fields,
            lt: outcome.lt,
            username: outcome.username,
            serviceName: outcome.target.name,
            serviceUrl: outcome.target.url,
            messages: [],
          },
          this.here(outcome.fields),
        );
        return;
      case 'form':
        this.views.send(
          req,
          reply,
          outcome.status,
          'login',
          {
            titleKey: 'login.title',
            ...outcome.fields,
            lt: outcome.lt,
            messages: outcome.messages,
            username: outcome.username,
            warnChecked: outcome.warn,
            showForm: outcome.showForm,
          },
          this.here(outcome.fields),
        );
        return;
    }
  }
}
