import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException, problem } from '../common/problem';
import { AdminTokensService } from './admin-tokens.service';

const actors = new WeakMap<FastifyRequest, string>();

/**
 * `Authorization: Bearer <token>` on every admin route. Missing, unknown and revoked tokens
 * all get the same bare 401, so an answer tells nothing about which tokens exist.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(private readonly tokens: AdminTokensService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const actor = match ? await this.tokens.authenticate(match[1]) : null;
    if (actor === null) throw new ProblemException(problem(401));
    actors.set(request, actor);
    return true;
  }
}

/** The authenticated actor (token name or `env-token`), recorded in the audit trail. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const actor = actors.get(context.switchToHttp().getRequest<FastifyRequest>());
  if (actor === undefined) throw new ProblemException(problem(401));
  return actor;
});
