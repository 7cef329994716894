import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { AuthService } from '../auth/auth.service';

/** Checks slower than this count as down: a probe must answer quickly. */
const CHECK_TIMEOUT_MS = 3000;

/**
 * Probes for load balancers and orchestrators, outside the CAS prefix and without a token.
 * live: the process answers. ready: it can serve logins, i.e. the database and the
 * authentication source answer; 503 otherwise, with the reason.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly auth: AuthService,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const backend = this.auth.backend;
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
        () =>
          this.indicators
            .check('authSource')
            .attempt(async () => {
              await backend.ping?.();
              return { source: backend.name };
            })
            .withTimeout(CHECK_TIMEOUT_MS),
      ]);
      void reply.status(200).send(result);
    } catch (err) {
      // Terminus reports a failed check as a 503 exception carrying the usual JSON body.
      if (!(err instanceof ServiceUnavailableException)) throw err;
      void reply.status(503).send(err.getResponse());
    }
  }
}
