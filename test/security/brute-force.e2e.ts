/**
 * Brute force against the login form and /auth, with the default settings (3 failures within
 * 2 minutes block a (username, address) pair for 5 minutes; a username is only slowed down
 * across addresses). Client addresses come from X-Forwarded-For of a trusted proxy.
 */
import { Browser, formFields, type Page } from '../support/browser';
import { CasServer, runCli } from '../support/cas-server';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';

const SECRET = 'a shared secret for the auth helper';

describe.each(DATABASES)('brute force on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({
      db,
      env: { CAS_TRUSTED_PROXIES: '127.0.0.1', CAS_AUTH_SHARED_SECRET: SECRET },
    });
    await seedUsersAndServices(server);
    for (const name of ['carol', 'dave', 'erin']) {
      expect((await server.cli(['users:create', name], 'right password\n')).code).toBe(0);
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** One login attempt through the form, from a fresh browser at `address`. */
  async function attempt(username: string, password: string, address: string, service = APP): Promise<Page> {
    const browser = new Browser();
    const headers = { 'x-forwarded-for': address };
    const form = await browser.request(server.url(`/login?${q({ service })}`), { headers });
    expect(form.status).toBe(200);
    return browser.request(server.url('/login'), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: q({ ...formFields(form.body), username, password }),
    });
  }

  /** A page without what legitimately differs between two answers (login ticket, username). */
  function shape(page: Page): string {
    return page.body.replace(/LT-[A-Za-z0-9]+/g, 'LT').replace(/value="[^"]*" autocomplete="username"/, '');
  }

  const failuresLogged = (username: string) =>
    server
      .logs()
      .split('\n')
      .filter((l) => l.includes(`login failed for "${username}"`)).length;

  it('from one address: the block engages at the 3rd failure, even for the right password', async () => {
    for (let i = 1; i <= 3; i++) {
      const page = await attempt('carol', `guess ${i}`, '198.51.100.1');
      expect(page.status).toBe(401);
      expect(page.body).toContain('Wrong username or password.');
    }
    const blocked = await attempt('carol', 'right password', '198.51.100.1');
    expect(blocked.status).toBe(429);
    expect(blocked.body).toContain('Too many failed login attempts');
    expect(blocked.location).toBeNull();
    // The authentication source was not even asked while blocked.
    expect(failuresLogged('carol')).toBe(3);
    expect(server.logs()).toMatch(/login: attempt for "carol" from 198\.51\.100\.1 refused: too many failures/);
    // Another case of the same username is the same username.
    expect((await attempt('CAROL', 'right password', '198.51.100.1')).status).toBe(429);
  });

  it('the attacker cannot lock the real user out from the user’s own address', async () => {
    const own = await attempt('carol', 'right password', '203.0.113.50');
    expect(own.status).toBe(302);
    expect(own.location).toMatch(/ticket=ST-/);
  });

  it('a blocked attempt looks the same whether or not the user exists', async () => {
    const address = '198.51.100.2';
    const answers: Record<string, Page[]> = { dave: [], 'no-such-user': [] };
    for (const username of Object.keys(answers)) {
      for (let i = 1; i <= 4; i++) answers[username].push(await attempt(username, `guess ${i}`, address));
    }
    const statuses = (pages: Page[]) => pages.map((p) => p.status);
    expect(statuses(answers.dave)).toEqual([401, 401, 401, 429]);
    expect(statuses(answers['no-such-user'])).toEqual([401, 401, 401, 429]);
    for (let i = 0; i < 4; i++) expect(shape(answers.dave[i])).toBe(shape(answers['no-such-user'][i]));
  });

  it('across addresses for one user: never a block, a slow-down past 10 failures, the user still gets in', async () => {
    for (let i = 1; i <= 12; i++) {
      const page = await attempt('erin', `guess ${i}`, `192.0.2.${i}`);
      expect(page.status).toBe(401);
    }
    const slowed = server.logs().match(/login: attempt for "erin" from [\d.]+ slowed down by \d+ ms/g) ?? [];
    // Failures 1..10 are free; the 11th and 12th attempts came after 10 and 11 failures.
    expect(slowed).toEqual(['login: attempt for "erin" from 192.0.2.12 slowed down by 1000 ms']);
    const owner = await attempt('erin', 'right password', '203.0.113.60');
    expect(owner.status).toBe(302);
    expect(server.logs()).toMatch(/login: attempt for "erin" from 203\.0\.113\.60 slowed down by 2000 ms/);
  });

  it('/auth: the same block, answering no without asking the source', async () => {
    const ask = async (password: string, address: string) => {
      const res = await fetch(server.url('/auth'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
        body: q({ username: 'bob', password, service: APP, secret: SECRET }),
      });
      return res.text();
    };
    expect(await ask('builder', '198.51.100.3')).toBe('yes\n');
    for (let i = 1; i <= 3; i++) expect(await ask(`guess ${i}`, '198.51.100.3')).toBe('no\n');
    expect(await ask('builder', '198.51.100.3')).toBe('no\n');
    expect(server.logs()).toMatch(/\/auth: attempt for "bob" from 198\.51\.100\.3 refused: too many failures/);
    expect(await ask('builder', '198.51.100.4')).toBe('yes\n');
  });

  it('a success clears the pair: the user gets three fresh tries after logging in', async () => {
    const address = '198.51.100.5';
    expect((await attempt('bob', 'typo', address)).status).toBe(401);
    expect((await attempt('bob', 'typo', address)).status).toBe(401);
    expect((await attempt('bob', 'builder', address)).status).toBe(302);
    for (let i = 0; i < 2; i++) expect((await attempt('bob', 'typo', address)).status).toBe(401);
    expect((await attempt('bob', 'builder', address)).status).toBe(302);
  });

  it('the cleanup job deletes counters that no longer count, and keeps blocks in force', async () => {
    // With a one-second window, every counter of the tests above that is not blocked is stale.
    const cleaned = await runCli(['clean-tickets'], { ...server.env, CAS_THROTTLE_WINDOW: '1' });
    expect(cleaned.code).toBe(0);
    expect(Number(/(\d+) failed-login counters/.exec(cleaned.stdout)?.[1])).toBeGreaterThan(0);
    expect((await attempt('carol', 'right password', '198.51.100.1')).status).toBe(429);
  });
});
