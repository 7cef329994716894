import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { readBrowserCookie } from './browser-cookie';
import { TGC_COOKIE, readSessionCookie } from '../pages/http-helpers';
import { LoginResponder } from './login.responder';
import { LoginFlow } from './login.flow';
import type { LoginRequest } from './login-request';
import { ParamError, flag, single, type RawParams } from '../protocol/params';
import { Family } from '../protocol/family';

@Family('login')
@Controller()
export class LoginController {
  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly login: LoginFlow,
    private readonly responder: LoginResponder,
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
      cookie: readSessionCookie(req, TGC_COOKIE),
      browser: readBrowserCookie(req),
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
    this.responder.respond(req, reply, await this.login.requestCredentials(request));
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
      this.responder.respond(req, reply, await this.login.acceptCredentials(request));
    } catch (err) {
      return this.badRequest(req, reply, err);
    }
  }

  private async badRequest(req: FastifyRequest, reply: FastifyReply, err: unknown): Promise<void> {
    if (!(err instanceof ParamError)) throw err;
    await this.responder.invalidRequest(req, reply, err.toMessage());
  }
}
