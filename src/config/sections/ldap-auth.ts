import type { Reader } from '../env-reader';
import {
  parsePasswordCharset,
  parsePasswordCheckMethod,
  type PasswordCharset,
  type PasswordCheckMethod,
} from './password-settings';

/** CAS_AUTH_CLASS=ldap: a directory (src/auth/backends/ldap.backend.ts). */
export interface LdapAuthSettings {
  server: string;
  startTls: boolean;
  caFile: string;
  user: string | null;
  password: string | null;
  baseDn: string | null;
  /** A filter template: `%(username)s` (or `%s`) for the username, `%%` for a percent sign. */
  userQuery: string;
  usernameAttr: string;
  passwordAttr: string;
  passwordCheck: PasswordCheckMethod | 'bind';
  passwordCharset: PasswordCharset;
  attrsView: number;
}

export interface LdapAuthSection {
  ldap: LdapAuthSettings;
}

/** The placeholders of CAS_LDAP_USER_QUERY; `%s` is django-cas-server's older spelling. */
export const LDAP_QUERY_PLACEHOLDERS = /%\(username\)s|%s|%%|%/g;

/** Throws when the template has no username placeholder or a stray `%`. */
export function checkUserQueryTemplate(template: string): void {
  let placeholders = 0;
  for (const m of template.matchAll(LDAP_QUERY_PLACEHOLDERS)) {
    if (m[0] === '%') throw new Error('a lone "%" must be written "%%"');
    if (m[0] !== '%%') placeholders++;
  }
  if (placeholders === 0) throw new Error('the query needs a %(username)s placeholder, e.g. (uid=%(username)s)');
}

/** ldap://host[:port], ldaps://host[:port], or a bare host name (django-cas-server's default). */
export function parseLdapServer(raw: string): string {
  const text = raw.trim();
  const url = /^ldaps?:\/\//i.test(text) ? text : `ldap://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('expected ldap://host[:port] or ldaps://host[:port]');
  }
  if (!parsed.hostname || (parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search) {
    throw new Error('expected ldap://host[:port] or ldaps://host[:port], without a path');
  }
  return `${parsed.protocol}//${parsed.host}`;
}

export function readLdapAuthSection(r: Reader): LdapAuthSection {
  return {
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
  };
}
