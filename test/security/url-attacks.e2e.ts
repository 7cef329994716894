/**
 * Named attacks on URL handling (issue 14 items 3, 4 and 9): service URLs that a pattern
 * matches as text while a browser parses another host (the ticket would go there), return
 * paths that leave the server when CAS is mounted at `/`, and gateway for a refused user.
 */
import Database from 'better-sqlite3';
import { createConnection, type ResultSetHeader } from 'mysql2/promise';
import { AdminClient, tokenFrom } from '../support/admin-client';
import { Browser, login, type Page } from '../support/browser';
import { readCasXml } from '../support/cas-client';
import { CasServer } from '../support/cas-server';
import { queryDb } from '../support/db-query';
import { q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';
import { CallbackServer } from '../support/tls';

/** Looks host-anchored, and is what the attack of item 3 used: any site of example.org. */
const SITES = 'https?://[^/]*\\.example\\.org/.*';
/** A common slip: no `/` after the host, so anything may follow it. */
const SLOPPY = 'https://shop\\.example\\.org.*';

/** Each matches SITES or SLOPPY as text, and each takes a WHATWG parser (a browser) elsewhere. */
function tricks(evilPort: number): Array<[string, string]> {
  return [
    ['a backslash (item 3)', 'https://evil.com\\.example.org/'],
    ['a question mark before the path (item 3)', 'https://evil.com?.example.org/'],
    ['a hash before the path (item 3)', 'https://evil.com#.example.org/'],
    ['a backslash before an @', 'https://evil.com\\@wiki.example.org/'],
    ['user info', 'https://shop.example.org@evil.com/'],
    ['user info with a password', 'https://shop.example.org:x@evil.com/'],
    ['a port ended by a backslash', `http://127.0.0.1:${evilPort}\\.example.org/`],
    ['a tab the parser drops, hiding user info', 'https://shop.example.org\t@evil.com/'],
    ['a percent-encoded dot in the host', 'https://shop.example.org%2Eevil.com/'],
  ];
}

/** Rewrites the service a ticket was issued to, as an older server would have recorded it. */
async function recordService(server: CasServer, ticket: string, service: string): Promise<void> {
  const sql = 'UPDATE tickets SET service = ? WHERE id = ?';
  if (server.db.kind === 'sqlite') {
    const sqlite = new Database(server.db.url.slice('sqlite:'.length), { fileMustExist: true });
    try {
      expect(sqlite.prepare(sql).run(service, ticket).changes).toBe(1);
    } finally {
      sqlite.close();
    }
    return;
  }
  const conn = await createConnection(server.db.url);
  try {
    const [result] = await conn.execute<ResultSetHeader>(sql, [service, ticket]);
    expect(result.affectedRows).toBe(1);
  } finally {
    await conn.end();
  }
}

/** No ticket of any kind in the answer: neither in a redirect nor in a page or form. */
function expectNoTicket(page: Page): void {
  expect(page.location ?? '').not.toMatch(/ticket=|SAMLart=/);
  expect(page.body).not.toMatch(/ST-[A-Za-z0-9]{20,}/);
}

describe.each(DATABASES)('URL attacks on %s', (db) => {
  let cas: CasServer;
  let root: CasServer;
  let good: CallbackServer;
  let evil: CallbackServer;
  let api: AdminClient;

  beforeAll(async () => {
    [good, evil] = await Promise.all([CallbackServer.start(null), CallbackServer.start(null)]);
    [cas, root] = await Promise.all([
      CasServer.start({ db, env: { CAS_ENABLE_AJAX_AUTH: 'true' } }),
      CasServer.start({ db, env: { CAS_PATH_PREFIX: '/' } }),
    ]);
    await seedUsersAndServices(cas);
    for (const args of [
      ['--name', 'example.org sites', '--pattern', SITES, '--position', '1000', '--proxy', '--proxy-callback'],
      ['--name', 'shop', '--pattern', SLOPPY, '--position', '1000'],
      ['--name', 'callback', '--pattern', `http://127\\.0\\.0\\.1:${good.port}/.*`, '--proxy-callback'],
    ]) {
      const result = await cas.cli(['services:add', ...args]);
      if (result.code !== 0) throw new Error(result.stderr);
    }
    api = new AdminClient(cas.origin, tokenFrom((await cas.cli(['tokens:create', 'url-attacks'])).stdout));
  });

  afterAll(async () => {
    await Promise.all([cas?.stop(), root?.stop(), good?.stop(), evil?.stop()]);
  });

  const url = (path: string, params: Record<string, string> = {}) =>
    cas.url(`${path}${Object.keys(params).length ? `?${q(params)}` : ''}`);
  const text = async (path: string, params: Record<string, string>) => (await fetch(url(path, params))).text();

  async function aliceBrowser(): Promise<Browser> {
    const browser = new Browser();
    expect((await login(browser, url('/login'), 'alice', 'wonderland')).status).toBe(200);
    return browser;
  }

  async function ticketFor(browser: Browser, service: string): Promise<{ ticket: string; location: string }> {
    const page = await browser.get(url('/login', { service }));
    const location = page.location ?? '';
    const ticket = new URL(location).searchParams.get('ticket');
    if (!ticket) throw new Error(`no ticket for ${service}: ${page.status} ${location}`);
    return { ticket, location };
  }

  describe('item 3: a ticket is only ever sent to the host a pattern allows', () => {
    it.each(tricks(0))('gateway with a victim SSO cookie gives no ticket for a URL with %s', async (_name, trick) => {
      const victim = await aliceBrowser();
      for (const extra of [{ gateway: 'true' }, {}, { method: 'POST' }, { gateway: 'true', method: 'POST' }] as Array<
        Record<string, string>
      >) {
        for (const param of ['service', 'TARGET']) {
          const page = await victim.get(url('/login', { [param]: trick, ...extra }));
          expect(page.status).toBe(200);
          expect(page.location).toBeNull();
          expect(page.body).toContain('Service URL not allowed');
          expectNoTicket(page);
        }
      }
      // Nor after typing the password.
      const typed = await login(new Browser(), url('/login', { service: trick }), 'alice', 'wonderland', {
        service: trick,
      });
      expect(typed.location).toBeNull();
      expectNoTicket(typed);
    });

    it('the port trick would have handed the ticket to the other server, which hears nothing', async () => {
      const victim = await aliceBrowser();
      const trick = `http://127.0.0.1:${evil.port}\\.example.org/`;
      const page = await victim.get(url('/login', { service: trick, gateway: 'true' }));
      expectNoTicket(page);
      if (page.location) await fetch(page.location).catch(() => undefined);
      expect(evil.hits).toHaveLength(0);
    });

    it('the pattern still allows its own hosts (the refusals above are not vacuous)', async () => {
      const victim = await aliceBrowser();
      const page = await victim.get(url('/login', { service: 'https://wiki.example.org/page', gateway: 'true' }));
      expect(page.location).toMatch(/^https:\/\/wiki\.example\.org\/page\?ticket=ST-/);
      const shop = await victim.get(url('/login', { service: 'https://shop.example.org/cart' }));
      expect(shop.location).toMatch(/^https:\/\/shop\.example\.org\/cart\?ticket=ST-/);
    });

    it('redirects to exactly what matched, records it, and validates it under the spelling the client sent', async () => {
      const browser = await aliceBrowser();
      const sent = 'HTTPS://Wiki.Example.ORG:443/a/./b/../c?x=1#top';
      const first = await ticketFor(browser, sent);
      expect(first.location).toMatch(/^https:\/\/wiki\.example\.org\/a\/c\?x=1&ticket=ST-[A-Za-z0-9-]+#top$/);
      const rows = await queryDb<{ service: string }>(
        cas.db,
        `SELECT service FROM tickets WHERE id = '${first.ticket}'`,
      );
      expect(rows).toEqual([{ service: 'https://wiki.example.org/a/c?x=1#top' }]);
      // T-40: the client validates with what it sent, or with where it was sent back: both work.
      const asSent = readCasXml(await text('/p3/serviceValidate', { service: sent, ticket: first.ticket }));
      expect(asSent.kind).toBe('authenticationSuccess');
      const second = await ticketFor(browser, sent);
      const asRedirected = readCasXml(
        await text('/serviceValidate', { service: 'https://wiki.example.org/a/c?x=1', ticket: second.ticket }),
      );
      expect(asRedirected.kind).toBe('authenticationSuccess');
    });

    it.each(tricks(0))(
      'a ticket recorded for a URL with %s (by a server before this fix, in a rolling upgrade) is not redeemed with it',
      async (_n, trick) => {
        const browser = await aliceBrowser();
        const { ticket } = await ticketFor(browser, 'https://wiki.example.org/');
        await recordService(cas, ticket, trick);
        expect(readCasXml(await text('/serviceValidate', { service: trick, ticket })).code).toBe('INVALID_SERVICE');
        // T-44: spent by the failed attempt.
        const again = readCasXml(await text('/serviceValidate', { service: trick, ticket }));
        expect(again.code).toBe('INVALID_TICKET');
      },
    );

    it.each(tricks(0))('logout never redirects to, nor links, a URL with %s', async (_name, trick) => {
      for (const params of [{ service: trick }, { url: trick }] as Array<Record<string, string>>) {
        const page = await (await aliceBrowser()).get(url('/logout', params));
        expect(page.status).toBe(200);
        expect(page.location).toBeNull();
        expect(page.body).not.toMatch(/href="[^"]*(evil|%69l)/);
      }
      const allowed = await new Browser().get(url('/logout', { service: 'https://Wiki.example.org:443/bye' }));
      expect(allowed.location).toBe('https://wiki.example.org/bye');
    });

    it('a pgtUrl with a port ended by a backslash is refused before any callback', async () => {
      const browser = await aliceBrowser();
      for (const pgtUrl of [
        `http://127.0.0.1:${evil.port}\\.example.org/cb`,
        `http://127.0.0.1:${evil.port}?.example.org/cb`,
        `http://wiki.example.org@127.0.0.1:${evil.port}/.example.org/cb`,
      ]) {
        const { ticket } = await ticketFor(browser, 'https://wiki.example.org/');
        const answer = readCasXml(
          await text('/serviceValidate', { service: 'https://wiki.example.org/', ticket, pgtUrl }),
        );
        expect(answer.code).toBe('INVALID_PROXY_CALLBACK');
      }
      expect(evil.hits).toHaveLength(0);
    });

    it('/proxy gives no proxy ticket for a targetService with a trick, and one for the spelled-out host', async () => {
      const browser = await aliceBrowser();
      const { ticket } = await ticketFor(browser, 'https://wiki.example.org/');
      const validated = readCasXml(
        await text('/serviceValidate', { service: 'https://wiki.example.org/', ticket, pgtUrl: good.url('/ok') }),
      );
      expect(validated.kind).toBe('authenticationSuccess');
      const pgt = good.hitFor(validated.text('proxyGrantingTicket')!)!.query.get('pgtId')!;
      for (const [, trick] of tricks(evil.port)) {
        const refused = readCasXml(await text('/proxy', { pgt, targetService: trick }));
        expect(refused.code).toBe('UNAUTHORIZED_SERVICE');
      }
      const issued = readCasXml(await text('/proxy', { pgt, targetService: 'https://WIKI.example.org:443/api' }));
      expect(issued.kind).toBe('proxySuccess');
      const pt = issued.text('proxyTicket')!;
      const used = readCasXml(await text('/proxyValidate', { service: 'https://wiki.example.org/api', ticket: pt }));
      expect(used.kind).toBe('authenticationSuccess');
    });

    it('/samlValidate compares TARGET in the same canonical form', async () => {
      const browser = await aliceBrowser();
      const target = 'https://Wiki.example.org:443/saml';
      const page = await browser.get(url('/login', { TARGET: target }));
      expect(page.location).toMatch(/^https:\/\/wiki\.example\.org\/saml\?SAMLart=ST-/);
      const artifact = new URL(page.location!).searchParams.get('SAMLart')!;
      const soap = (ticket: string) =>
        '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>' +
        '<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" MajorVersion="1" MinorVersion="1" ' +
        `RequestID="_1" IssueInstant="2024-01-01T00:00:00Z"><samlp:AssertionArtifact>${ticket}` +
        '</samlp:AssertionArtifact></samlp:Request></SOAP-ENV:Body></SOAP-ENV:Envelope>';
      const post = async (query: string, ticket: string) =>
        (
          await fetch(url(`/samlValidate?${query}`), {
            method: 'POST',
            headers: { 'content-type': 'text/xml' },
            body: soap(ticket),
          })
        ).text();
      expect(await post(q({ TARGET: target }), artifact)).toContain('samlp:Success');
      const other = new URL((await browser.get(url('/login', { TARGET: target }))).location!).searchParams.get(
        'SAMLart',
      )!;
      expect(await post(q({ TARGET: 'https://wiki.example.org\\saml' }), other)).toContain('samlp:RequestDenied');
    });

    it('the admin match preview shows the canonical form and why a URL is refused', async () => {
      const refused = await api.get<Record<string, unknown>>(
        `/api/admin/services/match?${q({ url: 'https://evil.com\\.example.org/', username: 'alice' })}`,
      );
      expect(refused.body).toMatchObject({
        matched: false,
        canonicalUrl: null,
        urlProblem: 'the URL has something other than a path after its host',
        user: { ticket: false, reason: 'Service not allowed: the URL has something other than a path after its host' },
      });
      const allowed = await api.get<Record<string, unknown>>(
        `/api/admin/services/match?${q({ url: 'HTTPS://Wiki.Example.ORG:443/x' })}`,
      );
      expect(allowed.body).toMatchObject({
        matched: true,
        canonicalUrl: 'https://wiki.example.org/x',
        urlProblem: null,
        service: { name: 'example.org sites' },
      });
    });
  });

  describe('item 4: a return path stays a path of this server, at the prefix / and /cas', () => {
    const RETURN_TRICKS = [
      '/.//evil.com',
      '/%2e//evil.com/x',
      '/a/..//evil.com',
      '/./%2E//evil.com',
      '/x/%2e%2e//evil.com',
      '/..//evil.com',
      '/%2e%2e//evil.com',
    ];

    /** A Location that a browser resolves to this server, under its prefix. */
    function expectHome(server: CasServer, prefix: string, page: Page): void {
      expect(page.status).toBe(303);
      const location = page.location ?? '';
      expect(location).toMatch(/^\/(?![/\\])/);
      const resolved = new URL(location, server.origin);
      expect(resolved.origin).toBe(server.origin);
      expect(resolved.pathname.startsWith(`${prefix}/`)).toBe(true);
    }

    const mounts = () =>
      [
        ['/', root, ''],
        ['/cas', cas, '/cas'],
      ] as const;

    it.each(RETURN_TRICKS)(
      'the language switch and a dismissal never answer next=%j with another host',
      async (trick) => {
        for (const [, server, prefix] of mounts()) {
          for (const next of [trick, `${prefix}${trick}`]) {
            const language = await new Browser().get(`${server.origin}${prefix}/language?${q({ lang: 'fr', next })}`);
            expectHome(server, prefix, language);
            const dismissed = await new Browser().post(`${server.origin}${prefix}/messages/dismiss`, { id: 'x', next });
            expectHome(server, prefix, dismissed);
          }
        }
      },
    );

    it('still returns to a page of the server, with its query (the checks above are not vacuous)', async () => {
      for (const [, server, prefix] of mounts()) {
        const next = `${prefix}/login?${q({ service: 'https://app.example.org/' })}`;
        const language = await new Browser().get(`${server.origin}${prefix}/language?${q({ lang: 'fr', next })}`);
        expect(language.location).toBe(next);
        expect(language.headers.getSetCookie().join()).toMatch(/cas_lang=fr/);
      }
    });

    it('no other endpoint at the prefix / redirects a double-slash path off the server', async () => {
      for (const path of [
        '//evil.com/',
        '/.//evil.com',
        '//evil.com/login',
        '/login?service=//evil.com',
        '/logout?service=//evil.com',
      ]) {
        const page = await new Browser().get(`${root.origin}${path}`);
        if (page.location !== null) expect(new URL(page.location, root.origin).origin).toBe(root.origin);
      }
    });
  });

  describe('item 9: gateway for a logged-in user whom the service refuses', () => {
    it.each([
      ['allowed users (L-07, L-09)', 'alice', 'https://restricted.example.org/x?y=1'],
      ['required values (L-07, L-09)', 'bob', 'https://admins.example.org/x'],
      ['a missing username attribute (L-07, L-09)', 'bob', 'https://uid.example.org/'],
    ])('refused by %s: 302 back to the service with no ticket', async (_name, user, service) => {
      const browser = new Browser();
      await login(browser, url('/login'), user, user === 'alice' ? 'wonderland' : 'builder');
      for (const extra of [{}, { method: 'POST' }] as Array<Record<string, string>>) {
        const page = await browser.get(url('/login', { service, gateway: 'true', ...extra }));
        expect(page.status).toBe(302);
        expect(page.location).toBe(service);
      }
      // Without gateway the user is told why, as before.
      const told = await browser.get(url('/login', { service }));
      expect(told.status).toBe(200);
      expect(told.location).toBeNull();
      expect(told.body).toMatch(/not allowed|is needed/);
    });

    it('L-06: renew wins over gateway, so the credentials are asked for', async () => {
      const browser = await aliceBrowser();
      const page = await browser.get(
        url('/login', { service: 'https://restricted.example.org/', gateway: 'true', renew: 'true' }),
      );
      expect(page.status).toBe(200);
      expect(page.body).toContain('name="password"');
    });

    it('L-08: a user the service accepts still gets a ticket through gateway', async () => {
      const browser = new Browser();
      await login(browser, url('/login'), 'bob', 'builder');
      const page = await browser.get(url('/login', { service: 'https://restricted.example.org/', gateway: 'true' }));
      expect(page.location).toMatch(/^https:\/\/restricted\.example\.org\/\?ticket=ST-/);
    });

    it('an unregistered service is still never redirected to, gateway or not (SEC-07)', async () => {
      const browser = await aliceBrowser();
      const page = await browser.get(url('/login', { service: 'https://unknown.example.com/', gateway: 'true' }));
      expect(page.location).toBeNull();
      expect(page.body).toContain('Service URL not allowed');
    });

    it('in AJAX mode the refusal is told as JSON, as without gateway', async () => {
      const browser = await aliceBrowser();
      const page = await browser.request(
        url('/login', { service: 'https://restricted.example.org/', gateway: 'true' }),
        { headers: { 'x-ajax': '1' } },
      );
      expect(JSON.parse(page.body)).toEqual({
        status: 'error',
        detail: 'auth',
        messages: [{ level: 'error', message: 'Username not allowed' }],
      });
    });
  });
});
