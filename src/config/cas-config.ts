import { Reader, type Env } from './env-reader';
import { readAdminSection, type AdminSection } from './sections/admin';
import { readAuthSection, type AuthSection } from './sections/auth';
import { readDatabaseSection, type DatabaseSection } from './sections/database';
import { checkFederationSettings } from './sections/federation';
import { readInfoMessagesSection, type InfoMessagesSection } from './sections/info-messages';
import { readLdapAuthSection, type LdapAuthSection } from './sections/ldap-auth';
import { readLoggingSection, type LoggingSection } from './sections/logging';
import { readMetricsSection, type MetricsSection } from './sections/metrics';
import { readPagesSection, type PagesSection } from './sections/pages';
import { readSchedulerSection, type SchedulerSection } from './sections/scheduler';
import { readServerSection, type ServerSection } from './sections/server';
import { readServicesSection, type ServicesSection } from './sections/services';
import { readSessionsSection, type SessionsSection } from './sections/sessions';
import { readSingleLogoutSection, type SingleLogoutSection } from './sections/single-logout';
import { readSqlAuthSection, type SqlAuthSection } from './sections/sql-auth';
import { readTemplatesSection, type TemplatesSection } from './sections/templates';
import { readThrottleSection, type ThrottleSection } from './sections/throttle';
import { readTicketsSection, type TicketsSection } from './sections/tickets';
import { readTlsFiles, type TlsCredentials, type TlsFiles } from './sections/tls';
import { resolveStartupFiles } from './startup-files';

export { ConfigError } from './env-reader';
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

/** The settings of every concern but TLS, whose files are read at start. */
type Sections = ServerSection &
  LoggingSection &
  MetricsSection &
  AdminSection &
  DatabaseSection &
  PagesSection &
  TemplatesSection &
  InfoMessagesSection &
  AuthSection &
  SqlAuthSection &
  LdapAuthSection &
  ServicesSection &
  SingleLogoutSection &
  SessionsSection &
  TicketsSection &
  ThrottleSection &
  SchedulerSection;

/** The settings as parsed from the environment, before the files they name are read. */
export type ParsedSettings = Sections & { tls: TlsFiles | null };

/**
 * Every setting of the server, typed, each concern's slice from its file of sections/. Names
 * mirror the environment variables; every duration is in milliseconds (fields ending in Ms).
 */
export type CasConfig = Sections & { tls: TlsCredentials | null };

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
