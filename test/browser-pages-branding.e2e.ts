/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CasServer } from './support/cas-server';
import { seedUsersAndServices } from './support/fixtures';
import { RealBrowser, axeViolations, screenshots } from './support/real-browser';
import { DATABASES } from './support/test-db';

/** The palette of public/cas.css, as the browser computes it. */
const FOCUS = 'rgb(11, 87, 208)';
const FOCUS_DARK = 'rgb(168, 199, 250)';
const ERROR = 'rgb(179, 38, 30)';
const BORDER = 'rgb(107, 117, 131)';

/** An organisation's look, as the README shows it: its colours, its logo, its name. */
const CUSTOM_CSS = `:root { --accent: #8a1538; --accent-hover: #6d102c; --on-accent: #fff; }
@media (prefers-color-scheme: dark) {
  :root { --accent: #f2a7bd; --accent-hover: #f8c8d6; --on-accent: #2a0611; }
}
`;
const BRAND_ACCENT = 'rgb(138, 21, 56)';
const BRAND_ACCENT_DARK = 'rgb(242, 167, 189)';
const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#8a1538"/>' +
  '<path d="M12 28 20 10l8 18h-4l-4-9-4 9z" fill="#fff"/></svg>';

interface FieldLook {
  invalid: string | null;
  border: string;
  outline: string;
  outlineStyle: string;
}

/**
 * The palette (focus ring, fields at fault), the wording of refusals, the 404 page and a branded
 * site in a real browser (Debian's Chromium), with screenshots in test-artifacts/screenshots/
 * and axe-core finding no accessibility violation.
 */
