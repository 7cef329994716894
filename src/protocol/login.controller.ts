import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { TGC_COOKIE, clearTgc, redirect, sendHtml, setTgc } from './http-helpers';
import type { LoginResponse } from './login-outcome';
import { LoginService, type LoginRequest } from './login.service';
import { ParamError, flag, single, type RawParams } from './params';
import { ViewRenderer } from './view-renderer.service';

@Controller()
export class LoginController {
  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly login: LoginService,
    private readonly views: ViewRenderer,
  ) {}

  private readRequest(req: FastifyRequest, params: RawParams): LoginRequest {
    const service = single(params, 'service', this.config.maxServiceUrlLength);
    // TARGET stands for service in the SAML 1.1 browser flow; service wins when both are sent.
    const target = service === undefined ? single(params, 'TARGET', this.config.maxServiceUrlLength) : undefined;
    return {
      service: service ?? target,
      serviceParam: service === undefined && target !== undefined ? 'TARGET' : 'service',
      renew: flag(params, 'renew'),
      gateway: flag(params, 'gateway'),
      warn: flag(params, 'warn'),
      method: single(params, 'method', 16),
      cookie: req.cookies[TGC_COOKIE],
      clientAddress: req.ip,
    };
  }

  @Get('login')
  async get(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = req.query as RawParams;
    let request: LoginRequest;
    try {
      request = this.readRequest(req, params);
    } catch (err) {
      return this.badRequest(req, reply, err);
    }
    this.respond(req, reply, await this.login.requestCredentials(request));
  }

  @Post('login')
  async post(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Fields may come from the form body; `service` etc. may also sit in the query string
    // when the form's action kept them.
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const params = { ...(req.query as Record<string, unknown>), ...body };
    try {
      const request = {
        ...this.readRequest(req, params),
        lt: single(params, 'lt', 256),
        username: single(params, 'username', 256),
        password: single(params, 'password', 1024),
        warned: flag(params, 'warned'),
      };
      this.respond(req, reply, await this.login.acceptCredentials(request));
    } catch (err) {
      return this.badRequest(req, reply, err);
    }
  }

  private async badRequest(req: FastifyRequest, reply: FastifyReply, err: unknown): Promise<void> {
    if (!(err instanceof ParamError)) throw err;
    const response = await this.login.requestCredentials({
      serviceParam: 'service',
      renew: false,
      gateway: false,
      warn: false,
      cookie: undefined,
      clientAddress: req.ip,
    });
    if (response.outcome.kind === 'form') {
      response.outcome.status = 400;
      response.outcome.messages = [{ level: 'error', text: `Invalid request: ${err.message}` }];
    }
    this.respond(req, reply, { ...response, cookie: null });
  }

  private respond(req: FastifyRequest, reply: FastifyReply, response: LoginResponse): void {
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
