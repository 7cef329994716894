/**
 * A small cookie-keeping HTTP client that plays the browser: it never follows redirects by
 * itself, so tests see every 302 and where it points.
 */
export interface Page {
  status: number;
  headers: Headers;
  body: string;
  location: string | null;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Page> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(res.headers);
    return { status: res.status, headers: res.headers, body: await res.text(), location: res.headers.get('location') };
  }

  get(url: string): Promise<Page> {
    return this.request(url);
  }

  post(url: string, form: Record<string, string>): Promise<Page> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }
}

/** An attribute of a tag, quoted with " or ' (the hidden fields use single quotes). */
function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The hidden and visible input values of the first form on a page. */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const tag = m[0];
    const name = attribute(tag, 'name');
    const value = attribute(tag, 'value') ?? '';
    const type = attribute(tag, 'type');
    if (name && type !== 'checkbox') fields[name] = decodeEntities(value);
  }
  return fields;
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Logs in through the form, as a person would; returns the final answer of the POST. */
export async function login(
  browser: Browser,
  loginUrl: string,
  username: string,
  password: string,
  extra: Record<string, string> = {},
): Promise<Page> {
  const page = await browser.get(loginUrl);
  if (page.status !== 200) throw new Error(`login page answered ${page.status}`);
  const fields = formFields(page.body);
  const action = new URL(loginUrl);
  action.search = '';
  return browser.post(action.toString(), { ...fields, username, password, ...extra });
}

export function ticketFrom(location: string | null, param = 'ticket'): string {
  if (!location) throw new Error('no redirect');
  const value = new URL(location).searchParams.get(param);
  if (!value) throw new Error(`no ${param} in ${location}`);
  return value;
}
