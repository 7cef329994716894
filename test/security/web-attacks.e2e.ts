/**
 * Named attacks on the browser-facing endpoints: open redirects, reflected and stored XSS,
 * login CSRF, session fixation, cookie and header hardening, oversized input.
 */
import { Browser, formFields, login, type Page } from '../support/browser';
import { CasServer } from '../support/cas-server';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';

/** Breaks out of text, of double- and single-quoted attributes, and runs script three ways. */
const PAYLOAD = `"'><script>alert(1)</script><img src=x onerror=alert(2)><svg/onload=alert(3)>`;

/** No markup of the payload survived: everything it carried is text. */
function expectInert(page: Page): void {
  expect(page.status).toBeLessThan(500);
  expect(page.body).not.toMatch(/<script>alert|<img src=x|<svg\/onload|onerror=alert|onload=alert/i);
  expect(page.body).not.toContain(`"'>`);
}

/** URLs an attacker would like the server to send a browser to. */
const EVIL = [
  'https://evil.example.com/',
  'https://app.example.org.evil.example.com/',
  'https://app.example.org@evil.example.com/',
  'https://evil.example.com/https://app.example.org/',
  'https://evil.example.com\\@app.example.org/',
  '//evil.example.com/',
  '/\\evil.example.com/',
  'https:/\\evil.example.com/',
  // Matched by the over-broad `.*xss-catch.*` pattern below, yet never a browser target.
  'javascript:alert(document.cookie)//xss-catch',
  'data:text/html,<script>alert(1)</script>xss-catch',
];

/** Where a redirect may point: this server's own paths, or an allowed https service. */
function expectSafeLocation(page: Page): void {
  const location = page.location;
  if (location === null) return;
  const local = location.startsWith('/') && !location.startsWith('//') && !location.includes('\\');
  expect(local || location.startsWith('https://app.example.org/')).toBe(true);
}

function expectNoEvilTarget(page: Page): void {
  expectSafeLocation(page);
  expect(page.body).not.toMatch(/(href|action|value)="[^"]*(evil\.example\.com|javascript:|data:)/i);
}

