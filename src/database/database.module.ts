import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { FastSql } from './fast-sql';
import { describeDatabase } from './migrate';

/** Errors of a database server that is not up yet (a machine booting): worth waiting for. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
  'PROTOCOL_CONNECTION_LOST',
]);
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1000;

function describeOptions(options: DataSourceOptions): string {
  return describeDatabase(
    options.type === 'mysql'
      ? {
          type: 'mysql',
          host: options.host ?? '',
          port: options.port ?? 3306,
          username: options.username ?? '',
          password: '',
          database: options.database ?? '',
        }
      : { type: 'sqlite', path: String(options.database) },
  );
}

/**
 * Opens the database, waiting a little for a server that refuses connections; any other
 * error (unknown database, access denied) stops the start at once. The error that stops it
 * names the database (without its password) and is reported in one line by main.ts.
 */
async function openWithRetries(options: DataSourceOptions): Promise<DataSource> {
  const logger = new Logger('database');
  for (let attempt = 1; ; attempt++) {
    try {
      return await new DataSource(options).initialize();
    } catch (err) {
      const message = `cannot open the database ${describeOptions(options)}: ${(err as Error).message}`;
      const code = (err as { code?: string }).code ?? '';
      if (attempt >= ATTEMPTS || !TRANSIENT_CODES.has(code)) throw new Error(message, { cause: err });
      logger.warn({ msg: `${message}: trying again in ${RETRY_DELAY_MS} ms`, event: 'database.retry', attempt });
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }
}

/**
 * The connection, and the statement helper of the repositories. Global, as TypeORM's own root
 * module is: a module's repositories reach both without importing the module that opens them.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [CAS_CONFIG],
      useFactory: (config: CasConfig) => ({
        ...dataSourceOptions(config.database),
        // Each module registers the entities of its tables (TypeOrmModule.forFeature).
        autoLoadEntities: true,
        // Pending migrations run at every start, so an upgrade needs no manual step.
        migrationsRun: true,
        // Retried by openWithRetries: Nest's own retries log a stack trace each.
        toRetry: () => false,
      }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('no database options');
        return openWithRetries(options);
      },
    }),
  ],
  providers: [{ provide: FastSql, inject: [DataSource], useFactory: (source: DataSource) => new FastSql(source) }],
  exports: [FastSql],
})
export class DatabaseModule {}
