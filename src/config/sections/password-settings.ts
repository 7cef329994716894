/** The password checks of the SQL and LDAP sources (CAS_*_PASSWORD_CHECK, CAS_*_PASSWORD_CHARSET). */

const PASSWORD_CHECK_METHODS = [
  'plain',
  'crypt',
  'ldap',
  'hex_md5',
  'hex_sha1',
  'hex_sha224',
  'hex_sha256',
  'hex_sha384',
  'hex_sha512',
] as const;
export type PasswordCheckMethod = (typeof PASSWORD_CHECK_METHODS)[number];

/** Encodings a password can be turned into bytes with (CAS_*_PASSWORD_CHARSET). */
export type PasswordCharset = 'utf-8' | 'latin-1' | 'ascii';

const CHARSET_ALIASES: Record<string, PasswordCharset> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  'iso-8859-1': 'latin-1',
  iso8859_1: 'latin-1',
  'iso8859-1': 'latin-1',
  ascii: 'ascii',
  'us-ascii': 'ascii',
};

export function parsePasswordCheckMethod(raw: string): PasswordCheckMethod {
  const method = raw.trim().toLowerCase();
  const known = PASSWORD_CHECK_METHODS.find((m) => m === method);
  if (!known) throw new Error(`expected one of ${PASSWORD_CHECK_METHODS.join(', ')}; got "${raw}"`);
  return known;
}

export function parsePasswordCharset(raw: string): PasswordCharset {
  const charset = CHARSET_ALIASES[raw.trim().toLowerCase()];
  if (!charset) throw new Error(`expected utf-8, latin-1 (iso-8859-1) or ascii; got "${raw}"`);
  return charset;
}
