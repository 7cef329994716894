import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// The largest multiple of 62 below 256: bytes at or above it are dropped so every letter is
// equally likely (no modulo bias).
const LIMIT = 248;

/** `count` characters from [A-Za-z0-9], drawn from the CSPRNG. */
export function randomAlphanumeric(count: number): string {
  let out = '';
  while (out.length < count) {
    const bytes = randomBytes(Math.ceil((count - out.length) * 1.1) + 4);
    for (const byte of bytes) {
      if (byte < LIMIT) {
        out += ALPHABET[byte % 62];
        if (out.length === count) break;
      }
    }
  }
  return out;
}
