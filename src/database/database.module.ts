import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { describeDatabase } from './migrate';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [CAS_CONFIG],
      useFactory: (config: CasConfig) => ({
        ...dataSourceOptions(config.database),
        // Pending migrations run at every start, so an upgrade needs no manual step.
        migrationsRun: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
      // The error that stops the start names the database (without its password).
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('no database options');
        try {
          return await new DataSource(options).initialize();
        } catch (err) {
          const db = describeDatabase(
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
          throw new Error(`cannot open the database ${db}: ${(err as Error).message}`, { cause: err });
        }
      },
    }),
  ],
})
export class DatabaseModule {}
