/**
 * Password checks for the SQL and LDAP sources (CAS_SQL_PASSWORD_CHECK, CAS_LDAP_PASSWORD_CHECK),
 * the same methods as django-cas-server. Pure: no I/O, no framework. A stored value that cannot
 * be read is a failed check with a reason for the log, never an exception.
 */
import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import md5crypt from 'apache-md5';
import desCrypt from 'unix-crypt-td-js';
import { encrypt as shaCrypt } from 'unixcrypt';
import { constantTimeEqualBytes, constantTimeEquals } from '../common/constant-time';
import type { PasswordCharset, PasswordCheckMethod } from '../config/cas-config';

export interface PasswordCheckResult {
  match: boolean;
  /** Why the stored value could not be checked (malformed or unsupported); for the log only. */
  problem?: string;
}

const NO_MATCH: PasswordCheckResult = { match: false };
const problem = (text: string): PasswordCheckResult => ({ match: false, problem: text });

/** The password's bytes in the charset, or null when it has characters the charset lacks. */
export function encodePassword(password: string, charset: PasswordCharset): Buffer | null {
  if (charset === 'utf-8') return Buffer.from(password, 'utf8');
  const max = charset === 'ascii' ? 0x7f : 0xff;
  for (let i = 0; i < password.length; i++) if (password.charCodeAt(i) > max) return null;
  return Buffer.from(password, 'latin1');
}

/**
 * Does `password` match `stored` under `method`? The stored value may be a string or raw bytes
 * (binary SQL columns).
 */
export async function checkPassword(
  method: PasswordCheckMethod,
  password: string,
  stored: string | Uint8Array | null | undefined,
  charset: PasswordCharset,
): Promise<PasswordCheckResult> {
  if (stored === null || stored === undefined || stored.length === 0) return problem('no stored password');
  // An empty password never logs anyone in, whatever the stored value says.
  if (password === '') return NO_MATCH;
  const bytes = encodePassword(password, charset);
  if (!bytes) return NO_MATCH;
  if (method === 'plain') {
    const storedBytes = typeof stored === 'string' ? encodePassword(stored, charset) : stored;
    return { match: storedBytes !== null && constantTimeEqualBytes(bytes, storedBytes) };
  }
  const text = typeof stored === 'string' ? stored : Buffer.from(stored).toString('latin1');
  if (method === 'crypt') return checkCrypt(password, text);
  if (method === 'ldap') return checkLdapHash(password, bytes, text);
  return checkHex(method.slice('hex_'.length), bytes, text);
}

const HEX_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128 };

function checkHex(algorithm: string, password: Buffer, stored: string): PasswordCheckResult {
  const expected = stored.trim().toLowerCase();
  const length = HEX_LENGTHS[algorithm];
  if (!new RegExp(`^[0-9a-f]{${length}}$`).test(expected)) {
    return problem(`stored value is not a ${length}-digit hex ${algorithm} digest`);
  }
  const digest = createHash(algorithm).update(password).digest('hex');
  return { match: constantTimeEquals(digest, expected) };
}

/** RFC 2307 `{SCHEME}base64` values as OpenLDAP stores them: digest, then salt for salted ones. */
const LDAP_SCHEMES: Record<string, { algorithm: string; size: number; salted: boolean }> = {
  MD5: { algorithm: 'md5', size: 16, salted: false },
  SMD5: { algorithm: 'md5', size: 16, salted: true },
  SHA: { algorithm: 'sha1', size: 20, salted: false },
  SSHA: { algorithm: 'sha1', size: 20, salted: true },
  SHA256: { algorithm: 'sha256', size: 32, salted: false },
  SSHA256: { algorithm: 'sha256', size: 32, salted: true },
  SHA384: { algorithm: 'sha384', size: 48, salted: false },
  SSHA384: { algorithm: 'sha384', size: 48, salted: true },
  SHA512: { algorithm: 'sha512', size: 64, salted: false },
  SSHA512: { algorithm: 'sha512', size: 64, salted: true },
};

