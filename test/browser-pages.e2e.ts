/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { CATALOGUES, LANGUAGES } from '../src/i18n/languages';
import { translate, translateMessage } from '../src/i18n/translate';
import { CasServer } from './support/cas-server';
import { seedUsersAndServices } from './support/fixtures';
import { RealBrowser, axeViolations, screenshots } from './support/real-browser';
import { TestApp } from './support/test-app';
import { DATABASES } from './support/test-db';

/**
 * The login experience in a real browser (Debian's Chromium): a protected application sends the
 * browser to the CAS server, the person logs in with the keyboard, is sent back with a ticket
 * the application validates; then the warn confirmation, the logged page and the logout; in
 * every language, with axe-core finding no accessibility violation on any page.
 */
describe.each(DATABASES)('the login pages in Chromium, on %s', (db) => {
  let server: CasServer;
  let app: TestApp;
  let browser: RealBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_INFO_MESSAGES_ORDER: 'cas_explained' } });
    await seedUsersAndServices(server);
    app = await TestApp.start(server.url(''));
    const added = await server.cli(['services:add', '--name', 'Test app', '--pattern', app.pattern]);
    expect(added.code).toBe(0);
    browser = await RealBrowser.launch();
    page = await browser.newPage();
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.stop();
  });

  /** axe-core, then screenshots at desktop and phone widths (saved on the first database only). */
  async function check(name: string): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    if (db === DATABASES[0]) {
      const { phoneOverflow } = await screenshots(page, name);
      expect(phoneOverflow).toBeLessThanOrEqual(0);
    }
  }

  async function focused(): Promise<string> {
    return page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName.toLowerCase()}#${el.id || el.getAttribute('name') || ''}` : '';
    });
  }

  /** Presses Tab until the element matching `selector` has the focus (keyboard only). */
  async function tabTo(selector: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  it.each(LANGUAGES)(
    'in %s: login, bad password, warn, logged, logout — translated, accessible, keyboard-only',
    async (language) => {
      await browser.context.clearCookies();
      await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });

      // The protected application sends the browser to the login page, with itself as service.
      await page.goto(app.url);
      expect(page.url()).toBe(server.url(`/login?${new URLSearchParams({ service: app.url })}`));
      if (language !== 'en') {
        // The switcher, a plain link: the same page comes back in the chosen language.
        await page.click(`nav.languages a[lang="${language}"]`);
        expect(page.url()).toBe(server.url(`/login?${new URLSearchParams({ service: app.url })}`));
      }
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.textContent('h1')).toBe(translate(language, 'login.heading'));
      expect(await page.textContent('label[for="password"]')).toBe(translate(language, 'login.password'));
      expect(await page.textContent('main')).toContain(
        translate(language, 'msg.serviceRequired', { name: 'Test app', url: app.url }),
      );
      expect(await page.textContent('main')).toContain(CATALOGUES[language]['msg.casExplained']);
      expect(await page.textContent('nav.languages a[aria-current="true"]')).toBe(
        CATALOGUES[language]['language.name'],
      );
      expect(await page.getAttribute('#username', 'autocomplete')).toBe('username');
      expect(await page.getAttribute('#password', 'autocomplete')).toBe('current-password');
      await check(`${language}-login`);

      // A wrong password, typed: the error is announced and tied to the fields.
      expect(await focused()).toBe('input#username');
      await page.keyboard.type('alice');
      await page.keyboard.press('Tab');
      await page.keyboard.type('not-the-password');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[role="alert"]');
      expect(await page.textContent('[role="alert"]')).toBe(translate(language, 'msg.badCredentials'));
      const describedBy = await page.getAttribute('#password', 'aria-describedby');
      expect(await page.textContent(`#${describedBy}`)).toBe(translate(language, 'msg.badCredentials'));
      expect(await focused()).toBe('input#password');
      await check(`${language}-login-error`);

      // The right password, "warn me" ticked with the space bar, submitted from the button.
      await page.keyboard.type('wonderland');
      await tabTo('#warn');
      await page.keyboard.press('Space');
      await tabTo('form.login button');
      expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe(
        'none',
      );
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.href.startsWith(app.url));
      expect(page.url()).toMatch(/\/app\/\?ticket=ST-/);
      expect(await page.textContent('#greeting')).toBe('Hello alice');

      // Back to the application: with warn on, the CAS server asks first.
      await page.goto(app.url);
      expect(await page.textContent('h1')).toBe(translate(language, 'warn.heading', { service: 'Test app' }));
      expect(await page.textContent('main')).toContain(app.url);
      await check(`${language}-warn`);
      await tabTo('form.confirm button');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.href.startsWith(app.url));
      expect(await page.textContent('#greeting')).toBe('Hello alice');

      // The CAS server itself: who is signed in, since when, how to sign out.
      await page.goto(server.url('/login'));
      expect(await page.textContent('h1')).toBe(translate(language, 'logged.heading'));
      expect(await page.textContent('main strong')).toBe('alice');
      expect(await page.getAttribute('main time', 'datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      await check(`${language}-logged`);

      await page.click(`a[href="/cas/logout"]`);
      expect(await page.textContent('h1')).toBe(translate(language, 'logout.heading'));
      expect(await page.textContent('[role="status"]')).toBe(
        translateMessage(language, { key: 'msg.logoutSuccess', plural: 1, params: { count: 1 } }),
      );
      await check(`${language}-logout`);

      // Logged out for real: the application gets the login page again.
      await page.goto(app.url);
      expect(await page.textContent('h1')).toBe(translate(language, 'login.heading'));
    },
  );

  it('dismisses a notice without JavaScript help, and remembers it', async () => {
    await browser.context.clearCookies();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    await page.goto(app.url);
    expect(await page.textContent('main')).toContain(CATALOGUES.en['msg.casExplained']);
    await page.click('.notice button');
    expect(page.url()).toBe(server.url(`/login?${new URLSearchParams({ service: app.url })}`));
    expect(await page.textContent('main')).not.toContain(CATALOGUES.en['msg.casExplained']);
    await page.goto(server.url('/login'));
    expect(await page.locator('.notice').count()).toBe(0);
  });

  it('made no request to anything but the test servers, and broke no CSP rule', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
