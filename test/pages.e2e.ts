import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, decodeEntities, formFields, login, ticketFrom } from './support/browser';
import { CasServer } from './support/cas-server';
import { APP, q, seedUsersAndServices } from './support/fixtures';
import { DATABASES } from './support/test-db';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

const INFO_MESSAGES = JSON.stringify({
  cas_explained: {
    message: 'unused: the default text is replaced',
    discardable: true,
    type: 'info',
  },
  maintenance: {
    message: { en: 'Maintenance on Sunday', fr: 'Maintenance dimanche' },
    discardable: false,
    type: 'warning',
  },
});

describe.each(DATABASES)('login pages on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({
      db,
      env: {
        CAS_ENABLE_AJAX_AUTH: 'true',
        CAS_INFO_MESSAGES: INFO_MESSAGES,
        CAS_INFO_MESSAGES_ORDER: 'maintenance,cas_explained',
      },
    });
    await seedUsersAndServices(server);
  });

  afterAll(async () => {
    await server?.stop();
  });

  const loginUrl = (params: Record<string, string> = {}) =>
    server.url(`/login${Object.keys(params).length ? `?${q(params)}` : ''}`);
  const inLanguage = (accept: string) => ({ headers: { 'accept-language': accept } });

  describe('languages', () => {
    it('speaks the language of Accept-Language and says so in Content-Language, Vary and <html lang>', async () => {
      const page = await new Browser().request(loginUrl({ service: APP }), inLanguage('de;q=1, fr-CA;q=0.9'));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-language')).toBe('fr');
      expect(page.headers.get('vary')).toContain('Accept-Language');
      expect(page.body).toContain('<html lang="fr">');
      expect(page.body).toContain('<label for="password">Mot de passe</label>');
      expect(decodeEntities(page.body)).toContain(`Authentification requise par le service app (${APP})`);
    });

    it('falls back to English for languages it does not have', async () => {
      const page = await new Browser().request(loginUrl(), inLanguage('de-DE, zh-TW;q=0.8'));
      expect(page.headers.get('content-language')).toBe('en');
      expect(page.body).toContain('<label for="password">Password</label>');
    });

    it('remembers the language chosen with the switcher, over the browser preference', async () => {
      const browser = new Browser();
      const form = await browser.request(loginUrl({ service: APP }), inLanguage('fr'));
      const link = /href="([^"]*\/language\?[^"]*lang(?:=|&#x3D;)nl[^"]*)"/.exec(form.body);
      expect(link).not.toBeNull();
      const chosen = await browser.get(`${server.origin}${decodeEntities(link![1])}`);
      expect(chosen.status).toBe(303);
      expect(chosen.location).toBe(`/cas/login?${q({ service: APP })}`);
      expect(chosen.headers.getSetCookie().join()).toMatch(/cas_lang=nl;.*Max-Age=31536000/);
      const dutch = await browser.request(`${server.origin}${chosen.location}`, inLanguage('fr'));
      expect(dutch.headers.get('content-language')).toBe('nl');
      expect(dutch.body).toContain('Wachtwoord');
      expect(formFields(dutch.body).service).toBe(APP);
    });

    it('never sends the switcher back to another site', async () => {
      const browser = new Browser();
      for (const next of ['https://evil.example.com/', '//evil.example.com/', '/elsewhere']) {
        const page = await browser.get(server.url(`/language?${q({ lang: 'fr', next })}`));
        expect(page.status).toBe(303);
        expect(page.location).toBe('/cas/login');
      }
      const unknown = await new Browser().get(server.url(`/language?${q({ lang: 'xx' })}`));
      expect(unknown.headers.getSetCookie()).toEqual([]);
    });

    it('translates the refusals of the login flow, tied to the fields they are about', async () => {
      const browser = new Browser();
      const fields = formFields((await browser.request(loginUrl(), inLanguage('pt-BR'))).body);
      const failed = await browser.request(server.url('/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'pt-BR' },
        body: new URLSearchParams({ ...fields, username: 'alice', password: 'wrong' }).toString(),
      });
      expect(failed.status).toBe(401);
      expect(failed.body).toContain(
        '<p id="message-0" class="message message-error" role="alert">Nome de usuário ou senha incorretos.</p>',
      );
      expect(failed.body).toMatch(/<input id="username"[^>]* aria-invalid="true" aria-describedby="message-0"/);
      expect(failed.body).toMatch(/<input id="password"[^>]* aria-describedby="message-0"[^>]* autofocus>/);
    });

    it('translates the logout result, with the plural of the language', async () => {
      const browser = new Browser();
      await login(browser, loginUrl(), 'alice', 'wonderland');
      const page = await browser.request(server.url('/logout'), inLanguage('nl'));
      expect(page.body).toContain('Uitloggen geslaagd: 1 sessie gesloten');
      const again = await browser.request(server.url('/logout'), inLanguage('zh-CN'));
      expect(again.body).toContain('您已经退出登录了');
    });
  });

  describe('information messages', () => {
    it('shows CAS_INFO_MESSAGES in CAS_INFO_MESSAGES_ORDER, in the page language', async () => {
      const page = await new Browser().request(loginUrl(), inLanguage('fr'));
      const body = decodeEntities(page.body);
      const maintenance = body.indexOf('Maintenance dimanche');
      const explained = body.indexOf('unused: the default text is replaced');
      expect(maintenance).toBeGreaterThan(0);
      expect(explained).toBeGreaterThan(maintenance);
    });

    it('hides a dismissed notice for this browser, keeps the others', async () => {
      const browser = new Browser();
      const page = await browser.get(loginUrl({ service: APP }));
      expect(page.body.match(/messages\/dismiss/g)).toHaveLength(1);
      const dismissed = await browser.post(server.url('/messages/dismiss'), {
        id: 'cas_explained',
        next: `/cas/login?${q({ service: APP })}`,
      });
      expect(dismissed.status).toBe(303);
      expect(dismissed.location).toBe(`/cas/login?${q({ service: APP })}`);
      const after = await browser.get(loginUrl({ service: APP }));
      expect(after.body).not.toContain('unused: the default text is replaced');
      expect(after.body).toContain('Maintenance on Sunday');
      await browser.post(server.url('/messages/dismiss'), { id: 'maintenance' });
      expect((await browser.get(loginUrl())).body).toContain('Maintenance on Sunday');
      expect((await new Browser().get(loginUrl())).body).toContain('unused: the default text is replaced');
    });
  });

  describe('AJAX mode (CAS_ENABLE_AJAX_AUTH and X-AJAX)', () => {
    const ajax = { 'x-ajax': '1' };

    async function json(browser: Browser, url: string, init: RequestInit = {}) {
      const page = await browser.request(url, { ...init, headers: { ...ajax, ...(init.headers ?? {}) } });
      expect(page.headers.get('content-type')).toMatch(/^application\/json/);
      return { status: page.status, body: JSON.parse(page.body) as Record<string, unknown> };
    }

    it('answers login required, with the login URL and the messages', async () => {
      const answer = await json(new Browser(), loginUrl({ service: APP }));
      expect(answer.body).toEqual({
        status: 'error',
        detail: 'login required',
        url: `/cas/login?${q({ service: APP })}`,
        messages: [{ level: 'info', message: `Authentication required by service app (${APP})` }],
      });
    });

    it('answers auth with the service URL and its ticket, then logged, then confirmation needed with warn', async () => {
      const browser = new Browser();
      const fields = formFields((await browser.get(loginUrl({ service: APP }))).body);
      const answer = await json(browser, server.url('/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, username: 'alice', password: 'wonderland', warn: 'on' }).toString(),
      });
      expect(answer.body).toMatchObject({ status: 'success', detail: 'auth' });
      expect(ticketFrom(answer.body.url as string)).toMatch(/^ST-/);
      expect((await json(browser, loginUrl())).body).toEqual({ status: 'success', detail: 'logged' });
      expect((await json(browser, loginUrl({ service: APP }))).body).toEqual({
        status: 'error',
        detail: 'confirmation needed',
      });
    });

    it('answers auth errors with their messages, in the page language', async () => {
      const browser = new Browser();
      await login(browser, loginUrl(), 'alice', 'wonderland');
      const refused = await json(browser, loginUrl({ service: 'https://evil.example.com/' }), {
        headers: { 'accept-language': 'fr' },
      });
      expect(refused.body).toEqual({
        status: 'error',
        detail: 'auth',
        messages: [{ level: 'error', message: 'URL de service non autorisée' }],
      });
      const bad = await json(new Browser(), server.url('/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ lt: 'LT-nope', username: 'alice', password: 'x' }).toString(),
      });
      expect(bad.body).toMatchObject({ status: 'error', detail: 'login required', url: '/cas/login' });
      expect(bad.body.messages).toEqual([{ level: 'error', message: 'Invalid login ticket' }]);
    });

    it('answers logout with the number of sessions closed', async () => {
      const browser = new Browser();
      await login(browser, loginUrl(), 'alice', 'wonderland');
      expect((await json(browser, server.url('/logout'))).body).toEqual({
        status: 'success',
        detail: 'logout',
        session_nb: 1,
      });
      expect((await json(browser, server.url(`/logout?${q({ service: APP })}`))).body).toEqual({
        status: 'success',
        detail: 'logout',
        session_nb: 0,
        url: APP,
      });
    });

    it('answers with pages and redirects without the header', async () => {
      const page = await new Browser().get(loginUrl({ service: APP }));
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    });
  });
});

