import { Controller, Get, Post, Query, Req, Res, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readBrowserCookie } from './browser-cookie';
import { TGC_COOKIE, readSessionCookie } from '../pages/http-helpers';
import { LoginResponder } from './login.responder';
import { LoginFlow } from './login.flow';
import type { LoginRequest } from './login-request';
import { loginFormParams, loginQuery, type LoginForm, type LoginQuery } from './login.params';
import { ParamsPipe } from '../protocol/params.pipe';
import { Family } from '../protocol/family';

/**
 * The raw query string and body, for loginFormParams to merge. Beside the controller rather than
 * the schemas: the unit specs load login.params.ts, and jest cannot load Nest's ES modules.
 */
export const QueryAndBody = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const { query, body } = context.switchToHttp().getRequest<FastifyRequest>();
  return { query, body };
});

/** /login; a refused parameter shows the form again with the reason (the login family's filter). */
@Family('login')
@Controller()
export class LoginController {
  constructor(
    private readonly login: LoginFlow,
    private readonly responder: LoginResponder,
  ) {}

  private fromRequest(req: FastifyRequest): Pick<LoginRequest, 'cookie' | 'browser' | 'clientAddress'> {
    return { cookie: readSessionCookie(req, TGC_COOKIE), browser: readBrowserCookie(req), clientAddress: req.ip };
  }

  @Get('login')
  async get(
    @Query(ParamsPipe(loginQuery)) query: LoginQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.responder.respond(req, reply, await this.login.requestCredentials({ ...query, ...this.fromRequest(req) }));
  }

  @Post('login')
  async post(
    @QueryAndBody(ParamsPipe(loginFormParams)) form: LoginForm,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.responder.respond(req, reply, await this.login.acceptCredentials({ ...form, ...this.fromRequest(req) }));
  }
}
