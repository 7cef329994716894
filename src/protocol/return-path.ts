/**
 * Where the language switcher and notice dismissals send the browser back: only a path of this
 * server under the CAS prefix (never another host: no open redirect), else the login page.
 */
export function safeReturnPath(next: string | undefined, prefix: string): string {
  const fallback = `${prefix}/login`;
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, 'http://cas.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://cas.invalid') return fallback;
  const underPrefix = prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
  return underPrefix ? `${url.pathname}${url.search}` : fallback;
}
