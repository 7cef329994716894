/**
 * The pages as an organisation and its people meet them: only the fields at fault are marked
 * invalid, the messages say plainly what happened (and how long a block lasts), an unknown
 * address is a page for a browser and a problem document for an API client, and the site name,
 * stylesheet, logo and favicon come from settings (CAS_SITE_NAME, CAS_STATIC_DIR).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, decodeEntities, formFields, type Page } from './support/browser';
import { CasServer } from './support/cas-server';
import { APP, q, seedUsersAndServices } from './support/fixtures';
import { DATABASES } from './support/test-db';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** The attributes of the `<input id="…">` tag of a page. */
function input(body: string, id: string): string {
  const tag = new RegExp(`<input id="${id}"[^>]*>`).exec(body);
  if (!tag) throw new Error(`no input #${id}`);
  return tag[0];
}

describe.each(DATABASES)('pages on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({
      db,
      env: {
        CAS_TRUSTED_PROXIES: '127.0.0.1',
        // Two failures block for 90 s: the page must say "2 minutes", not "a moment".
        CAS_THROTTLE_MAX_FAILURES: '2',
        CAS_THROTTLE_BLOCK: '90',
        CAS_THROTTLE_DELAY_MS: '0',
      },
    });
    await seedUsersAndServices(server);
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function post(
    browser: Browser,
    form: Page,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Page> {
    return browser.request(server.url('/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: q({ ...formFields(form.body), ...fields }),
    });
  }

  describe('fields at fault', () => {
    it('a fresh login page marks no field invalid', async () => {
      const page = await new Browser().get(server.url(`/login?${q({ service: APP })}`));
      expect(input(page.body, 'username')).not.toContain('aria-invalid');
      expect(input(page.body, 'password')).not.toContain('aria-invalid');
      expect(input(page.body, 'username')).toContain('autofocus');
    });

    it('a refused service URL is an error about the URL: both fields stay unmarked', async () => {
      const page = await new Browser().get(server.url(`/login?${q({ service: 'https://evil.example.com/' })}`));
      expect(page.status).toBe(200);
      expect(page.body).toContain('role="alert">Service URL not allowed</p>');
      expect(input(page.body, 'username')).not.toMatch(/aria-invalid|aria-describedby/);
      expect(input(page.body, 'password')).not.toMatch(/aria-invalid|aria-describedby/);
    });

    it('wrong credentials mark both fields (either may be wrong), tied to the message', async () => {
      const browser = new Browser();
      const form = await browser.get(server.url('/login'));
      const failed = await post(browser, form, { username: 'alice', password: 'wrong' });
      expect(failed.status).toBe(401);
      expect(failed.body).toContain(
        '<p id="message-0" class="message message-error" role="alert">Wrong username or password.</p>',
      );
      for (const id of ['username', 'password']) {
        expect(input(failed.body, id)).toContain('aria-invalid="true" aria-describedby="message-0"');
      }
    });

    it('an empty password marks the password alone, and says what to do', async () => {
      const browser = new Browser();
      const form = await browser.get(server.url('/login'));
      const failed = await post(browser, form, { username: 'alice', password: '' });
      expect(failed.status).toBe(401);
      expect(failed.body).toContain('role="alert">Enter your username and password.</p>');
      expect(input(failed.body, 'username')).not.toContain('aria-invalid');
      expect(input(failed.body, 'password')).toContain('aria-invalid="true" aria-describedby="message-0"');
    });

    it('an invalid login ticket is not the fields’ fault', async () => {
      const failed = await new Browser().post(server.url('/login'), {
        lt: 'LT-nope',
        username: 'alice',
        password: 'x',
      });
      expect(failed.status).toBe(400);
      expect(input(failed.body, 'username')).not.toContain('aria-invalid');
      expect(input(failed.body, 'password')).not.toContain('aria-invalid');
    });
  });

  describe('wording', () => {
    it('a block says how long it lasts, in the page language, and marks no field', async () => {
      const headers = { 'x-forwarded-for': '198.51.100.7' };
      const attempt = async (language: string) => {
        const browser = new Browser();
        const form = await browser.request(server.url('/login'), { headers });
        return post(browser, form, { username: 'bob', password: 'guess' }, { ...headers, 'accept-language': language });
      };
      expect((await attempt('en')).status).toBe(401);
      expect((await attempt('en')).status).toBe(401);
      const blocked = await attempt('en');
      expect(blocked.status).toBe(429);
      expect(blocked.body).toContain('role="alert">Too many failed login attempts. Try again in 2 minutes.</p>');
      expect(blocked.body).not.toContain('a moment');
      expect(input(blocked.body, 'username')).not.toContain('aria-invalid');
      expect(input(blocked.body, 'password')).not.toContain('aria-invalid');
      const expected: Record<string, string> = {
        fr: 'Réessayez dans 2\u00a0minutes.',
        nl: 'Probeer het over 2 minuten opnieuw.',
        'pt-BR': 'Tente novamente em 2 minutos.',
        'zh-Hans': '请在 2 分钟后重试。',
      };
      for (const [language, text] of Object.entries(expected)) {
        const page = await attempt(language);
        expect(page.status).toBe(429);
        expect(decodeEntities(page.body)).toContain(text);
      }
    });

    it('a login without a service says it succeeded, plainly', async () => {
      const browser = new Browser();
      const form = await browser.get(server.url('/login'));
      const logged = await post(browser, form, { username: 'alice', password: 'wonderland' });
      expect(logged.status).toBe(200);
      expect(logged.body).toContain('role="status">Login successful.</p>');
      expect(logged.body).not.toMatch(/Log In Successful|cannot be determined to be authentic/);
    });
  });

  describe('unknown addresses', () => {
    it('are a page for a browser: status 404, the site layout, the page language', async () => {
      for (const path of ['/nope', '/static/nope.css', '/login/extra', '/p3/nope']) {
        const page = await new Browser().request(server.url(path), {
          headers: { accept: BROWSER_ACCEPT, 'accept-language': 'fr' },
        });
        expect({ path, status: page.status }).toEqual({ path, status: 404 });
        expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(page.headers.get('content-language')).toBe('fr');
        expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
        expect(page.body).toContain('<html lang="fr">');
        expect(page.body).toContain('<link rel="stylesheet" href="/cas/static/cas.css">');
        expect(page.body).toContain('<h1>Page introuvable</h1>');
        expect(page.body).toContain('<a class="button" href="/cas/login">Aller à la page de connexion</a>');
        expect(page.body).toContain('nav class="languages"');
      }
    });

    it('never echo the unknown address into the page', async () => {
      const page = await new Browser().request(server.url('/%3Cscript%3Ealert(1)%3C%2Fscript%3E-marker'), {
        headers: { accept: BROWSER_ACCEPT },
      });
      expect(page.status).toBe(404);
      expect(page.body).not.toContain('marker');
      expect(page.body).not.toContain('<script>');
    });

    it('are a problem document for an API client, whatever else it accepts', async () => {
      for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html;q=0.5']) {
        const res = await fetch(server.url('/nope'), { headers: accept ? { accept } : {} });
        expect({ accept, status: res.status }).toEqual({ accept, status: 404 });
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await res.json()).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Not found' });
      }
    });

    it('stay in the admin API’s format under /api/admin, and in the protocol’s on its endpoints', async () => {
      const admin = await fetch(`${server.origin}/api/admin/no-such-thing`, { headers: { accept: BROWSER_ACCEPT } });
      expect(admin.status).toBe(404);
      expect(admin.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // A method the endpoint does not take is still answered in CAS 1.0's format.
      const v1 = await fetch(server.url('/validate'), { method: 'PUT', headers: { accept: BROWSER_ACCEPT } });
      expect(await v1.text()).toBe('no\n\n');
    });
  });
});