describe.each(DATABASES)('branding on %s', (db) => {
  let server: CasServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cas-templates-'));
    mkdirSync(join(dir, 'partials'));
    // An organisation's folder: its own login page using a partial of its own, a replaced
    // built-in partial, and a logged page chosen by name.
    writeFileSync(
      join(dir, 'login.hbs'),
      '<h1>{{t "login.heading"}}</h1>{{> org-help}}{{> messages}}<form method="post" action="{{prefix}}/login">' +
        '{{> hidden-fields}}<input name="username" value="{{username}}"><input name="password" type="password">' +
        '<button>{{t "login.submit"}}</button></form>',
    );
    writeFileSync(join(dir, 'partials', 'org-help.hbs'), '<p class="org-help">Help desk: 555-0100</p>');
    writeFileSync(join(dir, 'partials', 'language-switcher.hbs'), '<p class="org-switcher">{{lang}}</p>');
    writeFileSync(join(dir, 'acme-logged.hbs'), '<h1>ACME</h1><p>{{t "logged.text" username=(strong username)}}</p>');
    server = await CasServer.start({
      db,
      env: {
        CAS_TEMPLATES_DIR: dir,
        CAS_LOGGED_TEMPLATE: 'acme-logged',
        CAS_LOGO_URL: 'https://static.example.org/acme.svg',
        CAS_FAVICON_URL: '/favicon.ico',
        CAS_SHOW_POWERED: 'false',
      },
    });
    await seedUsersAndServices(server);
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the organisation pages and partials in place of the built-in ones', async () => {
    const browser = new Browser();
    const page = await browser.get(server.url('/login'));
    expect(page.body).toContain('<p class="org-help">Help desk: 555-0100</p>');
    expect(page.body).toContain('<p class="org-switcher">en</p>');
    expect(page.body).not.toContain('/cas/language?');
    expect(page.body).toContain('<img src="https://static.example.org/acme.svg"');
    expect(page.body).toContain('<link rel="icon" href="/favicon.ico">');
    expect(page.body).not.toContain('Powered by');
    const logged = await browser.post(server.url('/login'), {
      ...formFields(page.body),
      username: 'alice',
      password: 'wonderland',
    });
    expect(logged.body).toContain('<h1>ACME</h1>');
    expect(logged.body).toContain('signed in as <strong>alice</strong>');
    // Pages not replaced stay the built-in ones.
    expect((await browser.get(server.url('/logout'))).body).toContain('Logout successful');
  });

  it('ignores X-AJAX while CAS_ENABLE_AJAX_AUTH is off', async () => {
    const page = await new Browser().request(server.url('/login'), { headers: { 'x-ajax': '1' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('template settings are checked at start', () => {
  it.each([
    ['CAS_TEMPLATES_DIR', '/nonexistent/templates'],
    ['CAS_LOGIN_TEMPLATE', 'no-such-page'],
    ['CAS_LOGOUT_TEMPLATE', '/nonexistent/logout.hbs'],
    ['CAS_WARN_TEMPLATE', join(__dirname, 'support', 'broken-template.hbs')],
  ])('a bad %s stops the server with a message naming it', (name, value) => {
    const dbDir = mkdtempSync(join(tmpdir(), 'cas-test-'));
    try {
      const result = spawnSync(process.execPath, [MAIN], {
        env: { ...process.env, [name]: value, PORT: '0', DATABASE_URL: `sqlite:${join(dbDir, 'cas.sqlite')}` },
        encoding: 'utf8',
        timeout: 20000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`Invalid setting ${name}`);
    } finally {
      rmSync(dbDir, { recursive: true, force: true });
    }
  });
});
