/**
 * Two server processes on one database behind a round-robin proxy (each request goes to the
 * other process): single sign-on, login tickets, service tickets and brute-force counters all
 * live in the database, so the browser never notices which process answers.
 */
import { Browser, formFields, login, ticketFrom } from '../support/browser';
import { CasServer } from '../support/cas-server';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { RoundRobinProxy } from '../support/round-robin';
import { DATABASES } from '../support/test-db';

describe.each(DATABASES)('two processes on one %s database', (db) => {
  let a: CasServer;
  let b: CasServer;
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    a = await CasServer.start({ db });
    await seedUsersAndServices(a);
    b = await CasServer.start({ db: a.db });
    proxy = await RoundRobinProxy.start([a.port, b.port]);
  });

  afterAll(async () => {
    await proxy?.stop();
    await b?.stop({ keepDb: true });
    await a?.stop();
  });

  const url = (path: string, params: Record<string, string> = {}) =>
    proxy.url(`/cas${path}${Object.keys(params).length ? `?${q(params)}` : ''}`);

  it('SSO works across the processes, and a ticket validates once whichever process is asked', async () => {
    const before = [...proxy.served];
    const browser = new Browser();
    // The form comes from one process, the POST goes to the other: the login ticket and its
    // browser binding are shared.
    expect((await login(browser, url('/login'), 'alice', 'wonderland')).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const page = await browser.get(url('/login', { service: APP }));
      expect(page.location).toMatch(/ticket=ST-/);
      const ticket = ticketFrom(page.location);
      const first = await (await fetch(url('/p3/serviceValidate', { service: APP, ticket }))).text();
      expect(first).toContain('<cas:user>alice</cas:user>');
      const second = await (await fetch(url('/p3/serviceValidate', { service: APP, ticket }))).text();
      expect(second).toContain('code="INVALID_TICKET"');
    }
    // Logging out on one process ends the session for both.
    await browser.get(url('/logout'));
    for (let i = 0; i < 2; i++) expect((await browser.get(url('/login', { service: APP }))).location).toBeNull();
    expect(proxy.served[0] - before[0]).toBeGreaterThan(3);
    expect(proxy.served[1] - before[1]).toBeGreaterThan(3);
  });

  it('failed logins counted on either process add up to one block', async () => {
    const attempt = async (server: CasServer, password: string) => {
      const browser = new Browser();
      const form = formFields((await browser.get(server.url('/login'))).body);
      return browser.post(server.url('/login'), { ...form, username: 'bob', password });
    };
    expect((await attempt(a, 'guess 1')).status).toBe(401);
    expect((await attempt(b, 'guess 2')).status).toBe(401);
    expect((await attempt(a, 'guess 3')).status).toBe(401);
    expect((await attempt(b, 'builder')).status).toBe(429);
    expect((await attempt(a, 'builder')).status).toBe(429);
  });
});
