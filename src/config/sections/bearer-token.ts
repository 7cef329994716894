/** Bearer tokens are compared as given; a short one would be guessable. */
const MIN_ENV_TOKEN_LENGTH = 24;

/** A bearer token given as a setting (admin API, metrics): empty for none, else long enough. */
export function parseBearerToken(raw: string): string {
  if (raw !== '' && raw.length < MIN_ENV_TOKEN_LENGTH) {
    throw new Error(`the token must be at least ${MIN_ENV_TOKEN_LENGTH} characters long`);
  }
  return raw;
}
