import cluster from 'node:cluster';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createAdminApp, createApp } from './app.factory';
import { ConfigError, loadConfig, type CasConfig } from './config/cas-config';
import { loadDotEnv } from './config/load-env';
import { closeOnSignals } from './lifecycle/shutdown';
import { runPrimary } from './lifecycle/workers';
import { createRootLogger, logSettings, PinoNestLogger } from './logging/logger';

function listenPort(app: NestFastifyApplication, fallback: number): number {
  const address = app.getHttpServer().address();
  return typeof address === 'object' && address ? address.port : fallback;
}

async function serve(config: CasConfig, logger: PinoNestLogger, announce: (port: number) => void): Promise<void> {
  const app = await createApp(config, logger);
  await app.listen({ host: config.host, port: config.port });
  const port = listenPort(app, config.port);
  const apps = [app];
  // With CAS_WORKERS the primary announces the shared port once every worker listens.
  if (!cluster.isWorker) announce(port);
  const { enabled, listen } = config.admin;
  if (enabled && listen) {
    // Created after the main app, so the migrations have already run once.
    const admin = await createAdminApp(config, logger);
    await admin.listen({ host: listen.host, port: listen.port });
    apps.push(admin);
    logger.log(`admin API served at http://${listen.host}:${listenPort(admin, listen.port)}/api/admin`, 'main');
  } else if (enabled && !cluster.isWorker) {
    logger.log(`admin API served at http://${config.host}:${port}/api/admin`, 'main');
  }
  closeOnSignals(apps, logger);
}

async function main(): Promise<void> {
  loadDotEnv();
  let config: CasConfig;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const settings = logSettings(config);
  const root = createRootLogger(settings);
  const logger = new PinoNestLogger(root, settings.secretPrefixes);
  // Written whatever CAS_LOG_LEVEL says: operators and scripts wait for this line.
  const announce = (port: number) =>
    root
      .child({ context: 'main' }, { level: 'info' })
      .info(
        `CAS server listening on ${config.tls ? 'https' : 'http'}://${config.host}:${port}${config.pathPrefix}/login (database: ${config.database.type}${config.workers > 1 ? `, ${config.workers} workers` : ''})`,
      );
  if (config.workers > 1 && cluster.isPrimary) {
    await runPrimary(config, logger, announce);
    return;
  }
  await serve(config, logger, announce);
}

main().catch((err: unknown) => {
  process.stderr.write(`cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
