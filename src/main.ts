import cluster from 'node:cluster';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createAdminApp, createApp } from './app.factory';
import { ConfigError, loadConfig, type CasConfig } from './config/cas-config';
import { environment, loadDotEnv } from './config/load-env';
import { describeUnknownSetting, unknownSettings } from './config/unknown-settings';
import { startupLines } from './lifecycle/announce';
import { listenError, type AddressSettings } from './lifecycle/listen-error';
import { closeOnSignals } from './lifecycle/shutdown';
import { runPrimary } from './lifecycle/workers';
import { createRootLogger, logSettings, PinoNestLogger } from './logging/logger';

async function listen(
  app: NestFastifyApplication,
  host: string,
  port: number,
  names: AddressSettings,
): Promise<number> {
  try {
    await app.listen({ host, port });
  } catch (err) {
    throw listenError(err, names, host, port);
  }
  const address = app.getHttpServer().address();
  return typeof address === 'object' && address ? address.port : port;
}

async function serve(
  config: CasConfig,
  logger: PinoNestLogger,
  announce: (port: number, adminPort: number | null) => void,
): Promise<void> {
  const app = await createApp(config, logger);
  const apps = [app];
  const port = await listen(app, config.host, config.port, { host: 'HOST', port: 'PORT' });
  let adminPort: number | null = null;
  const { enabled, listen: adminListen } = config.admin;
  if (enabled && adminListen) {
    // Created after the main app, so the migrations have already run once.
    const admin = await createAdminApp(config, logger);
    apps.push(admin);
    adminPort = await listen(admin, adminListen.host, adminListen.port, {
      host: 'CAS_ADMIN_HOST',
      port: 'CAS_ADMIN_PORT',
    });
  }
  // With CAS_WORKERS the primary announces the shared ports once every worker listens.
  if (!cluster.isWorker) announce(port, adminPort);
  closeOnSignals(apps, logger);
}

async function main(): Promise<void> {
  const fromDotEnv = loadDotEnv();
  let config: CasConfig;
  const known = new Set<string>();
  try {
    config = loadConfig(environment(), known);
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
  if (!cluster.isWorker) {
    for (const unknown of unknownSettings(environment(), known)) {
      root
        .child({ context: 'settings' })
        .warn(
          { event: 'settings.unknown', setting: unknown.name, suggestion: unknown.suggestion ?? undefined },
          describeUnknownSetting(unknown, fromDotEnv.has(unknown.name)),
        );
    }
  }
  // Written whatever CAS_LOG_LEVEL says: operators and scripts wait for these lines.
  const announcer = root.child({ context: 'main' }, { level: 'info' });
  const announce = (port: number, adminPort: number | null) => {
    for (const line of startupLines(config, port, adminPort)) announcer.info({ event: 'server.started' }, line);
  };
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
