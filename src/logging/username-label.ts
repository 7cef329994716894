import { createHmac, randomBytes } from 'node:crypto';

/**
 * How a typed username appears in the logs. People type their password in the username field
 * by mistake, so a name is logged only once it is known to name an account; any other is
 * logged as a marker, an HMAC under a key drawn at start: the same typo gives the same marker
 * for the life of the process (to follow an attack), and the marker cannot be reversed
 * (a plain hash of a password could be, by dictionary).
 */
const KEY = randomBytes(32);

/** Names seen to exist, kept as markers, the oldest forgotten first. */
const known = new Map<string, true>();
const MAX_KNOWN = 10_000;

export function usernameMarker(username: string): string {
  return `#${createHmac('sha256', KEY).update(username, 'utf8').digest('hex').slice(0, 12)}`;
}

/** Records what an authentication source said about a name (used by later throttle logs). */
export function learnAccount(username: string, exists: boolean): void {
  const marker = usernameMarker(username);
  known.delete(marker);
  if (!exists) return;
  known.set(marker, true);
  if (known.size > MAX_KNOWN) known.delete(known.keys().next().value as string);
}

/**
 * `"alice"` when the name is known to be an account (`exists`, or learnt from an earlier
 * answer of the source), `an unknown username (#…)` otherwise.
 */
export function usernameForLog(username: string, exists?: boolean): string {
  if (exists !== undefined) learnAccount(username, exists);
  return known.has(usernameMarker(username)) ? `"${username}"` : `an unknown username (${usernameMarker(username)})`;
}

/** The `user` field of a log line: the name when it is known to be an account, else its marker. */
export function usernameField(username: string): string {
  return known.has(usernameMarker(username)) ? username : usernameMarker(username);
}
