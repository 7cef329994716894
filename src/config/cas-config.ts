import { Reader, type Env } from './env-reader';
import { readAdminSection } from './sections/admin';
import { readAuthSection } from './sections/auth';
import { readDatabaseSection } from './sections/database';
import { checkFederationSettings } from './sections/federation';
import { readInfoMessagesSection } from './sections/info-messages';
import { readLdapAuthSection } from './sections/ldap-auth';
import { readLoggingSection } from './sections/logging';
import { readMetricsSection } from './sections/metrics';
import { readPagesSection } from './sections/pages';
import { readSchedulerSection } from './sections/scheduler';
import { readServerSection } from './sections/server';
import { readServicesSection } from './sections/services';
import { readSessionsSection } from './sections/sessions';
import { readSingleLogoutSection } from './sections/single-logout';
import { readSqlAuthSection } from './sections/sql-auth';
import { readTemplatesSection } from './sections/templates';
import { readThrottleSection } from './sections/throttle';
import { readTicketsSection } from './sections/tickets';
import { readTlsFiles } from './sections/tls';
import type { CasConfig, ParsedSettings } from './settings';
import { resolveStartupFiles } from './startup-files';

export { ConfigError } from './env-reader';
export type { CasConfig, ParsedSettings } from './settings';
export { parseLdapServer } from './sections/ldap-auth';
export type * from './sections/admin';
export type * from './sections/auth';
export type * from './sections/database';
export type * from './sections/info-messages';
export type * from './sections/ldap-auth';
export type * from './sections/logging';
export type * from './sections/metrics';
export type * from './sections/pages';
export type * from './sections/password-settings';
export type * from './sections/scheduler';
export type * from './sections/server';
export type * from './sections/services';
export type * from './sections/sessions';
export type * from './sections/single-logout';
export type * from './sections/sql-auth';
export type * from './sections/templates';
export type * from './sections/throttle';
export type * from './sections/tickets';
export type * from './sections/tls';

/** The settings from `env`, without touching the filesystem. `seen` receives every name read. */
export function parseSettings(env: Env, seen?: Set<string>): ParsedSettings {
  const r = new Reader(env, seen);
  const settings: ParsedSettings = {
    ...readDatabaseSection(r),
    ...readAuthSection(r),
    ...readTicketsSection(r),
    ...readLoggingSection(r),
    ...readTemplatesSection(r),
    tls: readTlsFiles(r),
    ...readServerSection(r),
    ...readMetricsSection(r),
    ...readAdminSection(r),
    ...readPagesSection(r),
    ...readInfoMessagesSection(r),
    ...readSqlAuthSection(r),
    ...readLdapAuthSection(r),
    ...readServicesSection(r),
    ...readSingleLogoutSection(r),
    ...readSessionsSection(r),
    ...readThrottleSection(r),
    ...readSchedulerSection(r),
  };
  checkFederationSettings(r);
  return settings;
}

/** The settings from `env`, with the files they name read (startup-files.ts). */
export function loadConfig(env: Env, seen?: Set<string>): CasConfig {
  return resolveStartupFiles(parseSettings(env, seen));
}
