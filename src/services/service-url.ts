/**
 * Service URL handling: how a ticket is appended to the URL a service gave, and how the
 * service given at validation is compared with the one recorded at issuance.
 */

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
 * The form in which two service identifiers are compared (T-40, T-41): the fragment is
 * ignored and the comparison is case-insensitive; nothing else is normalised (a trailing
 * slash, the host and the query all count).
 */
export function comparableService(service: string): string {
  const hashAt = service.indexOf('#');
  const withoutFragment = hashAt === -1 ? service : service.slice(0, hashAt);
  return withoutFragment.toLowerCase();
}

export function sameService(issuedFor: string, presented: string): boolean {
  return comparableService(issuedFor) === comparableService(presented);
}

/**
 * Whether a browser may be sent to this URL (redirect, link, form action): http or https with
 * a host, nothing else. A `javascript:` or `data:` URL that a too-broad pattern happens to
 * match must never end up in a Location header or an href.
 */
export function isBrowserUrl(url: string): boolean {
  if (!/^https?:\/\/[^/\\\s]/i.test(url)) return false;
  try {
    return new URL(url).host !== '';
  } catch {
    return false;
  }
}
