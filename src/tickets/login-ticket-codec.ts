import { createHmac } from 'node:crypto';
import { constantTimeEquals } from '../common/constant-time';
import { randomAlphanumeric } from '../common/random';

/**
 * Self-verifying login tickets and pre-session cookie values, signed with a server key
 * (HMAC-SHA256 cut to 128 bits, in hex so that both stay `[A-Za-z0-9]`):
 * - pre-session cookie: 32 random characters, then their signature;
 * - login ticket: `PREFIX-` nonce, expiry (seconds since the epoch, base 36, 7 characters),
 *   then the signature of the prefix, nonce, expiry and the cookie it was shown with.
 * Nothing is stored to issue either; a forged, altered, expired or foreign one fails the check.
 */
const MAC_CHARS = 32;
const EXPIRY_CHARS = 7;
const BROWSER_RANDOM = 32;
/** The random part of a ticket is also its key once spent: wide enough never to repeat. */
export const MIN_NONCE_CHARS = 16;

function sign(key: Buffer, parts: string[]): string {
  return createHmac('sha256', key).update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, MAC_CHARS);
}

export function newBrowserId(key: Buffer): string {
  const random = randomAlphanumeric(BROWSER_RANDOM);
  return random + sign(key, ['browser', random]);
}

/** True for a pre-session cookie value this server (or a sibling process) issued. */
export function isIssuedBrowserId(key: Buffer, value: string | undefined): value is string {
  if (value === undefined || !/^[A-Za-z0-9]{32}[0-9a-f]{32}$/.test(value)) return false;
  return constantTimeEquals(value.slice(BROWSER_RANDOM), sign(key, ['browser', value.slice(0, BROWSER_RANDOM)]));
}

/** A ticket of `length` characters where that leaves room for its parts, longer otherwise. */
export function issueLoginTicket(
  key: Buffer,
  browser: string,
  prefix: string,
  length: number,
  expiresAt: number,
): string {
  const nonceChars = Math.max(MIN_NONCE_CHARS, length - prefix.length - 1 - EXPIRY_CHARS - MAC_CHARS);
  const nonce = randomAlphanumeric(nonceChars);
  const expiry = Math.ceil(expiresAt / 1000)
    .toString(36)
    .padStart(EXPIRY_CHARS, '0');
  return `${prefix}-${nonce}${expiry}${sign(key, ['lt', prefix, nonce, expiry, browser])}`;
}

export interface CheckedLoginTicket {
  nonce: string;
  expiresAt: number;
}

/** The ticket's nonce and expiry if it is genuine, live and was shown with this cookie. */
export function checkLoginTicket(
  key: Buffer,
  ticket: string,
  browser: string,
  prefix: string,
  now: number,
): CheckedLoginTicket | null {
  if (!ticket.startsWith(`${prefix}-`)) return null;
  const body = ticket.slice(prefix.length + 1);
  if (body.length < MIN_NONCE_CHARS + EXPIRY_CHARS + MAC_CHARS || !/^[A-Za-z0-9]+$/.test(body)) return null;
  const nonce = body.slice(0, -(EXPIRY_CHARS + MAC_CHARS));
  const expiry = body.slice(nonce.length, -MAC_CHARS);
  const mac = body.slice(-MAC_CHARS);
  if (!constantTimeEquals(mac, sign(key, ['lt', prefix, nonce, expiry, browser]))) return null;
  const expiresAt = parseInt(expiry, 36) * 1000;
  return expiresAt > now ? { nonce, expiresAt } : null;
}
