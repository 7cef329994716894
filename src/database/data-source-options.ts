import type { DataSourceOptions } from 'typeorm';
import { InitialSchema1764230400000 } from '../../migrations/1764230400000-initial-schema';
import { AdminTokensAudit1764230500000 } from '../../migrations/1764230500000-admin-tokens-audit';
import { JobLeases1764230700000 } from '../../migrations/1764230700000-job-leases';
import { FrontChannelLogout1764230710000 } from '../../migrations/1764230710000-front-channel-logout';
import { Security1764230800000 } from '../../migrations/1764230800000-security';
import { SignedLoginTickets1764230914000 } from '../../migrations/1764230914000-signed-login-tickets';
import { ThrottleChecksInFlight1764230914100 } from '../../migrations/1764230914100-throttle-checks-in-flight';
import type { DatabaseSettings } from '../config/cas-config';
import { createDefaultSqliteFolder } from './sqlite-file';

/** In order; listed explicitly so the build needs no file globbing. */
export const MIGRATIONS = [
  InitialSchema1764230400000,
  AdminTokensAudit1764230500000,
  JobLeases1764230700000,
  FrontChannelLogout1764230710000,
  Security1764230800000,
  SignedLoginTickets1764230914000,
  ThrottleChecksInFlight1764230914100,
];

export interface OpenOptions {
  /** SQLite opens an existing file read-only and writes nothing, not even the WAL mode switch (`cas doctor`). */
  readOnly?: boolean;
  /**
   * The entities a connection opened outside Nest reads through (none for the migrations). In
   * the server each module registers its own (TypeOrmModule.forFeature, autoLoadEntities).
   */
  entities?: DataSourceOptions['entities'];
}

/** How to open the database. */
export function dataSourceOptions(
  db: DatabaseSettings,
  { readOnly = false, entities = [] }: OpenOptions = {},
): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (db.type === 'sqlite') {
    if (!readOnly) createDefaultSqliteFolder(db.path);
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      readonly: readOnly,
      fileMustExist: readOnly,
      // WAL lets readers proceed while a write commits; a busy timeout makes concurrent
      // processes wait for the write lock instead of failing.
      enableWAL: !readOnly,
      prepareDatabase: (sqlite: { pragma: (s: string) => unknown }) => {
        sqlite.pragma('busy_timeout = 5000');
        sqlite.pragma('foreign_keys = ON');
        sqlite.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    extra: { connectionLimit: 10 },
  };
}
