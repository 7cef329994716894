/** Stands for this server while resolving a return path; never sent anywhere. */
const SELF = 'http://cas.invalid';

/**
 * Where the language switcher and notice dismissals send the browser back: only a path of this
 * server under the CAS prefix (never another host: no open redirect), else the login page.
 * Decided on the path as a browser resolves it (dot segments, `%2e`, backslashes): the answer
 * is that resolved path, and it must still start with exactly one `/`, since `//evil.com` in a
 * Location header is another host. With the prefix `/` (stored as ''), every path is under it,
 * so that last rule is all that stands between `/.//evil.com` and evil.com.
 */
export function safeReturnPath(next: string | undefined, prefix: string): string {
  const fallback = `${prefix}/login`;
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, SELF);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF) return fallback;
  const path = `${url.pathname}${url.search}`;
  if (path.startsWith('//')) return fallback;
  // What a browser makes of the answer must be this very path on this very server.
  const again = new URL(path, SELF);
  if (again.origin !== SELF || `${again.pathname}${again.search}` !== path) return fallback;
  const underPrefix = prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
  return underPrefix ? path : fallback;
}
