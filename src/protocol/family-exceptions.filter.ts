import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../common/problem';
import { familyOf, type FamilyName } from './family';

export type FamilyFilters = Partial<Record<FamilyName, ExceptionFilter>> & { default: ExceptionFilter };

/**
 * Every exception that reaches Nest (from a handler, or raised before one ran: unparsable or
 * oversized bodies, media types, unknown addresses) goes to the error filter of the family of
 * the route it reached (the route's tag, see registerRouteFamilies), never as a stack trace.
 * A ProblemException is a problem document wherever it is thrown.
 */
@Catch()
export class FamilyExceptionsFilter implements ExceptionFilter {
  constructor(private readonly filters: FamilyFilters) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const family = familyOf(host.switchToHttp().getRequest<FastifyRequest>());
    const filter = exception instanceof ProblemException ? this.filters.default : this.filters[family];
    (filter ?? this.filters.default).catch(exception, host);
  }
}
