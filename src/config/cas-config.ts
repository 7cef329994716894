import { availableParallelism } from 'node:os';
import {
  Attributes,
  parseAttributes,
  parseBool,
  parseInteger,
  parseJson,
  parseOptionalInteger,
  parseStringList,
} from './env-parsers';

export type AuthClass = 'local' | 'sql' | 'ldap' | 'test' | 'dummy';

export interface InfoMessage {
  message: string;
  discardable: boolean;
  type: string;
}

export type DatabaseSettings =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string };

/** Every setting of the server, typed. Names mirror the environment variables. */
export interface CasConfig {
  host: string;
  port: number;
  database: DatabaseSettings;
  databaseUrl: string;
  pathPrefix: string;
  logLevel: 'error' | 'warn' | 'info' | 'debug';

  logoUrl: string;
  faviconUrl: string;
  showPowered: boolean;
  loginTemplate: string;
  warnTemplate: string;
  loggedTemplate: string;
  logoutTemplate: string;
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
    passwordCheck: string;
    passwordCharset: string;
  };
  ldap: {
    server: string;
    user: string | null;
    password: string | null;
    baseDn: string | null;
    userQuery: string;
    usernameAttr: string;
    passwordAttr: string;
    passwordCheck: string;
    passwordCharset: string;
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

  ticketLen: { LT: number; ST: number; PT: number; PGT: number; PGTIOU: number };
  ticketPrefix: { LT: string; ST: string; PT: string; PGT: string; PGTIOU: string };

  federate: boolean;
  federateRememberTimeout: number;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`Invalid setting ${setting}: ${detail}`);
  }
}

export const DEFAULT_INFO_MESSAGES: Record<string, InfoMessage> = {
  cas_explained: {
    message:
      'The Central Authentication Service grants you access to most of our websites by ' +
      'authenticating only once, so you do not need to type your credentials again unless ' +
      'your session expires or you log out.',
    discardable: true,
    type: 'info',
  },
};

export const DEFAULT_TEST_ATTRIBUTES: Attributes = {
  nom: 'Nymous',
  prenom: 'Ano',
  email: 'anonymous@example.net',
  alias: ['demo1', 'demo2'],
};

const AUTH_CLASS_ALIASES: Record<string, AuthClass> = {
  local: 'local',
  django: 'local',
  'cas_server.auth.DjangoAuthUser': 'local',
  sql: 'sql',
  mysql: 'sql',
  'cas_server.auth.SqlAuthUser': 'sql',
  'cas_server.auth.MysqlAuthUser': 'sql',
  ldap: 'ldap',
  'cas_server.auth.LdapAuthUser': 'ldap',
  test: 'test',
  'cas_server.auth.TestAuthUser': 'test',
  dummy: 'dummy',
  'cas_server.auth.DummyAuthUser': 'dummy',
};

/** Auth sources that this build implements; the others are accepted names for later releases. */
const IMPLEMENTED_AUTH_CLASSES: ReadonlySet<AuthClass> = new Set<AuthClass>(['local', 'test', 'dummy']);

type Env = Record<string, string | undefined>;

class Reader {
  constructor(private readonly env: Env) {}

  read<T>(name: string, fallback: T, parse: (raw: string) => T): T {
    const raw = this.env[name];
    if (raw === undefined) return fallback;
    try {
      return parse(raw);
    } catch (err) {
      throw new ConfigError(name, (err as Error).message);
    }
  }

  str(name: string, fallback: string): string {
    return this.read(name, fallback, (raw) => raw);
  }

  nullableStr(name: string): string | null {
    return this.read<string | null>(name, null, (raw) => (raw === '' ? null : raw));
  }

  bool(name: string, fallback: boolean): boolean {
    return this.read(name, fallback, parseBool);
  }

  int(name: string, fallback: number, min: number, max?: number): number {
    return this.read(name, fallback, (raw) => parseInteger(raw, min, max));
  }
}

export function parseDatabaseUrl(url: string): DatabaseSettings {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new Error('sqlite: needs a file path, e.g. sqlite:data/cas.sqlite');
    return { type: 'sqlite', path };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error('expected mysql://user:password@host:port/database');
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (database === '') throw new Error('the MySQL URL must name a database');
    return {
      type: 'mysql',
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      username: decodeURIComponent(parsed.username) || 'root',
      password: decodeURIComponent(parsed.password),
      database,
    };
  }
  throw new Error('expected sqlite:<path> or mysql://user:password@host:port/database');
}

