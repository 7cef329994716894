import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { TemplateFiles, viewsDir } from '../common/template-files';
import { CATALOGUES, LANGUAGES } from '../i18n/languages';
import { Attributes, parseAttributes, parseBool, parseOptionalInteger, parseStringList } from './env-parsers';
import { checkUserQueryTemplate } from '../auth/ldap-filter';
import { parsePasswordCharset, parsePasswordCheckMethod, type PasswordCheckMethod } from '../auth/password-check';
import { toBoundQuery } from '../auth/sql-query';
import { checkSqliteFolder, DEFAULT_SQLITE_PATH } from '../database/sqlite-file';
import {
  parseDatabaseUrl,
  parseDirectory,
  parseInfoMessages,
  parseLdapServer,
  parsePathPrefix,
  parsePrefix,
  parseSiteName,
} from './setting-parsers';

export { parseDatabaseUrl, parseLdapServer } from './setting-parsers';
export { ConfigError } from './env-reader';
export type * from './cas-config.types';
import type { AuthClass, CasConfig, InfoMessage } from './cas-config.types';
import { parseBearerToken, readAdminSettings } from './admin-settings';
import { ConfigError, Reader, type Env } from './env-reader';

export const DEFAULT_INFO_MESSAGES: Record<string, InfoMessage> = {
  cas_explained: {
    message: CATALOGUES.en['msg.casExplained'],
    translations: Object.fromEntries(LANGUAGES.map((l) => [l, CATALOGUES[l]['msg.casExplained']])),
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
const IMPLEMENTED_AUTH_CLASSES: ReadonlySet<AuthClass> = new Set<AuthClass>(['local', 'sql', 'ldap', 'test', 'dummy']);

/** The settings from `env`. `seen` (optional) receives the name of every setting it reads. */
export function loadConfig(env: Env, seen?: Set<string>): CasConfig {
  const r = new Reader(env, seen);
  const databaseUrl = r.str('DATABASE_URL', `sqlite:${DEFAULT_SQLITE_PATH}`);
  const database = r.read('DATABASE_URL', parseDatabaseUrl(`sqlite:${DEFAULT_SQLITE_PATH}`), (raw) => {
    const parsed = parseDatabaseUrl(raw);
    if (parsed.type === 'sqlite') checkSqliteFolder(parsed.path);
    return parsed;
  });

  const authClass = r.read<AuthClass>('CAS_AUTH_CLASS', 'local', (raw) => {
    const value = AUTH_CLASS_ALIASES[raw.trim()];
    if (!value) throw new Error(`expected one of local, sql, mysql, ldap, test, dummy; got "${raw}"`);
    if (!IMPLEMENTED_AUTH_CLASSES.has(value)) {
      throw new Error(`"${raw}" is not available in this release (available: local, sql, ldap, test, dummy)`);
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

  const templatesDir = r.read('CAS_TEMPLATES_DIR', '', (raw) => {
    const dir = parseDirectory(raw);
    new TemplateFiles(viewsDir(), dir).check();
    return dir;
  });
  const templates = new TemplateFiles(viewsDir(), templatesDir);
  const template = (name: string, fallback: string): string =>
    r.read(name, fallback, (raw) => {
      templates.read(raw);
      return raw;
    });

  const certFile = r.str('TLS_CERT_FILE', '').trim();
  const keyFile = r.str('TLS_KEY_FILE', '').trim();
  if ((certFile === '') !== (keyFile === '')) {
    throw new ConfigError(certFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE', 'TLS_CERT_FILE and TLS_KEY_FILE go together');
  }
  const readPem = (name: string, file: string): Buffer =>
    r.read(name, Buffer.alloc(0), () => {
      try {
        return readFileSync(file);
      } catch (err) {
        throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
      }
    });
  const tls = certFile
    ? { certFile, keyFile, cert: readPem('TLS_CERT_FILE', certFile), key: readPem('TLS_KEY_FILE', keyFile) }
    : null;

  return {
    host: r.str('HOST', '127.0.0.1'),
    tls,
    trustedProxies: r.read('CAS_TRUSTED_PROXIES', [], (raw) => {
      const list = parseStringList(raw);
      for (const entry of list) {
        if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry))
          throw new Error(`"${entry}" is not an IP address or CIDR range`);
      }
      return list;
    }),
    port: r.int('PORT', 8080, 0, 65535),
    database,
    databaseUrl,
    pathPrefix: r.read('CAS_PATH_PREFIX', '/cas', parsePathPrefix),
    logLevel,
    logFormat: r.read<CasConfig['logFormat']>('CAS_LOG_FORMAT', 'auto', (raw) => {
      const v = raw.trim().toLowerCase();
      if (v === 'json' || v === 'pretty' || v === 'auto') return v;
      throw new Error('expected json, pretty or auto');
    }),
    accessLog: r.bool('CAS_ACCESS_LOG', true),
    workers: r.int('CAS_WORKERS', 1, 1, 64),
    metrics: {
      enabled: r.bool('CAS_METRICS', true),
      token: r.read('CAS_METRICS_TOKEN', '', parseBearerToken),
    },

    admin: readAdminSettings(r),

    siteName: r.read('CAS_SITE_NAME', '', parseSiteName),
    staticDir: r.read('CAS_STATIC_DIR', '', parseDirectory),
    logoUrl: r.str('CAS_LOGO_URL', ''),
    faviconUrl: r.str('CAS_FAVICON_URL', ''),
    showPowered: r.bool('CAS_SHOW_POWERED', true),
    loginTemplate: template('CAS_LOGIN_TEMPLATE', 'login'),
    warnTemplate: template('CAS_WARN_TEMPLATE', 'warn'),
    loggedTemplate: template('CAS_LOGGED_TEMPLATE', 'logged'),
    logoutTemplate: template('CAS_LOGOUT_TEMPLATE', 'logout'),
    templatesDir,
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
      userQuery: r.read(
        'CAS_SQL_USER_QUERY',
        'SELECT user AS username, pass AS password, users.* FROM users WHERE user = %s',
        (raw) => {
          toBoundQuery(raw); // throws on a query that cannot be bound
          return raw;
        },
      ),
      passwordCheck: r.read('CAS_SQL_PASSWORD_CHECK', 'crypt', parsePasswordCheckMethod),
      passwordCharset: r.read('CAS_SQL_PASSWORD_CHARSET', 'utf-8', parsePasswordCharset),
    },
    ldap: {
      server: r.read('CAS_LDAP_SERVER', 'ldap://localhost', parseLdapServer),
      startTls: r.bool('CAS_LDAP_START_TLS', false),
      caFile: r.str('CAS_LDAP_CA_FILE', ''),
      user: r.nullableStr('CAS_LDAP_USER'),
      password: r.nullableStr('CAS_LDAP_PASSWORD'),
      baseDn: r.nullableStr('CAS_LDAP_BASE_DN'),
      userQuery: r.read('CAS_LDAP_USER_QUERY', '(uid=%(username)s)', (raw) => {
        checkUserQueryTemplate(raw);
        return raw;
      }),
      usernameAttr: r.str('CAS_LDAP_USERNAME_ATTR', 'uid'),
      passwordAttr: r.str('CAS_LDAP_PASSWORD_ATTR', 'userPassword'),
      passwordCheck: r.read<PasswordCheckMethod | 'bind'>('CAS_LDAP_PASSWORD_CHECK', 'ldap', (raw) =>
        raw.trim().toLowerCase() === 'bind' ? 'bind' : parsePasswordCheckMethod(raw),
      ),
      passwordCharset: r.read('CAS_LDAP_PASSWORD_CHARSET', 'utf-8', parsePasswordCharset),
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
    attributeLimits: {
      maxValueLength: r.int('CAS_MAX_ATTRIBUTE_VALUE_LENGTH', 4096, 64, 1_048_576),
      // The attribute columns hold 16 MiB on MySQL (mediumtext): 4 million characters of up to 4 bytes.
      maxTotalLength: r.int('CAS_MAX_ATTRIBUTES_TOTAL_LENGTH', 262_144, 1024, 4_000_000),
    },

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

    throttle: {
      enabled: r.bool('CAS_THROTTLE_ENABLED', true),
      maxFailures: r.int('CAS_THROTTLE_MAX_FAILURES', 3, 1, 1000),
      windowMs: r.int('CAS_THROTTLE_WINDOW', 120, 1, 86400) * 1000,
      blockMs: r.int('CAS_THROTTLE_BLOCK', 300, 1, 86400) * 1000,
      delayMs: r.int('CAS_THROTTLE_DELAY_MS', 1000, 0, 60000),
      maxDelayMs: r.int('CAS_THROTTLE_MAX_DELAY_MS', 10000, 0, 60000),
      usernameFreeFailures: r.int('CAS_THROTTLE_USERNAME_FREE_FAILURES', 10, 0, 100000),
      addressFreeFailures: r.int('CAS_THROTTLE_ADDRESS_FREE_FAILURES', 30, 0, 100000),
    },

    scheduler: r.bool('CAS_SCHEDULER', true),
    cleanupInterval: r.int('CAS_CLEANUP_INTERVAL', 60, 1, 86400),
    cleanupBatchSize: r.int('CAS_CLEANUP_BATCH_SIZE', 1000, 1, 100000),
  };
}
