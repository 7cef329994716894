/**
 * The browser between the CAS server and the real clients: keeps cookies, follows redirects as
 * a browser does and, when a page is the CAS login form, submits it with all its hidden fields.
 * It trusts only the test run's throwaway CA, so every https hop is really verified.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { decodeEntities, formFields } from '../../support/browser';

export interface Hop {
  method: string;
  url: string;
  status: number;
}

export interface Visit {
  status: number;
  url: string;
  body: string;
  /** Every request made, in order, with its answer's status. */
  hops: Hop[];
  /** Whether the CAS login form was shown on the way (a password was asked for). */
  askedForPassword: boolean;
}

interface Answer {
  status: number;
  location?: string;
  setCookie: string[];
  body: string;
}

const MAX_HOPS = 15;

export class Visitor {
  /** Cookies by name: every server here is 127.0.0.1, and browsers do not separate ports. */
  readonly cookies = new Map<string, string>();

  constructor(private readonly ca: string) {}

  /**
   * Opens a URL and follows where it leads. With credentials, the CAS login form is filled in
   * and submitted; without, the visit stops at the form (askedForPassword tells).
   */
  async open(url: string, credentials?: { username: string; password: string }): Promise<Visit> {
    const hops: Hop[] = [];
    let askedForPassword = false;
    let request: { method: 'GET' | 'POST'; url: string; form?: Record<string, string> } = { method: 'GET', url };
    for (;;) {
      if (hops.length >= MAX_HOPS) throw new Error(`more than ${MAX_HOPS} hops:\n${showHops(hops)}`);
      const answer = await this.send(request.method, request.url, request.form);
      hops.push({ method: request.method, url: request.url, status: answer.status });
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        request = { method: 'GET', url: new URL(answer.location, request.url).toString() };
        continue;
      }
      const isLoginForm = answer.status === 200 && /<input[^>]+name="password"/.test(answer.body);
      if (isLoginForm) askedForPassword = true;
      if (isLoginForm && credentials && request.method === 'GET') {
        request = {
          method: 'POST',
          url: formAction(answer.body, request.url),
          form: loginForm(answer.body, credentials),
        };
        continue;
      }
      return { status: answer.status, url: request.url, body: answer.body, hops, askedForPassword };
    }
  }

  private send(method: string, url: string, form?: Record<string, string>): Promise<Answer> {
    const target = new URL(url);
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const headers: Record<string, string> = { accept: 'text/html,application/json' };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(target, { method, headers, ca: this.ca, timeout: 30_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const setCookie = res.headers['set-cookie'] ?? [];
          this.remember(setCookie);
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, setCookie, body: text });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in 30 s`)));
      req.on('error', (err) => reject(new Error(`${method} ${url}: ${err.message}`)));
      req.end(body);
    });
  }

  private remember(lines: string[]): void {
    for (const line of lines) {
      const [pair, ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=.*19[67]\d/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired || value === '' || value === 'deleted') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

function loginForm(html: string, credentials: { username: string; password: string }): Record<string, string> {
  return { ...formFields(html), username: credentials.username, password: credentials.password };
}

function formAction(html: string, pageUrl: string): string {
  const action = /<form\b[^>]*\baction="([^"]*)"/.exec(html)?.[1];
  return new URL(decodeEntities(action ?? ''), pageUrl).toString();
}

export function showHops(hops: Hop[]): string {
  return hops.map((h) => `  ${h.method} ${h.url} -> ${h.status}`).join('\n');
}
