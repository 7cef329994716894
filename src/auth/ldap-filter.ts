/**
 * CAS_LDAP_USER_QUERY handling: a Python-style template, `(uid=%(username)s)`, into which the
 * username goes escaped per RFC 4515 so that it can only ever be an attribute value.
 */
import { LDAP_QUERY_PLACEHOLDERS } from '../config/sections/ldap-auth';

/** RFC 4515 section 3: `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The search filter for one username (the template is checked at load: config/sections/ldap-auth.ts). */
export function userFilter(template: string, username: string): string {
  const escaped = escapeFilterValue(username);
  return template.replace(LDAP_QUERY_PLACEHOLDERS, (token) => (token === '%%' ? '%' : escaped));
}
