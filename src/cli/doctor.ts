import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { DataSource, Repository } from 'typeorm';
import type { AuthBackend } from '../auth/auth-backend';
import { backendFor } from '../auth/auth.module';
import { User } from '../auth/user.entity';
import { ConfigError, loadConfig, type CasConfig } from '../config/cas-config';
import { describeDatabase, openDatabase } from '../database/migrate';

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

/** The source answers, as the server will use it (the local one through the database). */
async function authSourceCheck(config: CasConfig, users: Repository<User> | null): Promise<Check> {
  const name = 'auth source';
  let backend: AuthBackend | null = null;
  try {
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

/**
 * `cas doctor`: checks what the server needs to start and serve, the way it will use it, and
 * says what is wrong: settings, database (and pending migrations), authentication source, TLS.
 */
export async function doctor(env: Record<string, string | undefined>): Promise<Check[]> {
  let config: CasConfig;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [{ name: 'settings', status: 'fail', detail: err.message }];
  }
  const checks: Check[] = [{ name: 'settings', status: 'ok', detail: 'every setting is valid' }];
  checks.push(tlsCheck(config));

  const where = describeDatabase(config.database);
  let source: DataSource | undefined;
  try {
    source = await openDatabase(config.database);
  } catch (err) {
    checks.push({ name: 'database', status: 'fail', detail: (err as Error).message });
  }
  if (source) {
    const pending = await source.showMigrations();
    checks.push(
      pending
        ? {
            name: 'database',
            status: 'warn',
            detail: `${where}: migrations pending (the server applies them at start, or run cas migrate)`,
          }
        : { name: 'database', status: 'ok', detail: `${where}: reachable, schema up to date` },
    );
  }

  checks.push(await authSourceCheck(config, source?.getRepository(User) ?? null));
  await source?.destroy();
  return checks;
}

export function formatChecks(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  return checks.map((c) => `${c.status.toUpperCase().padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}\n`).join('');
}
