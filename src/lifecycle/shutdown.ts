import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * SIGTERM / SIGINT: stop accepting connections, let the requests in flight finish (their
 * database still open), then run the providers' shutdown hooks (database, SQL pool, LDAP
 * connections) and exit 0. Further signals are ignored: the wait is bounded by the requests
 * themselves (CAS_SLO_TIMEOUT, proxy callbacks), and a supervisor has SIGKILL for the rest.
 */
export function closeOnSignals(apps: NestFastifyApplication[], logger: LoggerService): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.log({ msg: `${signal} received: finishing the requests in flight`, event: 'shutdown', signal }, 'main');
    try {
      // Fastify's close stops the listener and waits for the requests being served; Nest's
      // close would first run the hooks that close the database. Keep-alive connections are
      // closed as soon as they fall idle, their request answered, so the wait ends with them.
      const sweep = setInterval(() => apps.forEach((app) => app.getHttpServer().closeIdleConnections()), 100);
      await Promise.all(apps.map((app) => app.getHttpAdapter().getInstance().close()));
      clearInterval(sweep);
      await Promise.all(apps.map((app) => app.close()));
      logger.log({ msg: 'stopped', event: 'stopped' }, 'main');
      process.exit(0);
    } catch (err) {
      logger.error(`shutdown failed: ${(err as Error).message}`, 'main');
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s: NodeJS.Signals) => void close(s));
}