function parsePrefix(raw: string): string {
  if (!/^[A-Za-z0-9]{1,16}$/.test(raw)) throw new Error('a ticket prefix is 1 to 16 letters or digits');
  return raw;
}

function parsePathPrefix(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(trimmed)) {
    throw new Error('expected a URL path such as /cas');
  }
  return trimmed;
}

function parseInfoMessages(raw: string): Record<string, InfoMessage> {
  const value = parseJson(raw);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('expected a JSON object of message id to {message, discardable, type}');
  }
  const out: Record<string, InfoMessage> = {};
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as Partial<InfoMessage> | null;
    if (!e || typeof e.message !== 'string') throw new Error(`message "${id}" needs a "message" string`);
    out[id] = { message: e.message, discardable: e.discardable === true, type: String(e.type ?? 'info') };
  }
  return out;
}

export function loadConfig(env: Env): CasConfig {
  const r = new Reader(env);
  const databaseUrl = r.str('DATABASE_URL', 'sqlite:data/cas.sqlite');
  const database = r.read('DATABASE_URL', parseDatabaseUrl('sqlite:data/cas.sqlite'), parseDatabaseUrl);

  const authClass = r.read<AuthClass>('CAS_AUTH_CLASS', 'local', (raw) => {
    const value = AUTH_CLASS_ALIASES[raw.trim()];
    if (!value) throw new Error(`expected one of local, sql, mysql, ldap, test, dummy; got "${raw}"`);
    if (!IMPLEMENTED_AUTH_CLASSES.has(value)) {
      throw new Error(`"${raw}" is not available in this release (available: local, test, dummy)`);
    }
    return value;
  });

  const ticketLenDefault = r.int('CAS_TICKET_LEN', 64, 32, 256);
  const prefix = {
    LT: r.read('CAS_LOGIN_TICKET_PREFIX', 'LT', parsePrefix),
    ST: r.read('CAS_SERVICE_TICKET_PREFIX', 'ST', parsePrefix),
    PT: r.read('CAS_PROXY_TICKET_PREFIX', 'PT', parsePrefix),
    PGT: r.read('CAS_PROXY_GRANTING_TICKET_PREFIX', 'PGT', parsePrefix),
    PGTIOU: r.read('CAS_PROXY_GRANTING_TICKET_IOU_PREFIX', 'PGTIOU', parsePrefix),
  };
  if (new Set([prefix.ST, prefix.PT, prefix.PGT, prefix.PGTIOU, prefix.LT]).size !== 5) {
    throw new ConfigError('CAS_SERVICE_TICKET_PREFIX', 'the five ticket prefixes must differ');
  }
  // 22 characters of a 62-letter alphabet carry more than 128 bits of randomness.
  const lenFor = (name: string, p: string): number => r.int(name, ticketLenDefault, p.length + 1 + 22, 256);

  const logLevel = r.read<CasConfig['logLevel']>('CAS_LOG_LEVEL', 'info', (raw) => {
    const v = raw.trim().toLowerCase();
    if (v === 'error' || v === 'warn' || v === 'info' || v === 'debug') return v;
    throw new Error('expected error, warn, info or debug');
  });

  return {
    host: r.str('HOST', '127.0.0.1'),
    port: r.int('PORT', 8080, 0, 65535),
    database,
    databaseUrl,
    pathPrefix: r.read('CAS_PATH_PREFIX', '/cas', parsePathPrefix),
    logLevel,

    logoUrl: r.str('CAS_LOGO_URL', ''),
    faviconUrl: r.str('CAS_FAVICON_URL', ''),
    showPowered: r.bool('CAS_SHOW_POWERED', true),
    loginTemplate: r.str('CAS_LOGIN_TEMPLATE', 'login'),
    warnTemplate: r.str('CAS_WARN_TEMPLATE', 'warn'),
    loggedTemplate: r.str('CAS_LOGGED_TEMPLATE', 'logged'),
    logoutTemplate: r.str('CAS_LOGOUT_TEMPLATE', 'logout'),
    redirectToLoginAfterLogout: r.bool('CAS_REDIRECT_TO_LOGIN_AFTER_LOGOUT', false),
    showServiceMessages: r.bool('CAS_SHOW_SERVICE_MESSAGES', true),
    infoMessages: r.read('CAS_INFO_MESSAGES', DEFAULT_INFO_MESSAGES, parseInfoMessages),
    infoMessagesOrder: r.read('CAS_INFO_MESSAGES_ORDER', [], parseStringList),
    enableAjaxAuth: r.bool('CAS_ENABLE_AJAX_AUTH', false),

    authClass,
    authSharedSecret: r.str('CAS_AUTH_SHARED_SECRET', ''),
    testUser: r.str('CAS_TEST_USER', 'test'),
    testPassword: r.str('CAS_TEST_PASSWORD', 'test'),
    testAttributes: r.read('CAS_TEST_ATTRIBUTES', DEFAULT_TEST_ATTRIBUTES, parseAttributes),
    bcryptRounds: r.int('CAS_BCRYPT_ROUNDS', 11, 4, 15),
    passwordWorkers: r.int('CAS_PASSWORD_WORKERS', availableParallelism(), 0, 64),

    sql: {
      host: r.str('CAS_SQL_HOST', 'localhost'),
      username: r.str('CAS_SQL_USERNAME', ''),
      password: r.str('CAS_SQL_PASSWORD', ''),
      dbname: r.str('CAS_SQL_DBNAME', ''),
      dbcharset: r.str('CAS_SQL_DBCHARSET', 'utf8'),
      userQuery: r.str(
        'CAS_SQL_USER_QUERY',
        'SELECT user AS username, pass AS password, users.* FROM users WHERE user = %s',
      ),
      passwordCheck: r.str('CAS_SQL_PASSWORD_CHECK', 'crypt'),
      passwordCharset: r.str('CAS_SQL_PASSWORD_CHARSET', 'utf-8'),
    },
    ldap: {
      server: r.str('CAS_LDAP_SERVER', 'localhost'),
      user: r.nullableStr('CAS_LDAP_USER'),
      password: r.nullableStr('CAS_LDAP_PASSWORD'),
      baseDn: r.nullableStr('CAS_LDAP_BASE_DN'),
      userQuery: r.str('CAS_LDAP_USER_QUERY', '(uid=%(username)s)'),
      usernameAttr: r.str('CAS_LDAP_USERNAME_ATTR', 'uid'),
      passwordAttr: r.str('CAS_LDAP_PASSWORD_ATTR', 'userPassword'),
      passwordCheck: r.str('CAS_LDAP_PASSWORD_CHECK', 'ldap'),
      passwordCharset: r.str('CAS_LDAP_PASSWORD_CHARSET', 'utf-8'),
      attrsView: r.int('CAS_LDAP_ATTRS_VIEW', 0, 0, 1),
    },

    proxyCaCertificatePath: r.read<boolean | string>('CAS_PROXY_CA_CERTIFICATE_PATH', true, (raw) => {
      const word = raw.trim().toLowerCase();
      if (word === 'true' || word === '1') return true;
      if (word === 'false' || word === '0') return false;
      if (raw.trim() === '') throw new Error('expected true, false or a path to a CA bundle');
      return raw.trim();
    }),
    proxyAllowHttpLoopback: r.bool('CAS_PROXY_ALLOW_HTTP_LOOPBACK', true),
    sloMaxParallelRequests: r.int('CAS_SLO_MAX_PARALLEL_REQUESTS', 10, 1, 1000),
    sloTimeout: r.int('CAS_SLO_TIMEOUT', 5, 1, 300),

    tgtValidity: r.read('CAS_TGT_VALIDITY', null, (raw) => parseOptionalInteger(raw, 1)),
    sessionCookieAge: r.int('SESSION_COOKIE_AGE', 1209600, 1),
    ticketValidity: r.int('CAS_TICKET_VALIDITY', 60, 1, 86400),
    pgtValidity: r.int('CAS_PGT_VALIDITY', 3600, 1),
    ticketTimeout: r.int('CAS_TICKET_TIMEOUT', 86400, 1),
    loginTicketValidity: r.int('CAS_LOGIN_TICKET_VALIDITY', 7200, 10),
    maxServiceUrlLength: r.int('CAS_MAX_SERVICE_URL_LENGTH', 4096, 64, 65536),

    ticketLen: {
      LT: lenFor('CAS_LT_LEN', prefix.LT),
      ST: lenFor('CAS_ST_LEN', prefix.ST),
      PT: lenFor('CAS_PT_LEN', prefix.PT),
      PGT: lenFor('CAS_PGT_LEN', prefix.PGT),
      PGTIOU: lenFor('CAS_PGTIOU_LEN', prefix.PGTIOU),
    },
    ticketPrefix: prefix,

    federate: r.read('CAS_FEDERATE', false, (raw) => {
      if (parseBool(raw)) throw new Error('federation is not available in this release');
      return false;
    }),
    federateRememberTimeout: r.int('CAS_FEDERATE_REMEMBER_TIMEOUT', 604800, 0),
  };
}
