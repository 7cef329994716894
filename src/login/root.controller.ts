import { Controller, Get, Inject, Req, Res, type Type } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { redirect } from '../pages/http-helpers';

/**
 * `/` and the bare prefix (`/cas`) lead to the login page, keeping the query string: people
 * type the server's address with its prefix and nothing else. The paths depend on the prefix,
 * known at start only, so the controller is made for it. (`/cas/` stays a 404: Nest folds it
 * into `/cas`, and a second route for it would need a Fastify-level rewrite of every request.)
 */
export function rootController(pathPrefix: string): Type {
  @Controller()
  class RootController {
    constructor(@Inject(CAS_CONFIG) readonly config: CasConfig) {}

    @Get(['/', pathPrefix])
    root(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
      const queryAt = req.url.indexOf('?');
      const query = queryAt === -1 ? '' : req.url.slice(queryAt);
      redirect(reply, `${this.config.pathPrefix}/login${query}`);
    }
  }
  return RootController;
}
