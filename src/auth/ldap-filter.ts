/**
 * CAS_LDAP_USER_QUERY handling: a Python-style template, `(uid=%(username)s)`, into which the
 * username goes escaped per RFC 4515 so that it can only ever be an attribute value.
 */

const PLACEHOLDERS = /%\(username\)s|%s|%%|%/g;

/** RFC 4515 section 3: `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Throws when the template has no username placeholder or a stray `%`. */
export function checkUserQueryTemplate(template: string): void {
  let placeholders = 0;
  for (const m of template.matchAll(PLACEHOLDERS)) {
    if (m[0] === '%') throw new Error('a lone "%" must be written "%%"');
    if (m[0] !== '%%') placeholders++;
  }
  if (placeholders === 0) throw new Error('the query needs a %(username)s placeholder, e.g. (uid=%(username)s)');
}

/** The search filter for one username. `%s` is django-cas-server's older spelling. */
export function userFilter(template: string, username: string): string {
  const escaped = escapeFilterValue(username);
  return template.replace(PLACEHOLDERS, (token) => (token === '%%' ? '%' : escaped));
}
