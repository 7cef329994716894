import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthHelperService } from './auth-helper.service';
import { ParamError, single, type RawParams } from '../protocol/params';

const TEXT = 'text/plain; charset=utf-8';

@Controller()
export class AuthHelperController {
  private readonly logger = new Logger('auth-helper');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly helper: AuthHelperService,
  ) {}

  /** POST username, password, service, secret → `yes\n` or `no\n`; a 404 while no secret is set. */
  @Post('auth')
  async check(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.helper.enabled) {
      reply.status(404).type(TEXT).send('no\n');
      return;
    }
    let ok = false;
    try {
      const form = (typeof req.body === 'object' ? req.body : null) as RawParams;
      ok = await this.helper.check({
        username: single(form, 'username', 256),
        password: single(form, 'password', 1024),
        service: single(form, 'service', this.config.maxServiceUrlLength),
        secret: single(form, 'secret', 1024),
        clientAddress: req.ip,
      });
    } catch (err) {
      if (!(err instanceof ParamError)) this.logger.error(`/auth failed: ${(err as Error).message}`);
    }
    reply
      .status(200)
      .type(TEXT)
      .send(ok ? 'yes\n' : 'no\n');
  }
}