describe.each(DATABASES)('web attacks on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_TRUSTED_PROXIES: '127.0.0.1' } });
    await seedUsersAndServices(server);
    for (const args of [
      ['services:add', '--name', `shop ${PAYLOAD}`, '--pattern', 'https://shop\\.example\\.org/.*'],
      ['services:add', '--name', 'catch-all', '--pattern', '.*xss-catch.*'],
    ]) {
      expect((await server.cli(args)).code).toBe(0);
    }
    expect((await server.cli(['users:create', `mallory${PAYLOAD}`], 'secret\n')).code).toBe(0);
  });

  afterAll(async () => {
    await server?.stop();
  });

  const url = (path: string, params: Record<string, string> = {}) =>
    server.url(`${path}${Object.keys(params).length ? `?${q(params)}` : ''}`);

  async function aliceBrowser(extra: Record<string, string> = {}): Promise<Browser> {
    const browser = new Browser();
    expect((await login(browser, url('/login'), 'alice', 'wonderland', extra)).status).toBe(200);
    return browser;
  }

  describe('open redirect', () => {
    it.each(EVIL)('login, gateway and renew never send a browser to %j', async (evil) => {
      const anonymous = new Browser();
      const alice = await aliceBrowser();
      for (const browser of [anonymous, alice]) {
        for (const extra of [{}, { gateway: 'true' }, { renew: 'true' }, { method: 'POST' }] as Array<
          Record<string, string>
        >) {
          expectNoEvilTarget(await browser.get(url('/login', { service: evil, ...extra })));
          expectNoEvilTarget(await browser.get(url('/login', { TARGET: evil, ...extra })));
        }
      }
      // Nor after typing the password.
      const form = new Browser();
      const posted = await login(form, url('/login', { service: evil }), 'alice', 'wonderland', { service: evil });
      expectNoEvilTarget(posted);
    });

    it.each(EVIL)('logout never sends a browser to %j, by `service` or `url`', async (evil) => {
      for (const params of [{ service: evil }, { url: evil }, { service: evil, url: evil }] as Array<
        Record<string, string>
      >) {
        expectNoEvilTarget(await (await aliceBrowser()).get(url('/logout', params)));
        expectNoEvilTarget(await new Browser().get(url('/logout', params)));
      }
    });

    it.each(EVIL)('the warn confirmation form never sends a browser to %j', async (evil) => {
      const browser = await aliceBrowser({ warn: 'on' });
      const warn = await browser.get(url('/login', { service: APP }));
      expect(warn.body).toContain('name="warned"');
      const posted = await browser.post(url('/login'), { ...formFields(warn.body), service: evil, warned: 'true' });
      expectNoEvilTarget(posted);
    });

    it.each([...EVIL, 'https://app.example.org/', '/cas/../evil', '/other/path', '\r\nSet-Cookie: x=1'])(
      'the language switch and notice dismissal only return to CAS pages, not %j',
      async (next) => {
        const language = await new Browser().get(url('/language', { lang: 'fr', next }));
        expect(language.status).toBe(303);
        expect(language.location).toMatch(/^\/cas(\/|$)/);
        expect(language.headers.getSetCookie().join()).not.toMatch(/x=1/);
        const dismissed = await new Browser().post(url('/messages/dismiss'), { id: 'cas_explained', next });
        expect(dismissed.location).toMatch(/^\/cas(\/|$)/);
      },
    );

    it('still redirects to an allowed service (the checks above are not vacuous)', async () => {
      const page = await (await aliceBrowser()).get(url('/login', { service: APP }));
      expect(page.location).toMatch(/^https:\/\/app\.example\.org\/welcome\?lang=en&ticket=ST-/);
    });
  });

  describe('cross-site scripting', () => {
    const allowedWithPayload = `https://app.example.org/x?q=${PAYLOAD}`;

    it('reflected: every login parameter shown on the page is escaped', async () => {
      const browser = new Browser();
      for (const params of [
        { service: allowedWithPayload },
        { service: `https://evil.example.com/${PAYLOAD}` },
        { TARGET: allowedWithPayload },
        { service: allowedWithPayload, method: PAYLOAD },
        { service: allowedWithPayload, renew: PAYLOAD, gateway: PAYLOAD, warn: PAYLOAD },
        { [PAYLOAD]: PAYLOAD },
      ] as Array<Record<string, string>>) {
        expectInert(await browser.get(url('/login', params)));
      }
    });

    it('reflected: the username typed is escaped in the form shown again', async () => {
      const browser = new Browser();
      const form = formFields((await browser.get(url('/login', { service: allowedWithPayload }))).body);
      const failed = await browser.post(url('/login'), { ...form, username: PAYLOAD, password: 'nope' });
      expect(failed.status).toBe(401);
      expectInert(failed);
      expect(formFields(failed.body).username).toBe(PAYLOAD);
    });

    it('reflected: warn page, POST redirection page, logout link and error pages', async () => {
      const warned = await aliceBrowser({ warn: 'on' });
      expectInert(await warned.get(url('/login', { service: allowedWithPayload })));
      const alice = await aliceBrowser();
      const post = await alice.get(url('/login', { service: allowedWithPayload, method: 'POST' }));
      expect(post.body).toContain('id="cas-post"');
      expectInert(post);
      expectInert(await alice.get(url('/logout', { url: allowedWithPayload, service: PAYLOAD })));
      expectInert(await new Browser().get(server.url(`/${encodeURIComponent(PAYLOAD)}`)));
      expectInert(await new Browser().request(url('/login'), { headers: { 'accept-language': PAYLOAD } }));
      expectInert(await new Browser().request(url('/login'), { headers: { cookie: `cas_lang=${PAYLOAD}` } }));
    });

    it('stored: a service name and a username set by an administrator are escaped', async () => {
      const shop = 'https://shop.example.org/';
      const anonymous = await new Browser().get(url('/login', { service: shop }));
      expect(anonymous.body).toContain('shop &quot;&#x27;&gt;&lt;script&gt;');
      expectInert(anonymous);
      const browser = new Browser();
      const logged = await login(browser, url('/login'), `mallory${PAYLOAD}`, 'secret');
      expect(logged.status).toBe(200);
      expectInert(logged);
      expectInert(await browser.get(url('/login')));
      const warned = new Browser();
      await login(warned, url('/login'), `mallory${PAYLOAD}`, 'secret', { warn: 'on' });
      expectInert(await warned.get(url('/login', { service: shop })));
    });

    it('pages forbid inline script, so an escaping mistake could still not run', async () => {
      const page = await new Browser().get(url('/login'));
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(page.body).not.toMatch(/\son[a-z]+=/i);
    });
  });

  describe('login CSRF', () => {
    it('refuses a missing, foreign or reused login ticket, and one without its browser cookie', async () => {
      const creds = { username: 'alice', password: 'wonderland' };
      const victim = new Browser();
      const victimFields = formFields((await victim.get(url('/login'))).body);

      // The attacker's own form, posted from the victim's browser (a cross-site form).
      const attacker = new Browser();
      const foreign = formFields((await attacker.get(url('/login'))).body);
      for (const lt of [undefined, foreign.lt, 'LT-forged']) {
        const form: Record<string, string> = { ...creds };
        if (lt) form.lt = lt;
        const refused = await victim.post(url('/login'), form);
        expect(refused.status).toBe(400);
        expect(refused.body).toContain('Invalid login ticket');
        expect(victim.cookies.has('TGC')).toBe(false);
      }
      // The victim's ticket without the victim's cookie (the attacker learnt the ticket).
      const stolen = await new Browser().post(url('/login'), { ...victimFields, ...creds });
      expect(stolen.status).toBe(400);
      const bare = await fetch(url('/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: q({ ...victimFields, ...creds }),
      });
      expect(bare.status).toBe(400);

      expect((await victim.post(url('/login'), { ...victimFields, ...creds })).status).toBe(200);
      const reused = await victim.post(url('/login'), { ...victimFields, ...creds });
      expect(reused.status).toBe(400);
    });

    it('keeps several tabs working: every form of one browser is usable, in any order', async () => {
      const browser = new Browser();
      const tabs = [];
      for (let i = 0; i < 3; i++) tabs.push(formFields((await browser.get(url('/login'))).body));
      expect(new Set(tabs.map((t) => t.lt)).size).toBe(3);
      for (const tab of tabs.reverse()) {
        expect((await browser.post(url('/login'), { ...tab, username: 'alice', password: 'wonderland' })).status).toBe(
          200,
        );
      }
    });

    it('binds the warn confirmation form too', async () => {
      const browser = await aliceBrowser({ warn: 'on' });
      const warn = formFields((await browser.get(url('/login', { service: APP }))).body);
      const foreign = formFields((await new Browser().get(url('/login'))).body);
      const refused = await browser.post(url('/login'), { ...warn, lt: foreign.lt, warned: 'true' });
      expect(refused.location).toBeNull();
      expect(refused.body).toContain('Invalid login ticket');
      const fresh = formFields((await browser.get(url('/login', { service: APP }))).body);
      const accepted = await browser.post(url('/login'), { ...fresh, warned: 'true' });
      expect(accepted.location).toMatch(/ticket=ST-/);
    });
  });

  describe('session fixation', () => {
    it('a cookie planted before login is never the session cookie after it', async () => {
      const browser = new Browser();
      browser.cookies.set('TGC', 'TGT-planted-by-the-attacker');
      expect((await login(browser, url('/login'), 'alice', 'wonderland')).status).toBe(200);
      const tgc = browser.cookies.get('TGC');
      expect(tgc).toMatch(/^TGT-[A-Za-z0-9]{48}$/);
      const planted = new Browser();
      planted.cookies.set('TGC', 'TGT-planted-by-the-attacker');
      expect((await planted.get(url('/login', { service: APP }))).status).toBe(200);
    });

    it('the session cookie changes at every login, also a renewal by the same user', async () => {
      const browser = await aliceBrowser();
      const before = browser.cookies.get('TGC');
      const stolenCopy = new Browser();
      stolenCopy.cookies.set('TGC', before!);
      expect((await login(browser, url('/login', { renew: 'true' }), 'alice', 'wonderland')).status).toBe(200);
      expect(browser.cookies.get('TGC')).not.toBe(before);
      // The old value opens nothing any more.
      expect((await stolenCopy.get(url('/login', { service: APP }))).location).toBeNull();
      expect((await browser.get(url('/login', { service: APP }))).location).toMatch(/ticket=ST-/);
    });
  });

  describe('cookies', () => {
    function cookieLine(page: Page, name: string): string {
      return page.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? '';
    }

    it('the SSO and pre-session cookies are HttpOnly, SameSite=Lax, scoped to /cas, browser-session only', async () => {
      const browser = new Browser();
      const form = await browser.get(url('/login'));
      const logged = await browser.post(url('/login'), {
        ...formFields(form.body),
        username: 'alice',
        password: 'wonderland',
      });
      for (const line of [cookieLine(form, 'CASBROWSER'), cookieLine(logged, 'TGC')]) {
        expect(line).toMatch(/HttpOnly/);
        expect(line).toMatch(/SameSite=Lax/);
        expect(line).toMatch(/Path=\/cas(;|$)/);
        expect(line).not.toMatch(/Expires|Max-Age|Secure/i);
      }
    });

    it('are Secure when the request came over https through a trusted proxy', async () => {
      const headers = { 'x-forwarded-proto': 'https' };
      const browser = new Browser();
      const form = await browser.request(url('/login'), { headers });
      // Both take the __Host- prefix: no sibling subdomain can plant them.
      expect(cookieLine(form, '__Host-CASBROWSER')).toMatch(/; Secure/);
      expect(form.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const logged = await browser.request(url('/login'), {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: q({ ...formFields(form.body), username: 'alice', password: 'wonderland' }),
      });
      expect(cookieLine(logged, '__Host-TGC')).toMatch(/; Secure/);
      expect((await new Browser().get(url('/login'))).headers.get('strict-transport-security')).toBeNull();
    });
  });

  describe('oversized input', () => {
    it('refuses a service URL past CAS_MAX_SERVICE_URL_LENGTH on every endpoint, in its own format', async () => {
      const long = `https://app.example.org/${'a'.repeat(5000)}`;
      const page = await new Browser().get(url('/login', { service: long }));
      expect(page.status).toBe(400);
      expect(page.body).toContain('is too long');
      const v2 = await fetch(url('/serviceValidate', { service: long, ticket: 'ST-x' }));
      expect(await v2.text()).toContain('INVALID_REQUEST');
      const v1 = await fetch(url('/validate', { service: long, ticket: 'ST-x' }));
      expect(await v1.text()).toBe('no\n\n');
      expect((await new Browser().get(url('/logout', { service: long }))).status).toBe(200);
    });

    it('bounds bodies, parameters and headers with 4xx answers, never a 500', async () => {
      const body = await fetch(url('/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=${'a'.repeat(100_000)}`,
      });
      expect(body.status).toBe(413);
      const param = await new Browser().post(url('/login'), { lt: 'x', username: 'a'.repeat(300), password: 'x' });
      expect(param.status).toBe(400);
      expect(param.body).toContain('is too long');
      const header = await fetch(url('/login'), { headers: { 'x-big': 'a'.repeat(40_000) } });
      expect(header.status).toBe(431);
      expect((await fetch(url('/login'))).status).toBe(200);
    });
  });
});
