import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { redirect } from './http-helpers';

/** `/` (and the bare prefix) lead to the login page, keeping the query string. */
@Controller()
export class RootController {
  constructor(@Inject(CAS_CONFIG) private readonly config: CasConfig) {}

  @Get()
  root(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const queryAt = req.url.indexOf('?');
    const query = queryAt === -1 ? '' : req.url.slice(queryAt);
    redirect(reply, `${this.config.pathPrefix}/login${query}`);
  }
}
