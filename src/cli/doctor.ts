import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { DataSource } from 'typeorm';
import type { AuthBackend } from '../auth/auth-backend';
import { backendFor } from '../auth/auth.module';
import { User } from '../auth/user.entity';
import { ConfigError, loadConfig, type CasConfig } from '../config/cas-config';
import { unknownSettings, describeUnknownSetting } from '../config/unknown-settings';
import { describeDatabase, openDatabase, pendingMigrations } from '../database/migrate';
import { sqliteFileExists } from '../database/sqlite-file';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
}

/** A certificate this close to its end is worth a warning. */
const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

function tlsCheck(config: CasConfig): Check {
  const name = 'tls';
  if (!config.tls) {
    if (config.trustedProxies.length === 0) {
      return {
        name,
        status: 'warn',
        detail:
          'plain http and no CAS_TRUSTED_PROXIES: set TLS_CERT_FILE/TLS_KEY_FILE, or put a TLS-terminating proxy in front and list it in CAS_TRUSTED_PROXIES',
      };
    }
    return { name, status: 'ok', detail: `plain http behind trusted proxies ${config.trustedProxies.join(', ')}` };
  }
  try {
    // Refuses a key that does not belong to the certificate.
    createSecureContext({ cert: config.tls.cert, key: config.tls.key });
    const cert = new X509Certificate(config.tls.cert);
    const left = Date.parse(cert.validTo) - Date.now();
    const what = `${config.tls.certFile}: ${cert.subject.replace(/\n/g, ', ')}, valid until ${cert.validTo}`;
    if (left <= 0) return { name, status: 'fail', detail: `${what}: expired` };
    if (Date.parse(cert.validFrom) > Date.now()) return { name, status: 'fail', detail: `${what}: not valid yet` };
    if (left < EXPIRY_WARNING_DAYS * DAY_MS) return { name, status: 'warn', detail: `${what}: expires soon` };
    return { name, status: 'ok', detail: what };
  } catch (err) {
    return {
      name,
      status: 'fail',
      detail: `${config.tls.certFile} / ${config.tls.keyFile}: ${(err as Error).message}`,
    };
  }
}

async function closeBackend(backend: AuthBackend): Promise<void> {
  const closable = backend as Partial<{ onModuleDestroy(): Promise<void> }>;
  await closable.onModuleDestroy?.();
}

const MIGRATE_HINT = 'migrations pending: run `cas migrate`';

/**
 * The source answers, as the server will use it (the local one through the database). The
 * local source needs the users table, which a database not migrated yet lacks.
 */
async function authSourceCheck(config: CasConfig, source: DataSource | undefined): Promise<Check> {
  const name = 'auth source';
  if (config.authClass === 'local' && !(source && (await hasTable(source, 'users')))) {
    return {
      name,
      status: 'warn',
      detail: `local: no users table yet (${MIGRATE_HINT}, then cas users:create <name>)`,
    };
  }
  let backend: AuthBackend | null = null;
  try {
    const users = source?.getRepository(User) ?? null;
    backend = backendFor(config, users);
    await backend.ping?.();
    if (config.authClass === 'local' && users && (await users.count()) === 0) {
      return { name, status: 'warn', detail: 'local: no users yet (cas users:create <name>)' };
    }
    return { name, status: 'ok', detail: `${backend.name}: reachable` };
  } catch (err) {
    return { name, status: 'fail', detail: `${config.authClass}: ${(err as Error).message}` };
  } finally {
    if (backend) await closeBackend(backend);
  }
}

async function hasTable(source: DataSource, table: string): Promise<boolean> {
  const runner = source.createQueryRunner();
  try {
    return await runner.hasTable(table);
  } finally {
    await runner.release();
  }
}

/** Opens the database read-only (a SQLite file that is not there is not created) and reads its schema. */
async function databaseCheck(config: CasConfig): Promise<{ check: Check; source?: DataSource }> {
  const name = 'database';
  const where = describeDatabase(config.database);
  if (config.database.type === 'sqlite' && !sqliteFileExists(config.database.path)) {
    return { check: { name, status: 'warn', detail: `${where}: not created yet, ${MIGRATE_HINT}` } };
  }
  let source: DataSource;
  try {
    source = await openDatabase(config.database, { readOnly: true, entities: [User] });
  } catch (err) {
    return { check: { name, status: 'fail', detail: (err as Error).message } };
  }
  try {
    const pending = await pendingMigrations(source);
    const check: Check =
      pending.length > 0
        ? { name, status: 'warn', detail: `${where}: ${pending.length} ${MIGRATE_HINT}` }
        : { name, status: 'ok', detail: `${where}: reachable, schema up to date` };
    return { check, source };
  } catch (err) {
    await source.destroy();
    return { check: { name, status: 'fail', detail: `${where}: ${(err as Error).message}` } };
  }
}

/**
 * `cas doctor`: checks what the server needs to start and serve, the way it will use it, and
 * says what is wrong: settings, database (and pending migrations), authentication source, TLS.
 * It reads and never writes: a fresh database stays untouched (`cas migrate` creates it).
 */
export async function doctor(
  env: Record<string, string | undefined>,
  fromDotEnv: ReadonlySet<string> = new Set(),
): Promise<Check[]> {
  let config: CasConfig;
  const known = new Set<string>();
  try {
    config = loadConfig(env, known);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [{ name: 'settings', status: 'fail', detail: err.message }];
  }
  const unknown = unknownSettings(env, known);
  const checks: Check[] =
    unknown.length > 0
      ? unknown.map((u) => ({
          name: 'settings',
          status: 'warn',
          detail: describeUnknownSetting(u, fromDotEnv.has(u.name)),
        }))
      : [{ name: 'settings', status: 'ok', detail: 'every setting is valid' }];
  checks.push(tlsCheck(config));

  const { check, source } = await databaseCheck(config);
  checks.push(check);
  try {
    checks.push(await authSourceCheck(config, source));
  } finally {
    await source?.destroy();
  }
  return checks;
}

export function formatChecks(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  return checks.map((c) => `${c.status.toUpperCase().padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}\n`).join('');
}
