import type { AttributeLimits } from '../auth/attribute-limits';
import type { PasswordCharset, PasswordCheckMethod } from '../auth/password-check';
import type { ThrottleSettings } from '../throttling/throttle-policy';
import type { Attributes } from './env-parsers';

/** The shape of the typed settings (built by loadConfig in cas-config.ts). */

export type AuthClass = 'local' | 'sql' | 'ldap' | 'test' | 'dummy';

export interface InfoMessage {
  /** The text shown when no translation fits the page language. */
  message: string;
  /** Texts by language tag (`fr`, `pt-BR`...), from a `message` given as an object. */
  translations: Record<string, string>;
  discardable: boolean;
  type: string;
}

export type DatabaseSettings =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string };

/**
 * The JSON admin API: on or off, and where it listens. `listen` null = on the main listener;
 * otherwise a second listener serves the admin API and the main one does not.
 */
export interface AdminApiSettings {
  enabled: boolean;
  listen: { host: string; port: number } | null;
  /** A token accepted besides those of `cas tokens:create`, for automation; '' = none. */
  envToken: string;
}

/** Every setting of the server, typed. Names mirror the environment variables. */
export interface CasConfig {
  host: string;
  port: number;
  /** Serve https directly with these PEM files (TLS_CERT_FILE / TLS_KEY_FILE). */
  tls: { cert: Buffer; key: Buffer; certFile: string; keyFile: string } | null;
  /** Addresses or CIDR ranges whose X-Forwarded-For/-Proto/-Host headers are believed. */
  trustedProxies: string[];
  database: DatabaseSettings;
  databaseUrl: string;
  pathPrefix: string;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** json (one object a line), pretty (for people), or auto: pretty when stdout is a terminal. */
  logFormat: 'json' | 'pretty' | 'auto';
  /** One log line per answered request (CAS_ACCESS_LOG). */
  accessLog: boolean;
  /** Processes started on this machine by the cluster module (CAS_WORKERS). */
  workers: number;
  /** Prometheus metrics at /metrics; a non-empty token must come as `Authorization: Bearer`. */
  metrics: { enabled: boolean; token: string };

  admin: AdminApiSettings;

  /** The organisation's name in the page header and titles ('' = the translated default). */
  siteName: string;
  /** A folder whose files are served under the static URL before ours ('' = none). */
  staticDir: string;
  logoUrl: string;
  faviconUrl: string;
  showPowered: boolean;
  loginTemplate: string;
  warnTemplate: string;
  loggedTemplate: string;
  logoutTemplate: string;
  /** A folder whose pages and partials/ replace the built-in ones of views/ by name ('' = none). */
  templatesDir: string;
  redirectToLoginAfterLogout: boolean;
  showServiceMessages: boolean;
  infoMessages: Record<string, InfoMessage>;
  infoMessagesOrder: string[];
  enableAjaxAuth: boolean;

  authClass: AuthClass;
  authSharedSecret: string;
  testUser: string;
  testPassword: string;
  testAttributes: Attributes;
  bcryptRounds: number;
  /** Worker threads that hash and check passwords (0: on the main thread). */
  passwordWorkers: number;

  sql: {
    host: string;
    username: string;
    password: string;
    dbname: string;
    dbcharset: string;
    userQuery: string;
    passwordCheck: PasswordCheckMethod;
    passwordCharset: PasswordCharset;
  };
  ldap: {
    server: string;
    startTls: boolean;
    caFile: string;
    user: string | null;
    password: string | null;
    baseDn: string | null;
    userQuery: string;
    usernameAttr: string;
    passwordAttr: string;
    passwordCheck: PasswordCheckMethod | 'bind';
    passwordCharset: PasswordCharset;
    attrsView: number;
  };

  proxyCaCertificatePath: boolean | string;
  proxyAllowHttpLoopback: boolean;
  sloMaxParallelRequests: number;
  sloTimeout: number;

  tgtValidity: number | null;
  sessionCookieAge: number;
  ticketValidity: number;
  pgtValidity: number;
  ticketTimeout: number;
  loginTicketValidity: number;
  maxServiceUrlLength: number;
  /** Bounds on a user's attributes at login (src/auth/attribute-limits.ts). */
  attributeLimits: AttributeLimits;

  ticketLen: { LT: number; ST: number; PT: number; PGT: number; PGTIOU: number };
  ticketPrefix: { LT: string; ST: string; PT: string; PGT: string; PGTIOU: string };

  federate: boolean;
  federateRememberTimeout: number;

  /** Brute-force protection of the login form and /auth. */
  throttle: ThrottleSettings;

  scheduler: boolean;
  cleanupInterval: number;
  cleanupBatchSize: number;
}