function checkLdapHash(password: string, bytes: Buffer, stored: string): Promise<PasswordCheckResult> {
  const m = /^\{([A-Za-z0-9]+)\}([\s\S]*)$/.exec(stored);
  if (!m) return Promise.resolve(problem('stored value has no {SCHEME} prefix'));
  const scheme = m[1].toUpperCase();
  if (scheme === 'CRYPT') return checkCrypt(password, m[2]);
  const spec = LDAP_SCHEMES[scheme];
  if (!spec) return Promise.resolve(problem(`unsupported LDAP password scheme {${m[1]}}`));
  const encoded = m[2].trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    return Promise.resolve(problem(`{${scheme}} value is not base64`));
  }
  const raw = Buffer.from(encoded, 'base64');
  if (spec.salted ? raw.length <= spec.size : raw.length !== spec.size) {
    return Promise.resolve(problem(`{${scheme}} value has the wrong length (${raw.length} bytes)`));
  }
  const salt = raw.subarray(spec.size);
  const digest = createHash(spec.algorithm).update(bytes).update(salt).digest();
  return Promise.resolve({ match: constantTimeEqualBytes(digest, raw.subarray(0, spec.size)) });
}

const B64 = '[./0-9A-Za-z]';
const BCRYPT = /^\$2[aby]\$(\d\d)\$[./0-9A-Za-z]{53}$/;
const MD5_CRYPT = new RegExp(`^\\$1\\$(${B64}{0,8})\\$${B64}{22}$`);
const SHA_CRYPT = new RegExp(`^\\$([56])\\$(?:rounds=(\\d{1,9})\\$)?${B64}{0,16}\\$(${B64}+)$`);
const DES_CRYPT = new RegExp(`^${B64}{13}$`);
/** sha-crypt runs on the event loop: refuse round counts that would stall every other request. */
const KNOWN_CRYPT_IDS = new Set(['1', '5', '6', '2a', '2b', '2y']);
export const MAX_SHA_CRYPT_ROUNDS = 1_000_000;

/**
 * crypt(3) hashes. Passwords are hashed as UTF-8, like Python 3's crypt module (and so
 * django-cas-server) does, whatever the charset setting.
 */
async function checkCrypt(password: string, stored: string): Promise<PasswordCheckResult> {
  try {
    const bcryptMatch = BCRYPT.exec(stored);
    if (bcryptMatch) {
      const cost = Number(bcryptMatch[1]);
      if (cost < 4 || cost > 31) return problem(`bcrypt cost ${cost} is out of range`);
      return { match: await bcrypt.compare(password, stored) };
    }
    // The MD5 and DES libraries hash each character's low byte: hand them the UTF-8 bytes.
    const utf8Bytes = Buffer.from(password, 'utf8').toString('latin1');
    const md5 = MD5_CRYPT.exec(stored);
    if (md5) return { match: constantTimeEquals(md5crypt(utf8Bytes, `$1$${md5[1]}$`), stored) };
    const sha = SHA_CRYPT.exec(stored);
    if (sha) {
      const digestLength = sha[1] === '5' ? 43 : 86;
      if (sha[3].length !== digestLength) return problem(`$${sha[1]}$ hash has the wrong length`);
      if (sha[2] !== undefined && Number(sha[2]) > MAX_SHA_CRYPT_ROUNDS) {
        return problem(`$${sha[1]}$ hash asks for ${sha[2]} rounds, more than ${MAX_SHA_CRYPT_ROUNDS}`);
      }
      const setting = stored.slice(0, stored.length - digestLength - 1);
      return { match: constantTimeEquals(shaCrypt(password, setting), stored) };
    }
    if (DES_CRYPT.test(stored)) {
      return { match: constantTimeEquals(desCrypt(utf8Bytes, stored.slice(0, 2)), stored) };
    }
  } catch (err) {
    return problem(`crypt hash could not be checked: ${(err as Error).message}`);
  }
  const id = /^\$([^$]*)\$/.exec(stored)?.[1];
  if (id === undefined) return problem('stored value is not a crypt(3) hash');
  return problem(KNOWN_CRYPT_IDS.has(id) ? `malformed $${id}$ hash` : `unsupported crypt format $${id}$`);
}
