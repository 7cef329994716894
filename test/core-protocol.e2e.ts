import { Browser, decodeEntities, formFields, login, ticketFrom } from './support/browser';
import { CasServer } from './support/cas-server';
import { APP, q, seedUsersAndServices } from './support/fixtures';
import { DATABASES } from './support/test-db';

describe.each(DATABASES)('CAS protocol on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({ db });
    await seedUsersAndServices(server);
  });

  afterAll(async () => {
    await server?.stop();
  });

  const loginUrl = (params: Record<string, string> = {}) =>
    server.url(`/login${Object.keys(params).length ? `?${q(params)}` : ''}`);

  /** A browser with an SSO session for alice. */
  async function aliceBrowser(): Promise<Browser> {
    const browser = new Browser();
    const page = await login(browser, loginUrl(), 'alice', 'wonderland');
    expect(page.status).toBe(200);
    return browser;
  }

  async function ticketFor(browser: Browser, service: string, extra: Record<string, string> = {}): Promise<string> {
    const page = await browser.get(loginUrl({ service, ...extra }));
    expect(page.status).toBe(302);
    return ticketFrom(page.location);
  }

  async function validate(endpoint: string, params: Record<string, string>): Promise<string> {
    const res = await fetch(server.url(`${endpoint}?${q(params)}`));
    expect(res.status).toBe(200);
    return res.text();
  }

  describe('login', () => {
    it('shows the form with a login ticket and the service, and says which service asks', async () => {
      const page = await new Browser().get(loginUrl({ service: APP }));
      expect(page.status).toBe(200);
      const fields = formFields(page.body);
      expect(fields.lt).toMatch(/^LT-[A-Za-z0-9]+$/);
      expect(fields.service).toBe(APP);
      expect(decodeEntities(page.body)).toContain(`Authentication required by service app (${APP})`);
      expect(page.body).toMatch(/<form[^>]+method="post"[^>]+action="\/cas\/login"/);
    });

    it('logs in, sets a safe session cookie and redirects with a ticket appended to the service URL', async () => {
      const browser = new Browser();
      const page = await login(browser, loginUrl({ service: APP }), 'alice', 'wonderland');
      expect(page.status).toBe(302);
      expect(page.location).toMatch(/^https:\/\/app\.example\.org\/welcome\?lang=en&ticket=ST-[A-Za-z0-9]{61}$/);
      const cookie = page.headers.getSetCookie().find((c) => c.startsWith('TGC='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\/cas(;|$)/);
      expect(cookie).not.toMatch(/Expires|Max-Age/i);
      expect(page.headers.get('cache-control')).toContain('no-store');
      expect(server.logs()).toMatch(/user alice logged in/);
    });

    it('keeps the fragment last and replaces an existing ticket parameter', async () => {
      const browser = await aliceBrowser();
      const page = await browser.get(loginUrl({ service: 'https://app.example.org/p?ticket=old&x=1#part' }));
      expect(page.location).toMatch(/^https:\/\/app\.example\.org\/p\?x=1&ticket=ST-[A-Za-z0-9]+#part$/);
    });

    it('refuses a wrong password with the message of django-cas-server, keeping other login tickets valid', async () => {
      const browser = new Browser();
      const first = formFields((await browser.get(loginUrl())).body);
      const second = formFields((await browser.get(loginUrl())).body);
      const failed = await browser.post(server.url('/login'), { ...first, username: 'alice', password: 'nope' });
      expect(failed.status).toBe(401);
      expect(failed.body).toContain('Wrong username or password.');
      expect(formFields(failed.body).username).toBe('alice');
      expect(server.logs()).toMatch(/WARN.*login failed for "alice"/);
      const ok = await browser.post(server.url('/login'), { ...second, username: 'alice', password: 'wonderland' });
      expect(ok.status).toBe(200);
      expect(ok.body).toContain('Login successful.');
    });

    it('refuses a missing, unknown or reused login ticket', async () => {
      const browser = new Browser();
      const fields = formFields((await browser.get(loginUrl())).body);
      const creds = { username: 'alice', password: 'wonderland' };
      for (const lt of [undefined, 'LT-forged', '']) {
        const form: Record<string, string> = { ...creds };
        if (lt !== undefined) form.lt = lt;
        const page = await browser.post(server.url('/login'), form);
        expect(page.status).toBe(400);
        expect(page.body).toContain('Invalid login ticket');
      }
      expect((await browser.post(server.url('/login'), { ...fields, ...creds })).status).toBe(200);
      const reuse = await new Browser().post(server.url('/login'), { ...fields, ...creds });
      expect(reuse.status).toBe(400);
      expect(reuse.body).toContain('Invalid login ticket');
    });

    it('gives an SSO ticket without a password, and the logged page without a service', async () => {
      const browser = await aliceBrowser();
      expect(await ticketFor(browser, APP)).toMatch(/^ST-/);
      const page = await browser.get(loginUrl());
      expect(page.status).toBe(200);
      expect(page.body).toContain('signed in as <strong>alice</strong>');
    });

    it('refuses unknown services without redirecting, before and after login', async () => {
      const evil = 'https://app.example.org.evil.com/steal';
      const anonymous = await new Browser().get(loginUrl({ service: evil }));
      expect(anonymous.status).toBe(200);
      expect(anonymous.body).toContain('Service URL not allowed');
      expect(formFields(anonymous.body).service).toBeUndefined();
      const browser = await aliceBrowser();
      const logged = await browser.get(loginUrl({ service: evil }));
      expect(logged.status).toBe(200);
      expect(logged.location).toBeNull();
      expect(logged.body).toContain('Service URL not allowed');
    });

    it('renew asks for the password again even with a session, and marks the ticket as from a new login', async () => {
      const browser = await aliceBrowser();
      const page = await browser.get(loginUrl({ service: APP, renew: 'true' }));
      expect(page.status).toBe(200);
      expect(page.body).toContain('Authentication renewal required by service app');
      const fields = formFields(page.body);
      expect(fields.renew).toBe('true');
      const posted = await browser.post(server.url('/login'), { ...fields, username: 'alice', password: 'wonderland' });
      const ticket = ticketFrom(posted.location);
      const xml = await validate('/p3/serviceValidate', { service: APP, ticket, renew: 'true' });
      expect(xml).toContain('<cas:isFromNewLogin>true</cas:isFromNewLogin>');
    });

    it('renew=false is not a renew (G-04)', async () => {
      const browser = await aliceBrowser();
      expect((await browser.get(loginUrl({ service: APP, renew: 'false' }))).status).toBe(302);
    });

    it('gateway never shows the form: no session → back to the service without a ticket', async () => {
      const page = await new Browser().get(loginUrl({ service: APP, gateway: 'true' }));
      expect(page.status).toBe(302);
      expect(page.location).toBe(APP);
      const browser = await aliceBrowser();
      const sso = await browser.get(loginUrl({ service: APP, gateway: 'true' }));
      expect(ticketFrom(sso.location)).toMatch(/^ST-/);
    });

    it('gateway to an unknown service neither redirects nor shows a form', async () => {
      const page = await new Browser().get(loginUrl({ service: 'https://evil.example.com/', gateway: 'true' }));
      expect(page.status).toBe(200);
      expect(page.location).toBeNull();
      expect(page.body).toContain('Service URL not allowed');
      expect(page.body).not.toContain('name="password"');
    });

    it('renew wins over gateway (L-06)', async () => {
      const page = await new Browser().get(loginUrl({ service: APP, gateway: 'true', renew: 'true' }));
      expect(page.status).toBe(200);
      expect(page.body).toContain('name="password"');
    });

    it('warn makes SSO ask for confirmation before each service', async () => {
      const browser = new Browser();
      const first = await login(browser, loginUrl({ service: APP }), 'alice', 'wonderland', { warn: 'on' });
      expect(first.status).toBe(302);
      const warnPage = await browser.get(loginUrl({ service: APP }));
      expect(warnPage.status).toBe(200);
      expect(warnPage.body).toContain('You are about to sign in to <strong>app</strong>');
      const fields = formFields(warnPage.body);
      expect(fields.warned).toBe('true');
      const confirmed = await browser.post(server.url('/login'), fields);
      expect(confirmed.status).toBe(302);
      expect(ticketFrom(confirmed.location)).toMatch(/^ST-/);
      const replay = await browser.post(server.url('/login'), fields);
      expect(replay.location).toBeNull();
    });

    it('method=POST answers with a self-submitting form carrying the ticket (X-01..X-03)', async () => {
      const browser = new Browser();
      const page = await login(browser, loginUrl({ service: APP, method: 'POST' }), 'alice', 'wonderland');
      expect(page.status).toBe(200);
      expect(page.body).toContain('action="https://app.example.org/welcome?lang&#x3D;en"');
      const ticket = formFields(page.body).ticket;
      expect(ticket).toMatch(/^ST-/);
      expect(await validate('/validate', { service: APP, ticket })).toBe('yes\nalice\n');
      const sso = await browser.get(loginUrl({ service: APP, method: 'post' }));
      expect(formFields(sso.body).ticket).toMatch(/^ST-/);
    });

    it('applies allowed users, required values and the user field', async () => {
      const alice = await aliceBrowser();
      const refused = await alice.get(loginUrl({ service: 'https://restricted.example.org/' }));
      expect(refused.status).toBe(200);
      expect(refused.body).toContain('Username not allowed');

      const bob = new Browser();
      const bobPage = await login(bob, loginUrl({ service: 'https://admins.example.org/' }), 'bob', 'builder');
      expect(bobPage.status).toBe(200);
      expect(bobPage.body).toContain('User characteristics not allowed');
      expect(ticketFrom((await bob.get(loginUrl({ service: 'https://restricted.example.org/' }))).location)).toMatch(
        /^ST-/,
      );
      const byUid = await bob.get(loginUrl({ service: 'https://uid.example.org/' }));
      expect(byUid.body).toContain('The attribute uid is needed to use that service');

      const ticket = await ticketFor(alice, 'https://uid.example.org/');
      const xml = await validate('/p3/serviceValidate', { service: 'https://uid.example.org/', ticket });
      expect(xml).toContain('<cas:user>alice01</cas:user>');
      expect(xml).toContain('<cas:uid>alice01</cas:uid>');
    });
  });

  describe('validation', () => {
    it('CAS 3.0: the user, the meta attributes in order, released attributes renamed, rewritten and escaped', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      const xml = await validate('/p3/serviceValidate', { service: APP, ticket });
      expect(xml).toMatch(
        /<cas:serviceResponse xmlns:cas="http:\/\/www\.yale\.edu\/tp\/cas">\s*<cas:authenticationSuccess>\s*<cas:user>alice<\/cas:user>\s*<cas:attributes>\s*<cas:authenticationDate>\d{4}-\d\d-\d\dT[\d:.]+Z<\/cas:authenticationDate>\s*<cas:longTermAuthenticationRequestTokenUsed>false<\/cas:longTermAuthenticationRequestTokenUsed>\s*<cas:isFromNewLogin>false<\/cas:isFromNewLogin>/,
      );
      expect(xml).toContain('<cas:email>alice@mail.example.org</cas:email>');
      expect(xml).toContain('<cas:memberOf>staff</cas:memberOf>');
      expect(xml).toContain('<cas:memberOf>admins</cas:memberOf>');
      expect(xml).toContain('<cas:displayName>Alice &lt;Liddell&gt; &amp; "Co"</cas:displayName>');
      expect(xml).not.toContain('uid');
      expect(xml).not.toContain('proxyGrantingTicket');
      expect(server.logs()).toMatch(/ticket for alice validated/);
    });

    it('CAS 2.0 /serviceValidate and /proxyValidate validate service tickets too', async () => {
      const browser = await aliceBrowser();
      for (const endpoint of ['/serviceValidate', '/proxyValidate', '/p3/proxyValidate']) {
        const ticket = await ticketFor(browser, APP);
        const xml = await validate(endpoint, { service: APP, ticket });
        expect(xml).toContain('<cas:user>alice</cas:user>');
        expect(xml).not.toContain('<cas:proxies>');
      }
    });

    it('format=JSON renders the same answer as JSON, failures with code and description', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      const res = await fetch(server.url(`/p3/serviceValidate?${q({ service: APP, ticket, format: 'json' })}`));
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as {
        serviceResponse: { authenticationSuccess: { user: string; attributes: Record<string, unknown> } };
      };
      const success = body.serviceResponse.authenticationSuccess;
      expect(success.user).toBe('alice');
      expect(success.attributes).toMatchObject({
        email: 'alice@mail.example.org',
        memberOf: ['staff', 'admins'],
        isFromNewLogin: false,
        longTermAuthenticationRequestTokenUsed: false,
      });
      const again = JSON.parse(await validate('/p3/serviceValidate', { service: APP, ticket, format: 'JSON' })) as {
        serviceResponse: { authenticationFailure: { code: string; description: string } };
      };
      expect(again.serviceResponse.authenticationFailure.code).toBe('INVALID_TICKET');
      expect(again.serviceResponse.authenticationFailure.description).toContain('not recognized');
    });

    it('an unknown format is INVALID_REQUEST in XML', async () => {
      const xml = await validate('/p3/serviceValidate', { service: APP, ticket: 'ST-x', format: 'YAML' });
      expect(xml).toContain('<cas:authenticationFailure code="INVALID_REQUEST">');
    });

    it('CAS 1.0 /validate answers exactly yes\\nuser\\n and no\\n\\n', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      const res = await fetch(server.url(`/validate?${q({ service: APP, ticket })}`));
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('yes\nalice\n');
      expect(await validate('/validate', { service: APP, ticket })).toBe('no\n\n');
    });

    it('a ticket validates once; a wrong service spends it (INVALID_SERVICE, then INVALID_TICKET)', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      expect(await validate('/p3/serviceValidate', { service: APP, ticket })).toContain('authenticationSuccess');
      expect(await validate('/p3/serviceValidate', { service: APP, ticket })).toContain('code="INVALID_TICKET"');

      const other = await ticketFor(browser, APP);
      expect(await validate('/serviceValidate', { service: 'https://app.example.org/other', ticket: other })).toContain(
        'code="INVALID_SERVICE"',
      );
      expect(await validate('/serviceValidate', { service: APP, ticket: other })).toContain('code="INVALID_TICKET"');

      const third = await ticketFor(browser, APP);
      expect(await validate('/validate', { service: 'https://app.example.org/other', ticket: third })).toBe('no\n\n');
      expect(await validate('/validate', { service: APP, ticket: third })).toBe('no\n\n');
    });

    it('the service comparison ignores case and the fragment, not the trailing slash of a path', async () => {
      const browser = await aliceBrowser();
      const t1 = await ticketFor(browser, APP);
      expect(await validate('/serviceValidate', { service: APP.toUpperCase() + '#x', ticket: t1 })).toContain(
        'authenticationSuccess',
      );
      const t2 = await ticketFor(browser, 'https://app.example.org/x/');
      expect(await validate('/serviceValidate', { service: 'https://app.example.org/x', ticket: t2 })).toContain(
        'INVALID_SERVICE',
      );
      // A bare host is the same URL as its `/` path (WHATWG): both spellings denote one service.
      const t3 = await ticketFor(browser, 'https://app.example.org/');
      expect(await validate('/serviceValidate', { service: 'https://app.example.org', ticket: t3 })).toContain(
        'authenticationSuccess',
      );
    });

    it('renew at validation refuses a ticket that came from SSO and spends it', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      expect(await validate('/p3/serviceValidate', { service: APP, ticket, renew: 'true' })).toContain(
        'code="INVALID_TICKET"',
      );
      expect(await validate('/p3/serviceValidate', { service: APP, ticket })).toContain('code="INVALID_TICKET"');
      const v1 = await ticketFor(browser, APP);
      expect(await validate('/validate', { service: APP, ticket: v1, renew: 'true' })).toBe('no\n\n');
    });

    it('a ticket given without service is spent (E-12); without ticket is INVALID_REQUEST', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      expect(await validate('/p3/serviceValidate', { ticket })).toContain('code="INVALID_REQUEST"');
      expect(await validate('/p3/serviceValidate', { service: APP, ticket })).toContain('code="INVALID_TICKET"');
      expect(await validate('/p3/serviceValidate', { service: APP })).toContain('code="INVALID_REQUEST"');
    });

    it('20 concurrent validations of one ticket give exactly one success', async () => {
      const browser = await aliceBrowser();
      for (const endpoint of ['/p3/serviceValidate', '/validate']) {
        const ticket = await ticketFor(browser, APP);
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => validate(endpoint, { service: APP, ticket })),
        );
        const successes = answers.filter((a) => a.includes('authenticationSuccess') || a.startsWith('yes\n'));
        expect(successes).toHaveLength(1);
      }
    });

    it('tickets of a logged-out session are no longer valid', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      await browser.get(server.url('/logout'));
      expect(await validate('/p3/serviceValidate', { service: APP, ticket })).toContain('code="INVALID_TICKET"');
    });
  });

  describe('logout', () => {
    it('ends the session and clears the cookie; the next login asks for the password', async () => {
      const browser = await aliceBrowser();
      const page = await browser.get(server.url('/logout'));
      expect(page.status).toBe(200);
      expect(page.body).toContain('Logout successful: 1 session closed');
      expect(page.headers.getSetCookie().join()).toMatch(/TGC=;.*Expires=Thu, 01 Jan 1970/);
      expect(browser.cookies.has('TGC')).toBe(false);
      expect(server.logs()).toMatch(/user alice logged out/);
      const again = await browser.get(loginUrl({ service: APP }));
      expect(again.status).toBe(200);
      expect(again.body).toContain('name="password"');
      expect((await browser.get(server.url('/logout'))).body).toContain('You were already logged out');
    });

    it('a stolen cookie is useless after logout', async () => {
      const browser = await aliceBrowser();
      const stolen = browser.cookies.get('TGC')!;
      await browser.get(server.url('/logout'));
      const thief = new Browser();
      thief.cookies.set('TGC', stolen);
      expect((await thief.get(loginUrl({ service: APP }))).status).toBe(200);
    });

    it('redirects only to services a pattern allows, and never to the legacy url parameter', async () => {
      const a = await aliceBrowser();
      const ok = await a.get(server.url(`/logout?${q({ service: APP })}`));
      expect(ok.status).toBe(302);
      expect(ok.location).toBe(APP);
      const b = await aliceBrowser();
      const evil = await b.get(server.url(`/logout?${q({ service: 'https://evil.example.com/' })}`));
      expect(evil.status).toBe(200);
      expect(evil.location).toBeNull();
      const c = await aliceBrowser();
      const legacy = await c.get(server.url(`/logout?${q({ url: APP })}`));
      expect(legacy.status).toBe(200);
      expect(legacy.body).toContain(`href="${APP.replace('=', '&#x3D;')}"`);
      const d = await new Browser().get(server.url(`/logout?${q({ url: 'https://evil.example.com/' })}`));
      expect(d.body).not.toContain('evil.example.com');
    });

    it('all=1 ends every session of the user', async () => {
      const first = await aliceBrowser();
      const second = await aliceBrowser();
      const third = await aliceBrowser();
      const page = await first.get(server.url('/logout?all=1'));
      expect(page.body).toMatch(/Logout successful: \d+ sessions closed/);
      for (const b of [second, third]) {
        expect((await b.get(loginUrl({ service: APP }))).status).toBe(200);
      }
    });
  });

  describe('hostile and malformed input never gives a 5xx', () => {
    const endpoints = ['/validate', '/serviceValidate', '/proxyValidate', '/p3/serviceValidate', '/p3/proxyValidate'];
    const longValue = 'x'.repeat(10000);
    const queries = [
      '',
      'ticket=ST-1&ticket=ST-2&service=https%3A%2F%2Fapp.example.org%2F',
      'service=https%3A%2F%2Fapp.example.org%2F&service=https%3A%2F%2Fapp.example.org%2F&ticket=ST-1',
      `ticket=ST-1&service=${longValue}`,
      `ticket=${longValue}&service=https%3A%2F%2Fapp.example.org%2F`,
      'ticket=%FF%FE%00&service=%C3%28',
      'ticket=ST-%3Cscript%3E&service=%%%',
      'ticket[a]=1&service[b]=2',
      'ticket=PGT-abc&service=x&format=json&format=xml',
    ];

    it.each(endpoints)('%s answers in its own format', async (endpoint) => {
      for (const query of queries) {
        const res = await fetch(server.url(`${endpoint}?${query}`));
        const body = await res.text();
        expect(res.status).toBe(200);
        if (endpoint === '/validate') expect(body).toBe('no\n\n');
        else expect(body).toMatch(/<cas:authenticationFailure code="(INVALID_REQUEST|INVALID_TICKET)">/);
        expect(body).not.toContain('<script>');
      }
    });

    it('/login and /logout re-render pages for repeated, oversized and broken parameters', async () => {
      const cases = [
        `service=${encodeURIComponent(APP)}&service=${encodeURIComponent(APP)}`,
        `service=https%3A%2F%2Fapp.example.org%2F${'a'.repeat(5000)}`,
        'service=%FF%FE&renew=%C3%28',
        'gateway=true&gateway=false&service=x',
        'method=PUT&service=' + encodeURIComponent(APP),
        'service=javascript%3Aalert(1)',
      ];
      for (const query of cases) {
        for (const path of ['/login', '/logout']) {
          const res = await fetch(server.url(`${path}?${query}`), { redirect: 'manual' });
          expect(res.status).toBeLessThan(500);
          const body = await res.text();
          expect(body).not.toMatch(/at \w+ \(|stack|Error:/);
          expect(res.headers.get('location') ?? '').not.toMatch(/^javascript/i);
        }
      }
    });

    it('POST /login with broken, oversized, wrongly typed or JSON bodies re-renders the form', async () => {
      const bodies: Array<[string, string]> = [
        ['application/x-www-form-urlencoded', 'lt=a&lt=b&username=alice&password=x'],
        ['application/x-www-form-urlencoded', `username=${'a'.repeat(70000)}`],
        ['application/x-www-form-urlencoded', 'username=%FF%FE&password=%C3%28&lt=%%%'],
        ['application/json', '{"username":"alice","password":"wonderland"}'],
        ['text/plain', 'hello'],
        ['application/x-www-form-urlencoded', ''],
      ];
      for (const [type, body] of bodies) {
        const res = await fetch(server.url('/login'), { method: 'POST', headers: { 'content-type': type }, body });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const text = await res.text();
        expect(text).not.toMatch(/at \w+ \(|"stack"/);
        expect(formFields(text).lt).toMatch(/^LT-/);
      }
    });

    it('unknown paths answer 404 without details', async () => {
      const res = await fetch(server.url('/nope'));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/at \w+ \(/);
    });
  });

  it('/ redirects to the login page keeping the query string', async () => {
    const res = await fetch(`${server.origin}/?service=${encodeURIComponent(APP)}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/cas/login?service=${encodeURIComponent(APP)}`);
  });

  it('the bare prefix /cas redirects to the login page keeping the query string, as / does', async () => {
    const res = await fetch(`${server.origin}/cas?gateway=true`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/cas/login?gateway=true');
  });
});
