import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CasServer } from './support/cas-server';
import { ThrowawayCa } from './support/tls';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function httpsRequest(
  url: string,
  ca: string,
  init: { method?: string; body?: string; cookie?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (init.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (init.cookie) headers.cookie = init.cookie;
    const req = request(url, { method: init.method ?? 'GET', ca, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('serving https directly (TLS_CERT_FILE / TLS_KEY_FILE)', () => {
  const ca = new ThrowawayCa('CAS test CA');
  const dir = mkdtempSync(join(tmpdir(), 'cas-tls-'));
  const pair = ca.issueServerCertificate();
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  writeFileSync(join(dir, 'key.pem'), pair.key);
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({
      env: { TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem'), CAS_AUTH_CLASS: 'test' },
    });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers over https with HSTS, and the SSO cookie is Secure', async () => {
    expect(server.origin).toMatch(/^https:/);
    const form = await httpsRequest(server.url('/login'), ca.certPem);
    expect(form.status).toBe(200);
    expect(form.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const lt = /name="lt" value="([^"]+)"/.exec(form.body)![1];
    // The login ticket is bound to the pre-session cookie the form came with.
    const browserCookie = ([] as string[])
      .concat(form.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('__Host-CASBROWSER='));
    expect(browserCookie).toMatch(/; Secure/);
    expect(browserCookie).toMatch(/; Path=\/(;|$)/);
    const posted = await httpsRequest(server.url('/login'), ca.certPem, {
      method: 'POST',
      body: new URLSearchParams({ lt, username: 'test', password: 'test' }).toString(),
      cookie: browserCookie!.split(';')[0],
    });
    expect(posted.status).toBe(200);
    const cookie = ([] as string[]).concat(posted.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-TGC='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });

  it('refuses to start when a TLS file is missing or unreadable, naming the setting', async () => {
    await expect(
      CasServer.start({ env: { TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'missing.pem') } }),
    ).rejects.toThrow(/Invalid setting TLS_KEY_FILE: cannot read/);
    await expect(CasServer.start({ env: { TLS_CERT_FILE: join(dir, 'cert.pem') } })).rejects.toThrow(
      /Invalid setting TLS_KEY_FILE/,
    );
  });
});

describe('behind a reverse proxy (CAS_TRUSTED_PROXIES)', () => {
  async function tgcCookie(server: CasServer): Promise<string> {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };
    const page = await fetch(server.url('/login'), { headers });
    const form = await page.text();
    const lt = /name="lt" value="([^"]+)"/.exec(form)![1];
    const cookie = page.headers.getSetCookie()[0].split(';')[0];
    const res = await fetch(server.url('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lt, username: 'test', password: 'test' }).toString(),
    });
    return res.headers.getSetCookie().find((c) => /^(__Host-)?TGC=/.test(c)) ?? '';
  }

  it('believes X-Forwarded-Proto and -For from a trusted proxy only', async () => {
    const trusted = await CasServer.start({ env: { CAS_AUTH_CLASS: 'test', CAS_TRUSTED_PROXIES: '127.0.0.1' } });
    const untrusted = await CasServer.start({ env: { CAS_AUTH_CLASS: 'test' } });
    try {
      expect(await tgcCookie(trusted)).toMatch(/; Secure/);
      expect(trusted.logs()).toMatch(/logged in from 203\.0\.113\.7/);
      expect(await tgcCookie(untrusted)).not.toMatch(/Secure/);
      expect(untrusted.logs()).toMatch(/logged in from 127\.0\.0\.1/);
      expect(untrusted.logs()).not.toContain('203.0.113.7');
    } finally {
      await trusted.stop();
      await untrusted.stop();
    }
  });

  it('refuses a malformed CAS_TRUSTED_PROXIES', async () => {
    await expect(CasServer.start({ env: { CAS_TRUSTED_PROXIES: 'everyone' } })).rejects.toThrow(
      /Invalid setting CAS_TRUSTED_PROXIES/,
    );
  });
});
