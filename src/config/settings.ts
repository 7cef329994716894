import type { AdminSection } from './sections/admin';
import type { AuthSection } from './sections/auth';
import type { DatabaseSection } from './sections/database';
import type { InfoMessagesSection } from './sections/info-messages';
import type { LdapAuthSection } from './sections/ldap-auth';
import type { LoggingSection } from './sections/logging';
import type { MetricsSection } from './sections/metrics';
import type { PagesSection } from './sections/pages';
import type { SchedulerSection } from './sections/scheduler';
import type { ServerSection } from './sections/server';
import type { ServicesSection } from './sections/services';
import type { SessionsSection } from './sections/sessions';
import type { SingleLogoutSection } from './sections/single-logout';
import type { SqlAuthSection } from './sections/sql-auth';
import type { TemplatesSection } from './sections/templates';
import type { ThrottleSection } from './sections/throttle';
import type { TicketsSection } from './sections/tickets';
import type { TlsCredentials, TlsFiles } from './sections/tls';

/** The settings of every concern but TLS, whose files are read at start. */
export type Sections = ServerSection &
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