describe.each(DATABASES)('branding settings on %s', (db) => {
  let server: CasServer;
  let site: string;
  const CSS = ':root { --accent: #8a1538; --accent-hover: #6d102c; }\n';
  // The smallest valid PNG: a 1×1 transparent pixel.
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'cas-site-'));
    writeFileSync(join(site, 'custom.css'), CSS);
    writeFileSync(join(site, 'logo.png'), PNG);
    writeFileSync(join(site, 'favicon.svg'), FAVICON);
    server = await CasServer.start({
      db,
      env: { CAS_SITE_NAME: 'ACME <Sign-in> & co', CAS_STATIC_DIR: site },
    });
    await seedUsersAndServices(server);
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(site, { recursive: true, force: true });
  });

  it('names the site in the header and the title, escaped, in every language', async () => {
    for (const language of ['en', 'fr', 'zh-Hans']) {
      const page = await new Browser().request(server.url('/login'), { headers: { 'accept-language': language } });
      expect(page.body).toContain('<p class="site-name">ACME &lt;Sign-in&gt; &amp; co</p>');
      expect(page.body).toMatch(/<title>[^<]+ · ACME &lt;Sign-in&gt; &amp; co<\/title>/);
      expect(page.body).not.toMatch(
        /Central Authentication Service<|Service Central d’Authentification<|中央认证服务</,
      );
    }
  });

  it('links custom.css after the built-in stylesheet, and uses the folder’s logo and favicon', async () => {
    const page = await new Browser().get(server.url('/login'));
    const body = decodeEntities(page.body);
    const links = [...body.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['/cas/static/cas.css', expect.stringMatching(/^\/cas\/static\/custom\.css\?v=\d+$/)]);
    expect(body).toMatch(/<img src="\/cas\/static\/logo\.png\?v=\d+" alt="" width="40" height="40">/);
    expect(body).toMatch(/<link rel="icon" href="\/cas\/static\/favicon\.svg\?v=\d+">/);
  });

  it('serves the folder’s files, before the built-in ones of the same name', async () => {
    const css = await fetch(server.url('/static/custom.css'));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toBe(CSS);
    const logo = await fetch(server.url('/static/logo.png'));
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(PNG);
    expect(await (await fetch(server.url('/static/favicon.svg'))).text()).toBe(FAVICON);
    // The built-in files the folder does not replace are still there.
    const builtIn = await fetch(server.url('/static/cas.css'));
    expect(builtIn.status).toBe(200);
    expect(await builtIn.text()).toContain('--focus');
    expect((await fetch(server.url('/static/logo.svg'))).status).toBe(200);
  });

  it('serves nothing outside the folder', async () => {
    for (const path of ['/static/..%2F..%2Fpackage.json', '/static/%2e%2e/%2e%2e/package.json']) {
      const res = await fetch(server.url(path));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(await res.text()).not.toContain('"dependencies"');
    }
  });
});

describe('branding settings are checked at start', () => {
  let file: string;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cas-site-'));
    file = join(dir, 'not-a-folder.css');
    writeFileSync(file, '');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['CAS_STATIC_DIR', () => '/nonexistent/static', 'does not exist'],
    ['CAS_STATIC_DIR', () => file, 'is not a directory'],
    ['CAS_SITE_NAME', () => 'two\nlines', 'one line of text'],
    ['CAS_SITE_NAME', () => 'x'.repeat(101), 'at most 100 characters'],
  ])('a bad %s stops the server with a message naming it', (name, value, detail) => {
    const dbDir = mkdtempSync(join(tmpdir(), 'cas-test-'));
    try {
      const result = spawnSync(process.execPath, [MAIN], {
        env: { ...process.env, [name]: value(), PORT: '0', DATABASE_URL: `sqlite:${join(dbDir, 'cas.sqlite')}` },
        encoding: 'utf8',
        timeout: 20000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`Invalid setting ${name}`);
      expect(result.stderr).toContain(detail);
    } finally {
      rmSync(dbDir, { recursive: true, force: true });
    }
  });
});
