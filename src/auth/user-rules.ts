/**
 * What a local user's name and password must be, whoever sets them (CLI or admin API).
 * Each function returns null when the value is acceptable, else the problem in words.
 */

/** bcrypt hashes only the first 72 bytes of a password and silently ignores the rest. */
export const MAX_PASSWORD_BYTES = 72;
export const MAX_USERNAME_LENGTH = 255;

/** No control characters anywhere, no space at either end (the login form trims neither). */
const USERNAME_SHAPE = /^[^\s\p{C}](?:[^\p{C}]*[^\s\p{C}])?$/u;

export function passwordProblem(password: string): string | null {
  if (password.length === 0) return 'must not be empty';
  // Bytes, not characters: "é" is 2 bytes in UTF-8, an emoji 4, and bcrypt counts bytes.
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    return `must be at most ${MAX_PASSWORD_BYTES} bytes in UTF-8 (bcrypt ignores the rest)`;
  }
  return null;
}

export function usernameProblem(username: string): string | null {
  if (username.length === 0) return 'must not be empty';
  // Characters as the database counts them (code points), not JavaScript's UTF-16 units.
  if ([...username].length > MAX_USERNAME_LENGTH) return `must be at most ${MAX_USERNAME_LENGTH} characters`;
  if (!USERNAME_SHAPE.test(username)) return 'must not have control characters or surrounding spaces';
  return null;
}
