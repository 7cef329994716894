import { Logger } from '@nestjs/common';
import { createAdminApp, createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/cas-config';
import { loadDotEnv } from './config/load-env';

async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen({ host: config.host, port: config.port });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Printed whatever the log level: operators and scripts wait for this line.
  process.stdout.write(
    `CAS server listening on ${config.tls ? 'https' : 'http'}://${config.host}:${port}${config.pathPrefix}/login (database: ${config.database.type})\n`,
  );
  const { enabled, listen } = config.admin;
  if (enabled && listen) {
    // Created after the main app, so the migrations have already run once.
    const admin = await createAdminApp(config);
    await admin.listen({ host: listen.host, port: listen.port });
    const adminAddress = admin.getHttpServer().address();
    const adminPort = typeof adminAddress === 'object' && adminAddress ? adminAddress.port : listen.port;
    new Logger('main').log(`admin API served at http://${listen.host}:${adminPort}/api/admin`);
  } else if (enabled) {
    new Logger('main').log(`admin API served at http://${config.host}:${port}/api/admin`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
