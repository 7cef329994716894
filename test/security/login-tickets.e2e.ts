/**
 * Login tickets and the pre-session cookie they are bound to (issue 14, items 5 and 8): showing
 * a form stores nothing, a ticket is spent once (also concurrently and across two processes on
 * one database), and the cookie is one the server issued, `__Host-` over https (like the SSO
 * cookie, so that no sibling subdomain can plant either).
 */
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { Browser, formFields, type Page } from '../support/browser';
import { CasServer } from '../support/cas-server';
import { queryDb } from '../support/db-query';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES, type TestDb } from '../support/test-db';

/** Writes to the test database (the spent-ticket cleanup needs a row long expired). */
async function writeDb(db: TestDb, sql: string): Promise<void> {
  if (db.kind === 'sqlite') {
    const sqlite = new Database(db.url.slice('sqlite:'.length));
    try {
      sqlite.exec(sql);
    } finally {
      sqlite.close();
    }
    return;
  }
  const url = new URL(db.url);
  const conn = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: 'root' });
  try {
    await conn.query(`USE \`${url.pathname.slice(1)}\``);
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

async function count(db: TestDb, table: string): Promise<number> {
  const rows = await queryDb<{ n: number | string }>(db, `SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

function setCookie(page: Page, name: string): string | undefined {
  return page.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

/** `count` requests, `parallel` at a time. */
async function flood(count: number, parallel: number, request: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await request(next++);
    }),
  );
}

describe.each(DATABASES)('login tickets on %s', (db) => {
  let server: CasServer;
  let sibling: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_TRUSTED_PROXIES: '127.0.0.1', CAS_THROTTLE_ENABLED: 'false' } });
    await seedUsersAndServices(server);
    sibling = await CasServer.start({ db: server.db, env: server.env });
  });

  afterAll(async () => {
    await sibling?.stop({ keepDb: true });
    await server?.stop();
  });

  const url = (path: string, params: Record<string, string> = {}, on = server) =>
    on.url(`${path}${Object.keys(params).length ? `?${q(params)}` : ''}`);

  async function post(browser: Browser, fields: Record<string, string>, on = server): Promise<Page> {
    return browser.post(url('/login', {}, on), { ...fields, username: 'alice', password: 'wonderland' });
  }

  it('a flood of cookie-less login pages stores nothing: 2000 GETs leave zero rows', async () => {
    const before = await count(server.db, 'consumed_login_tickets');
    await flood(2000, 16, async (i) => {
      const res = await fetch(url('/login', i % 2 ? { service: APP } : {}));
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/name="lt" value="LT-[A-Za-z0-9]+"/);
    });
    expect(await count(server.db, 'consumed_login_tickets')).toBe(before);
    expect(await count(server.db, 'server_secrets')).toBe(1);
  });

  it('a flood of posts with forged or foreign tickets stores nothing either', async () => {
    const before = await count(server.db, 'consumed_login_tickets');
    const victim = new Browser();
    const genuine = formFields((await victim.get(url('/login'))).body).lt;
    const forgeries = [
      genuine.slice(0, -1) + (genuine.endsWith('0') ? '1' : '0'),
      `LT-${'a'.repeat(61)}`,
      'LT-1',
      genuine, // shown to another browser
    ];
    await flood(400, 16, async (i) => {
      const browser = new Browser();
      const page = await browser.get(url('/login'));
      const answer = await post(browser, { ...formFields(page.body), lt: forgeries[i % forgeries.length] });
      expect(answer.status).toBe(400);
    });
    expect(await count(server.db, 'consumed_login_tickets')).toBe(before);
  });

  it('a ticket is good for one POST: the replay is refused', async () => {
    const browser = new Browser();
    const fields = formFields((await browser.get(url('/login', { service: APP }))).body);
    const first = await post(browser, fields);
    expect(first.location).toMatch(/ticket=ST-/);
    const replay = await post(browser, fields);
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('Invalid login ticket');
  });

  it('twenty concurrent posts of one ticket: exactly one logs in', async () => {
    const browser = new Browser();
    const fields = formFields((await browser.get(url('/login', { service: APP }))).body);
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(url('/login', {}, i % 2 ? sibling : server), {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: q({ ...fields, username: 'alice', password: 'wonderland' }),
        }).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 302)).toHaveLength(1);
    expect(answers.filter((s) => s === 400)).toHaveLength(19);
  });

  it('processes on one database share the signing key: a form from one is spent once on the other', async () => {
    const browser = new Browser();
    const fields = formFields((await browser.get(url('/login', { service: APP }, sibling))).body);
    expect((await post(browser, fields, server)).location).toMatch(/ticket=ST-/);
    expect((await post(browser, fields, sibling)).status).toBe(400);
    expect(await count(server.db, 'server_secrets')).toBe(1);
  });

  it('a ticket shown to the attacker’s browser does not log in the victim’s (login CSRF)', async () => {
    const attacker = new Browser();
    const attackerFields = formFields((await attacker.get(url('/login'))).body);
    const victim = new Browser();
    await victim.get(url('/login'));
    const forced = await post(victim, attackerFields);
    expect(forced.status).toBe(400);
    expect(victim.cookies.has('TGC')).toBe(false);
  });

  it('a pre-session cookie the client chose is replaced by one the server issued', async () => {
    for (const planted of ['a'.repeat(32), 'A'.repeat(64), `${'a'.repeat(32)}${'0'.repeat(32)}`]) {
      const browser = new Browser();
      browser.cookies.set('CASBROWSER', planted);
      const form = await browser.get(url('/login'));
      const issued = browser.cookies.get('CASBROWSER')!;
      expect(setCookie(form, 'CASBROWSER')).toBeDefined();
      expect(issued).not.toBe(planted);
      expect(issued).toMatch(/^[A-Za-z0-9]{64}$/);
      // The form's ticket goes with the issued value only, and the issued value is kept.
      expect((await post(browser, formFields(form.body))).status).toBe(200);
      const again = await browser.get(url('/login', { renew: 'true' }));
      expect(setCookie(again, 'CASBROWSER')).toBeUndefined();
    }
  });

  describe('over https (through the trusted proxy)', () => {
    const https = { 'x-forwarded-proto': 'https' };
    const form = (browser: Browser, params: Record<string, string> = {}) =>
      browser.request(url('/login', params), { headers: https });
    const postHttps = (cookie: string, fields: Record<string, string>) =>
      fetch(url('/login'), {
        method: 'POST',
        redirect: 'manual',
        headers: { ...https, 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: q({ ...fields, username: 'alice', password: 'wonderland' }),
      });

    it('the cookie is __Host-CASBROWSER: Secure, Path=/, no Domain', async () => {
      const page = await form(new Browser());
      const line = setCookie(page, '__Host-CASBROWSER')!;
      expect(line).toMatch(/; Secure/);
      expect(line).toMatch(/; Path=\/(;|$)/);
      expect(line).not.toMatch(/Domain=/i);
      expect(setCookie(page, 'CASBROWSER')).toBeUndefined();
    });

    it('a pre-session planted by a sibling subdomain (no __Host- prefix) is ignored', async () => {
      // The attacker's own, genuine pre-session and ticket; a sibling subdomain can set
      // `CASBROWSER` for the whole domain in the victim's browser, not `__Host-CASBROWSER`.
      const attacker = new Browser();
      const fields = formFields((await form(attacker)).body);
      const value = attacker.cookies.get('__Host-CASBROWSER')!;
      const planted = await postHttps(`CASBROWSER=${value}`, fields);
      expect(planted.status).toBe(400);
      expect(planted.headers.getSetCookie().some((c) => c.startsWith('TGC='))).toBe(false);
      // The same value under the host-only name is the attacker's own browser: it works.
      expect((await postHttps(`__Host-CASBROWSER=${value}`, fields)).status).toBe(200);
    });

    it('the SSO cookie too: an attacker’s session planted as TGC by a sibling subdomain is ignored', async () => {
      const attacker = new Browser();
      const fields = formFields((await form(attacker)).body);
      const logged = await postHttps(`__Host-CASBROWSER=${attacker.cookies.get('__Host-CASBROWSER')}`, fields);
      const line = logged.headers.getSetCookie().find((c) => c.startsWith('__Host-TGC='))!;
      expect(line).toMatch(/; Path=\/(;|$)/);
      expect(line).toMatch(/; Secure/);
      const session = line.split(';')[0].slice('__Host-TGC='.length);
      const visit = (cookie: string) =>
        fetch(url('/login', { service: APP }), { redirect: 'manual', headers: { ...https, cookie } });
      const planted = await visit(`TGC=${session}`);
      expect(planted.status).toBe(200);
      expect(planted.headers.get('location')).toBeNull();
      expect((await visit(`__Host-TGC=${session}`)).headers.get('location')).toMatch(/ticket=ST-/);
    });
  });

  it('the cleanup job deletes spent tickets once they have expired, and keeps the live ones', async () => {
    const live = await count(server.db, 'consumed_login_tickets');
    expect(live).toBeGreaterThan(0);
    await writeDb(server.db, `INSERT INTO consumed_login_tickets (id, expires_at) VALUES ('${'f'.repeat(64)}', 1000)`);
    const cleaned = await server.cli(['clean-tickets']);
    expect(cleaned.code).toBe(0);
    expect(cleaned.stdout).toMatch(/\b1 login tickets\b/);
    expect(await count(server.db, 'consumed_login_tickets')).toBe(live);
  });
});
