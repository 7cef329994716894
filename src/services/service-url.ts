/**
 * Service URL handling: the one form in which a service URL is matched, redirected to and
 * recorded; how a ticket is appended to it; and how the service given at validation is
 * compared with the one recorded at issuance.
 */

export type CanonicalService = { ok: true; url: string } | { ok: false; reason: string };

/** A canonical URL is ASCII, so this is also its size in bytes: it fits a ticket's TEXT column. */
const MAX_CANONICAL_LENGTH = 65_535;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The service URL as a browser (or an HTTP client) will understand it: its WHATWG
 * serialisation, which is what patterns are matched against, what a browser is sent to, what a
 * ticket records and what validation compares. A URL is refused when the scheme and host a
 * browser parses are not what it visibly starts with: a reader (or a pattern written for the
 * raw text) would see another host than the one the browser goes to. That covers backslashes,
 * `?` or `#` straight after the host, user names (`app.example.org@evil.com`), tabs, newlines
 * and other control characters (which WHATWG silently drops or trims), percent-encoded or
 * non-ASCII host names (decoded or IDNA-mapped by the parser) and numeric host shorthands
 * (`127.1`). An explicit default port is the one difference allowed (`:443`).
 */
export function canonicalServiceUrl(raw: string): CanonicalService {
  const refuse = (reason: string): CanonicalService => ({ ok: false, reason });
  // The parser drops tabs and newlines anywhere and trims the ends: none may hide a host.
  if (hasControlCharacter(raw)) return refuse('contains a control character (tab, newline...)');
  if (raw.trim() !== raw) return refuse('starts or ends with a space');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('is not an absolute URL');
  }
  if (url.host === '') return refuse('has no host');
  if (url.username !== '' || url.password !== '') return refuse('carries a user name or password');
  const authority = `${url.protocol}//${url.host}`;
  if (asciiLower(raw.slice(0, authority.length)) !== asciiLower(authority)) {
    return refuse(`does not start with the scheme and host it leads to (${authority})`);
  }
  const rest = raw.slice(authority.length);
  const afterPort = url.port === '' ? rest.replace(/^:\d{1,5}(?=\/|$)/, '') : rest;
  if (afterPort !== '' && !afterPort.startsWith('/')) return refuse('has something other than a path after its host');
  if (url.href.length > MAX_CANONICAL_LENGTH) return refuse('is too long');
  return { ok: true, url: url.href };
}

/**
 * The canonical URL without the `/` that WHATWG gives a URL written with no path
 * (`https://app.example.org` → `https://app.example.org/`), or null when the URL was written with
 * a path. Patterns written for the bare host (`https://app\.example\.org`, as django-cas-server
 * administrators write them) match this form; both forms lead to the same place.
 */
export function withoutAddedSlash(canonical: string, raw: string): string | null {
  const url = new URL(canonical);
  if (url.pathname !== '/') return null;
  const authority = `${url.protocol}//${url.host}`;
  // canonicalServiceUrl checked that `raw` starts with this authority, maybe with a default port.
  if (
    raw
      .slice(authority.length)
      .replace(/^:\d{1,5}/, '')
      .startsWith('/')
  )
    return null;
  return authority + canonical.slice(authority.length + 1);
}

/**
 * Appends `name=value` to the service URL, keeping the URL byte for byte otherwise: existing
 * parameters stay in order, an existing parameter of the same name is replaced, the fragment
 * stays last. Non-ASCII characters are percent-encoded as UTF-8 (a Location header is ASCII).
 */
export function appendParameter(serviceUrl: string, name: string, value: string): string {
  const hashAt = serviceUrl.indexOf('#');
  const beforeFragment = hashAt === -1 ? serviceUrl : serviceUrl.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : serviceUrl.slice(hashAt);
  const queryAt = beforeFragment.indexOf('?');
  const base = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const query = queryAt === -1 ? '' : beforeFragment.slice(queryAt + 1);

  const kept = query.split('&').filter((part) => part !== '' && decodeName(part.split('=')[0]) !== name);
  kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return encodeNonAscii(`${base}?${kept.join('&')}${fragment}`);
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Percent-encodes characters outside printable ASCII, leaving everything else untouched. */
export function encodeNonAscii(url: string): string {
  return url.replace(/[^\x21-\x7e]+/gu, (run) => encodeURIComponent(run));
}

/**
 * The form in which two service identifiers are compared (T-40, T-41): both canonical
 * (canonicalServiceUrl), the fragment ignored and case-insensitive; nothing else is normalised
 * (a trailing slash after a path, the host and the query all count). Null when the identifier
 * is no acceptable service URL: such a URL never got a ticket.
 */
export function comparableService(service: string): string | null {
  const canonical = canonicalServiceUrl(service);
  if (!canonical.ok) return null;
  const hashAt = canonical.url.indexOf('#');
  const withoutFragment = hashAt === -1 ? canonical.url : canonical.url.slice(0, hashAt);
  return withoutFragment.toLowerCase();
}

export function sameService(issuedFor: string, presented: string): boolean {
  const issued = comparableService(issuedFor);
  return issued !== null && issued === comparableService(presented);
}

/**
 * Whether a browser may be sent to this URL (redirect, link, form action): an acceptable
 * service URL (canonicalServiceUrl) over http or https, nothing else. A `javascript:` or
 * `data:` URL that a too-broad pattern happens to match must never end up in a Location header
 * or an href.
 */
export function isBrowserUrl(url: string): boolean {
  const canonical = canonicalServiceUrl(url);
  return canonical.ok && /^https?:/.test(canonical.url);
}
