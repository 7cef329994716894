/**
 * Generated malformed requests for the fuzz test, from a seeded PRNG so that any failure can be
 * replayed: the same seed gives the same requests in the same order.
 */

/** mulberry32: a tiny, good-enough PRNG with a 32-bit seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzRequest {
  method: string;
  /** Path and query, sent as they are (not re-encoded). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const PROTOCOL_PATHS = [
  '/login',
  '/logout',
  '/validate',
  '/serviceValidate',
  '/proxyValidate',
  '/p3/serviceValidate',
  '/p3/proxyValidate',
  '/proxy',
  '/samlValidate',
  '/auth',
  '/language',
  '/messages/dismiss',
  '',
  '/',
  '/static/cas.css',
  '/static/../../package.json',
  '/static/%2e%2e/%2e%2e/package.json',
  '/static/nope.js',
];
const ADMIN_PATHS = [
  '/api/admin/services',
  '/api/admin/services/1',
  '/api/admin/services/999999',
  '/api/admin/services/abc',
  '/api/admin/services/match',
  '/api/admin/services/export',
  '/api/admin/services/import',
  '/api/admin/users',
  '/api/admin/users/nobody-%s',
  '/api/admin/users/nobody-%s/password',
  '/api/admin/sessions',
  '/api/admin/sessions/%s',
  '/api/admin/tokens',
  '/api/admin/tokens/%s',
  '/api/admin/audit',
  '/api/admin/openapi.json',
  '/api/admin/docs',
];
const PARAMS = [
  'service',
  'TARGET',
  'ticket',
  'renew',
  'gateway',
  'warn',
  'method',
  'pgt',
  'pgtUrl',
  'targetService',
  'format',
  'url',
  'lt',
  'username',
  'password',
  'warned',
  'lang',
  'next',
  'id',
  'secret',
  'offset',
  'limit',
  'all',
  '__proto__',
  'constructor',
];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'FOO'];
const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=latin1',
  'application/json',
  'application/json; charset=utf-16',
  'text/xml',
  'application/soap+xml',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
  ';;;',
  'application/x-www-form-urlencoded, application/json',
];

export class FuzzGenerator {
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly prefix: string,
    private readonly adminToken: string,
  ) {
    this.random = prng(seed);
  }

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Strings that break naive parsers: escapes, broken UTF-8, markup, huge, empty, numbers. */
  value(): string {
    switch (this.int(16)) {
      case 0:
        return '';
      case 1:
        return '%';
      case 2:
        return '%ZZ%C3%28%FF%FE%00%ED%A0%80';
      case 3:
        return encodeURIComponent('<script>alert(1)</script>"\'&;');
      case 4:
        return 'x'.repeat(1 + this.int(10_000));
      case 5:
        return encodeURIComponent(`https://app.example.org/${'a'.repeat(this.int(6000))}`);
      case 6:
        return encodeURIComponent(`ST-${'A'.repeat(this.int(300))}`);
      case 7:
        return encodeURIComponent('javascript:alert(1)');
      case 8:
        return String(this.int(2 ** 31) * (this.random() < 0.5 ? -1 : 1));
      case 9:
        return encodeURIComponent('\u0000\r\n\t\u2028\uFFFF');
      case 10:
        return encodeURIComponent('https://app.example.org/welcome?lang=en');
      case 11:
        return '%2e%2e%2f%2e%2e%2fetc%2fpasswd';
      case 12:
        return encodeURIComponent('{"$gt":""}');
      case 13:
        return encodeURIComponent('*)(uid=*))(|(uid=*');
      default: {
        let s = '';
        const n = this.int(40);
        for (let i = 0; i < n; i++) s += `%${this.int(256).toString(16).padStart(2, '0')}`;
        return s;
      }
    }
  }

  /** A query string: known and unknown names, repeated, bracketed, valueless, or plain garbage. */
  query(): string {
    if (this.random() < 0.1) return this.value();
    const parts: string[] = [];
    const n = this.int(6);
    for (let i = 0; i < n; i++) {
      const name = this.random() < 0.8 ? this.pick(PARAMS) : this.value();
      const shape = this.int(6);
      if (shape === 0) parts.push(name);
      else if (shape === 1) parts.push(`${name}[a]=${this.value()}`);
      else if (shape === 2) parts.push(`${name}=${this.value()}&${name}=${this.value()}`);
      else parts.push(`${name}=${this.value()}`);
    }
    return parts.join(this.random() < 0.9 ? '&' : ';');
  }

  private body(contentType: string): Buffer | undefined {
    switch (this.int(8)) {
      case 0:
        return undefined;
      case 1:
        return Buffer.from(this.query());
      case 2:
        return Buffer.from(
          JSON.stringify({ [this.pick(PARAMS)]: decodeSafe(this.value()), nested: { a: [1, { b: null }] } }),
        );
      case 3:
        return Buffer.from(this.random() < 0.5 ? '{' : '[1,2,');
      case 4:
        return Buffer.from(
          `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${'a'.repeat(50)}"><!ENTITY b "&a;&a;&a;&a;">]><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol"><samlp:AssertionArtifact>&b;${decodeSafe(this.value())}</samlp:AssertionArtifact></samlp:Request></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
        );
      case 5: {
        const bytes = Buffer.alloc(this.int(2000));
        for (let i = 0; i < bytes.length; i++) bytes[i] = this.int(256);
        return bytes;
      }
      case 6:
        return Buffer.from(`username=${'a'.repeat(this.random() < 0.5 ? 300 : 70_000)}`);
      default:
        return Buffer.from(contentType.includes('json') ? '"just a string"' : 'lt=LT-x&username=u&password=p');
    }
  }

  next(): FuzzRequest {
    const admin = this.random() < 0.25;
    let path = admin
      ? this.pick(ADMIN_PATHS).replace('%s', this.value().slice(0, 40) || 'x')
      : `${this.prefix}${this.pick(PROTOCOL_PATHS)}`;
    if (this.random() < 0.05) path = `${path}/${this.value().slice(0, 200)}`;
    const query = this.random() < 0.8 ? this.query() : '';
    if (query) path = `${path}?${query}`;
    const method = this.pick(METHODS);
    const headers: Record<string, string> = {};
    const contentType = this.pick(CONTENT_TYPES);
    if (contentType) headers['content-type'] = contentType;
    if (admin && this.random() < 0.6) headers.authorization = `Bearer ${this.adminToken}`;
    else if (admin && this.random() < 0.5)
      headers.authorization = this.pick(['Bearer', 'Basic x', `Bearer ${this.value()}`]);
    if (this.random() < 0.3)
      headers.cookie = `TGC=${this.value().slice(0, 300)}; CASBROWSER=${this.value().slice(0, 80)}; cas_lang=${this.value().slice(0, 50)}`;
    if (this.random() < 0.2)
      headers['accept-language'] = decodeSafe(this.value())
        .replace(/[^\x20-\x7e]/g, '')
        .slice(0, 500);
    if (this.random() < 0.1) headers['x-forwarded-for'] = this.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1', '']);
    if (this.random() < 0.1) headers['x-ajax'] = '1';
    const body = method === 'GET' || method === 'HEAD' ? undefined : this.body(contentType);
    return { method, path, headers, body };
  }
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Requests no HTTP client would send: broken request lines and headers, for a raw socket. */
export const RAW_REQUESTS = [
  'GET /cas/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  'GET /cas/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n',
  'POST /cas/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  'GET /cas/login HTTP/9.9\r\nHost: x\r\n\r\n',
  'GET /cas/login\r\n\r\n',
  'GET  HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /cas/login HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
  'GET /cas/login HTTP/1.1\r\nHost: x\r\nX: \u0000\r\n\r\n',
  'GET /cas/lo\u0000gin HTTP/1.1\r\nHost: x\r\n\r\n',
  `GET /cas/login?${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  'POST /cas/auth HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nshort',
  'GET http://evil.example.com/cas/login HTTP/1.1\r\nHost: evil.example.com\r\n\r\n',
  'GET * HTTP/1.1\r\nHost: x\r\n\r\n',
  '\r\n\r\n\r\n',
  'GARBAGE\r\n\r\n',
];