describe.each(DATABASES)('palette, wording, 404 and branding in Chromium, on %s', (db) => {
  let server: CasServer;
  let branded: CasServer;
  let site: string;
  let browser: RealBrowser;
  let page: Page;

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'cas-site-'));
    writeFileSync(join(site, 'custom.css'), CUSTOM_CSS);
    writeFileSync(join(site, 'logo.svg'), LOGO);
    server = await CasServer.start({
      db,
      env: {
        CAS_TRUSTED_PROXIES: '127.0.0.1',
        CAS_THROTTLE_MAX_FAILURES: '2',
        CAS_THROTTLE_BLOCK: '300',
        CAS_THROTTLE_DELAY_MS: '0',
      },
    });
    await seedUsersAndServices(server);
    branded = await CasServer.start({
      db,
      env: { CAS_SITE_NAME: 'ACME single sign-on', CAS_STATIC_DIR: site, CAS_INFO_MESSAGES_ORDER: 'cas_explained' },
    });
    browser = await RealBrowser.launch();
    page = await browser.newPage();
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await branded?.stop();
    await server?.stop();
    rmSync(site, { recursive: true, force: true });
  });

  /** axe-core, then screenshots at desktop and phone widths (saved on the first database only). */
  async function check(name: string): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    if (db === DATABASES[0]) {
      const { phoneOverflow } = await screenshots(page, name);
      expect(phoneOverflow).toBeLessThanOrEqual(0);
    }
  }

  async function look(selector: string): Promise<FieldLook> {
    return page.$eval(selector, (el) => {
      const style = getComputedStyle(el);
      return {
        invalid: el.getAttribute('aria-invalid'),
        border: style.borderTopColor,
        outline: style.outlineColor,
        outlineStyle: style.outlineStyle,
      };
    });
  }

  async function focusedId(): Promise<string> {
    return page.evaluate(() => document.activeElement?.id ?? '');
  }

  async function fresh(language = 'en', address = '198.51.100.1'): Promise<void> {
    await browser.context.clearCookies();
    await page.setExtraHTTPHeaders({ 'Accept-Language': language, 'X-Forwarded-For': address });
    await page.emulateMedia({ colorScheme: 'light' });
  }

  it('15: the autofocused field wears the focus colour, not the error red', async () => {
    await fresh();
    await page.goto(server.url('/login'));
    expect(await focusedId()).toBe('username');
    expect(await look('#username')).toEqual({ invalid: null, border: BORDER, outline: FOCUS, outlineStyle: 'solid' });
    expect(await look('#password')).toMatchObject({ invalid: null, border: BORDER, outlineStyle: 'none' });
    await check('palette-login-focus');

    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await look('#username')).toMatchObject({ outline: FOCUS_DARK, outlineStyle: 'solid' });
    await check('palette-login-focus-dark');
  });

  it('15: a refused service URL marks no field: the error is the URL', async () => {
    await fresh();
    await page.goto(server.url(`/login?${new URLSearchParams({ service: 'https://evil.example.com/' })}`));
    expect(await page.textContent('[role="alert"]')).toBe('Service URL not allowed');
    expect(await look('#username')).toMatchObject({ invalid: null, border: BORDER });
    expect(await look('#password')).toMatchObject({ invalid: null, border: BORDER });
    await check('palette-unknown-service');
  });

  it('15: wrong credentials mark both fields red, the focus ring stays the focus colour', async () => {
    await fresh();
    await page.goto(server.url('/login'));
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toBe('Wrong username or password.');
    expect(await focusedId()).toBe('password');
    expect(await look('#username')).toMatchObject({ invalid: 'true', border: ERROR, outlineStyle: 'none' });
    expect(await look('#password')).toEqual({ invalid: 'true', border: ERROR, outline: FOCUS, outlineStyle: 'solid' });
    await check('palette-bad-credentials');
  });

  it('16: a block says how long it lasts, in the page language', async () => {
    await fresh('en', '198.51.100.2');
    for (let i = 0; i < 2; i++) {
      await page.goto(server.url('/login'));
      await page.fill('#username', 'bob');
      await page.fill('#password', `guess ${i}`);
      await page.click('form.login button');
      await page.waitForSelector('[role="alert"]');
    }
    await page.goto(server.url('/login'));
    await page.fill('#username', 'bob');
    await page.fill('#password', 'builder');
    await page.click('form.login button');
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toBe('Too many failed login attempts. Try again in 5 minutes.');
    expect(await page.locator('[aria-invalid]').count()).toBe(0);
    await check('wording-throttled');

    await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr', 'X-Forwarded-For': '198.51.100.2' });
    await page.fill('#password', 'builder');
    await page.click('form.login button');
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toBe(
      'Trop de tentatives de connexion échouées. Réessayez dans 5\u00a0minutes.',
    );
    await check('wording-throttled-fr');
  });

  it('16: a login without a service says it succeeded, plainly', async () => {
    await fresh('en', '198.51.100.3');
    await page.goto(server.url('/login'));
    await page.fill('#username', 'alice');
    await page.fill('#password', 'wonderland');
    await page.click('form.login button');
    await page.waitForSelector('[role="status"]');
    expect(await page.textContent('[role="status"]')).toBe('Login successful.');
    await check('wording-login-success');
  });

  it('17: an unknown address is a page in the site layout and the page language', async () => {
    for (const language of ['en', 'zh-Hans']) {
      await fresh(language);
      const answer = await page.goto(server.url('/no/such/page'));
      expect(answer?.status()).toBe(404);
      expect(answer?.headers()['content-type']).toBe('text/html; charset=utf-8');
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.textContent('h1')).toBe(language === 'en' ? 'Page not found' : '找不到页面');
      expect(await page.$eval('header.site img', (img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await page.keyboard.press('Tab');
      await check(`not-found-${language}`);
    }
    await page.click('main a.button');
    expect(page.url()).toBe(server.url('/login'));
  });

  it('18: a branded site: its name, its colours, its logo', async () => {
    await fresh();
    await page.goto(branded.url('/login'));
    expect(await page.textContent('.site-name')).toBe('ACME single sign-on');
    expect(await page.title()).toBe('Log in · ACME single sign-on');
    expect(await page.$eval('form.login button', (b) => getComputedStyle(b).backgroundColor)).toBe(BRAND_ACCENT);
    const logo = await page.$eval('header.site img', (img: HTMLImageElement) => ({
      src: img.getAttribute('src'),
      loaded: img.complete && img.naturalWidth > 0,
    }));
    expect(logo).toEqual({ src: expect.stringMatching(/^\/cas\/static\/logo\.svg\?v=\d+$/), loaded: true });
    // The focus ring is ours still: an organisation's colours do not hide the keyboard focus.
    expect(await look('#username')).toMatchObject({ outline: FOCUS, outlineStyle: 'solid' });
    await check('branded-login');

    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.$eval('form.login button', (b) => getComputedStyle(b).backgroundColor)).toBe(BRAND_ACCENT_DARK);
    await check('branded-login-dark');
  });

  it('made no request to anything but the test servers, and broke no CSP rule', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
