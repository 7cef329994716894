/** A CAS client's view of the server in tests: logging in for a ticket, reading XML answers. */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { Browser, decodeEntities, ticketFrom } from './browser';

export const CAS_NS = 'http://www.yale.edu/tp/cas';

export interface CasAnswer {
  /** `authenticationSuccess`, `authenticationFailure`, `proxySuccess` or `proxyFailure`. */
  kind: string;
  code: string | null;
  text: (name: string) => string | null;
  texts: (name: string) => string[];
}

export function readCasXml(xml: string): CasAnswer {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== CAS_NS || root.localName !== 'serviceResponse') {
    throw new Error(`not a CAS answer: ${xml}`);
  }
  const child = Array.from(root.childNodes).find((n) => n.nodeType === 1) as Element;
  const texts = (name: string) =>
    Array.from(doc.getElementsByTagNameNS(CAS_NS, name)).map((e) => (e.textContent ?? '').trim());
  return {
    kind: child.localName ?? '',
    code: child.getAttribute('code'),
    text: (name) => texts(name)[0] ?? null,
    texts,
  };
}

export function q(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** The hidden inputs of the login form, whichever quotes the template uses. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}=(["'])(.*?)\\1`).exec(m[0])?.[2];
    const name = attr('name');
    if (name && attr('type') === 'hidden') fields[name] = decodeEntities(attr('value') ?? '');
  }
  return fields;
}

/**
 * Logs in through the form as `user` for `service` (a new SSO session unless the browser
 * has one) and returns the ticket the redirect carries in `param`.
 */
export async function loginForTicket(
  browser: Browser,
  loginUrl: string,
  credentials: { username: string; password: string },
  param = 'ticket',
): Promise<string> {
  const form = await browser.get(loginUrl);
  if (form.status !== 200) throw new Error(`login page answered ${form.status}`);
  const action = new URL(loginUrl);
  action.search = '';
  const page = await browser.post(action.toString(), { ...hiddenFields(form.body), ...credentials });
  return ticketFrom(page.location, param);
}
