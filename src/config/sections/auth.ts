import { availableParallelism } from 'node:os';
import type { Attributes } from '../../common/attributes';
import { parseAttributes } from '../env-parsers';
import type { Reader } from '../env-reader';

/** The user sources of CAS_AUTH_CLASS. */
export type AuthClass = 'local' | 'sql' | 'ldap' | 'test' | 'dummy';

/** The names CAS_AUTH_CLASS accepts, django-cas-server's class paths included. */
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

const DEFAULT_TEST_ATTRIBUTES: Attributes = {
  nom: 'Nymous',
  prenom: 'Ano',
  email: 'anonymous@example.net',
  alias: ['demo1', 'demo2'],
};

/** Bounds on a user's attributes at login (src/auth/attribute-limits.ts). */
export interface AttributeLimits {
  /** Longest value kept, in characters (CAS_MAX_ATTRIBUTE_VALUE_LENGTH). */
  maxValueLength: number;
  /** Most characters of names and values a user may have in all (CAS_MAX_ATTRIBUTES_TOTAL_LENGTH). */
  maxTotalLength: number;
}

export interface AuthSection {
  authClass: AuthClass;
  /** The secret of the /auth endpoint ('' = the endpoint is off). */
  authSharedSecret: string;
  testUser: string;
  testPassword: string;
  testAttributes: Attributes;
  bcryptRounds: number;
  /** Worker threads that hash and check passwords (0: on the main thread). */
  passwordWorkers: number;
  attributeLimits: AttributeLimits;
}

function parseAuthClass(raw: string): AuthClass {
  const value = AUTH_CLASS_ALIASES[raw.trim()];
  if (!value) throw new Error(`expected one of local, sql, mysql, ldap, test, dummy; got "${raw}"`);
  return value;
}

export function readAuthSection(r: Reader): AuthSection {
  return {
    authClass: r.read('CAS_AUTH_CLASS', 'local', parseAuthClass),
    authSharedSecret: r.str('CAS_AUTH_SHARED_SECRET', ''),
    testUser: r.str('CAS_TEST_USER', 'test'),
    testPassword: r.str('CAS_TEST_PASSWORD', 'test'),
    testAttributes: r.read('CAS_TEST_ATTRIBUTES', DEFAULT_TEST_ATTRIBUTES, parseAttributes),
    bcryptRounds: r.int('CAS_BCRYPT_ROUNDS', 11, 4, 15),
    passwordWorkers: r.int('CAS_PASSWORD_WORKERS', availableParallelism(), 0, 64),
    attributeLimits: {
      maxValueLength: r.int('CAS_MAX_ATTRIBUTE_VALUE_LENGTH', 4096, 64, 1_048_576),
      // The attribute columns hold 16 MiB on MySQL (mediumtext): 4 million characters of up to 4 bytes.
      maxTotalLength: r.int('CAS_MAX_ATTRIBUTES_TOTAL_LENGTH', 262_144, 1024, 4_000_000),
    },
  };
}
