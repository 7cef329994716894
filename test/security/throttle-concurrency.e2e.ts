/**
 * Issue 14, items 6, 12 and 13: request bodies are scoped to their routes (JSON only for the
 * admin API), a 429 tells when to come back, and the brute-force throttle counts wrong passwords
 * only: parallel logins with the right password all get in, while a parallel burst of guesses
 * gets no more checks than a slow series would (default settings: 3 failures block a
 * (username, address) pair). Client addresses come from X-Forwarded-For of a trusted proxy.
 */
import { request as httpRequest } from 'node:http';
import { tokenFrom } from '../support/admin-client';
import { Browser, formFields } from '../support/browser';
import { CasServer } from '../support/cas-server';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';

const SECRET = 'a shared secret for the auth helper';
const MiB = 1024 * 1024;

interface Answer {
  status: number;
  type: string;
  body: string;
}

/**
 * Sends the headers and the first bytes of a body of `length` bytes, and never the rest: an
 * answer proves the server decided without reading the body.
 */
function unfinishedPost(url: string, type: string, length: number, start: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': type, 'content-length': length } });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${url}: no answer while the body was still coming`));
    }, 10_000);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body });
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.write(start);
  });
}

describe.each(DATABASES)('throttle under concurrency, and request bodies, on %s', (db) => {
  let server: CasServer;
  let sibling: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({
      db,
      env: { CAS_TRUSTED_PROXIES: '127.0.0.1', CAS_AUTH_SHARED_SECRET: SECRET, CAS_ENABLE_AJAX_AUTH: 'true' },
    });
    await seedUsersAndServices(server);
    for (const name of ['carol', 'dave', 'erin', 'frank']) {
      expect((await server.cli(['users:create', name], 'right password\n')).code).toBe(0);
    }
    sibling = await CasServer.start({ db: server.db, env: server.env });
  });

  afterAll(async () => {
    await sibling?.stop({ keepDb: true });
    await server?.stop();
  });

  /** A login form fetched by a fresh browser at `address`, ready to be posted. */
  async function prepare(address: string, on = server) {
    const browser = new Browser();
    const headers = { 'x-forwarded-for': address };
    const form = await browser.request(on.url(`/login?${q({ service: APP })}`), { headers });
    expect(form.status).toBe(200);
    const fields = formFields(form.body);
    return (username: string, password: string, extra: Record<string, string> = {}) =>
      browser.request(on.url('/login'), {
        method: 'POST',
        headers: { ...headers, ...extra, 'content-type': 'application/x-www-form-urlencoded' },
        body: q({ ...fields, username, password }),
      });
  }

  const failuresLogged = (username: string) =>
    [server, sibling]
      .map((s) => s.logs().split('\n'))
      .flat()
      .filter((l) => l.includes(`login failed for "${username}"`)).length;

  describe('item 13: only wrong passwords count', () => {
    it('eight simultaneous logins of one user with the right password from one address all get in', async () => {
      const posts = await Promise.all(Array.from({ length: 8 }, () => prepare('198.51.100.10')));
      const pages = await Promise.all(posts.map((send) => send('carol', 'right password')));
      expect(pages.map((p) => p.status)).toEqual(Array(8).fill(302));
      for (const page of pages) expect(page.location).toMatch(/ticket=ST-/);
      expect(server.logs()).not.toMatch(/attempt for "carol" .* refused/);
    });

    it('eight simultaneous /auth checks with the right password all answer yes', async () => {
      const ask = () =>
        fetch(server.url('/auth'), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.11' },
          body: q({ username: 'bob', password: 'builder', service: APP, secret: SECRET }),
        }).then((r) => r.text());
      expect(await Promise.all(Array.from({ length: 8 }, ask))).toEqual(Array(8).fill('yes\n'));
    });

    it('a burst of 20 parallel wrong guesses gets 3 checked, no more; then the right password is refused', async () => {
      const posts = await Promise.all(Array.from({ length: 20 }, () => prepare('198.51.100.12')));
      const pages = await Promise.all(posts.map((send, i) => send('dave', `guess ${i}`)));
      const statuses = pages.map((p) => p.status).sort();
      expect(statuses).toEqual([...Array(3).fill(401), ...Array(17).fill(429)]);
      expect(failuresLogged('dave')).toBe(3);
      const right = await (await prepare('198.51.100.12'))('dave', 'right password');
      expect(right.status).toBe(429);
      expect(failuresLogged('dave')).toBe(3);
    });

    it('a burst split over two processes on one database gets no more checks either', async () => {
      const posts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => prepare('198.51.100.13', i % 2 ? sibling : server)),
      );
      const pages = await Promise.all(posts.map((send, i) => send('erin', `guess ${i}`)));
      expect(pages.filter((p) => p.status === 401)).toHaveLength(3);
      expect(pages.filter((p) => p.status === 429)).toHaveLength(17);
      expect(failuresLogged('erin')).toBe(3);
    });

    it('right passwords get in while wrong ones fly in parallel, and the guesses stay counted', async () => {
      const posts = await Promise.all(Array.from({ length: 8 }, () => prepare('198.51.100.14')));
      const pages = await Promise.all(
        posts.map((send, i) => (i < 2 ? send('frank', `guess ${i}`) : send('frank', 'right password'))),
      );
      expect(pages.slice(2).map((p) => p.status)).toEqual(Array(6).fill(302));
      expect(pages.slice(0, 2).map((p) => p.status)).toEqual([401, 401]);
      expect(failuresLogged('frank')).toBe(2);
    });
  });

  describe('item 12: Retry-After', () => {
    it('a 429 says in seconds when to come back, on the page and in AJAX', async () => {
      const address = '198.51.100.20';
      for (let i = 1; i <= 3; i++) expect((await (await prepare(address))('alice', `guess ${i}`)).status).toBe(401);
      const page = await (await prepare(address))('alice', 'wonderland');
      expect(page.status).toBe(429);
      const seconds = Number(page.headers.get('retry-after'));
      expect(seconds).toBeGreaterThan(250);
      expect(seconds).toBeLessThanOrEqual(300);
      const ajax = await (await prepare(address))('alice', 'wonderland', { 'x-ajax': '1' });
      expect(ajax.status).toBe(429);
      expect(ajax.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Number(ajax.headers.get('retry-after'))).toBeGreaterThan(250);
      // Answers that are not a 429 carry none.
      const fine = await (await prepare('198.51.100.21'))('alice', 'wonderland');
      expect(fine.status).toBe(302);
      expect(fine.headers.get('retry-after')).toBeNull();
    });
  });

  describe('item 6: bodies scoped to their routes', () => {
    const json = `{"username":"alice","password":"wonderland","x":"`;

    it('a 1 MiB JSON body is refused unread by the protocol endpoints, each in its own format', async () => {
      const login = await unfinishedPost(server.url('/login'), 'application/json', MiB, json);
      expect(login.status).toBe(415);
      expect(login.type).toMatch(/^text\/html/);
      expect(formFields(login.body).lt).toMatch(/^LT-/);

      const saml = await unfinishedPost(
        server.url(`/samlValidate?${q({ TARGET: APP })}`),
        'application/json',
        MiB,
        json,
      );
      expect(saml.status).toBe(200);
      expect(saml.type).toMatch(/^text\/xml/);
      expect(saml.body).toContain('samlp:Requester');

      const dismiss = await unfinishedPost(server.url('/messages/dismiss'), 'application/json', MiB, '{"id":"');
      expect(dismiss.status).toBe(415);
      expect(dismiss.type).toMatch(/^text\/html/);

      const auth = await unfinishedPost(server.url('/auth'), 'application/json', MiB, json);
      expect(auth.body).toBe('no\n');
    });

    it('a small JSON body is refused too: the protocol endpoints read forms (and SOAP)', async () => {
      const res = await fetch(server.url('/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"alice","password":"wonderland"}',
      });
      expect(res.status).toBe(415);
      expect(formFields(await res.text()).lt).toMatch(/^LT-/);
    });

    it('a form body over 64 KiB gets 413 unread, each endpoint in its own format', async () => {
      const form = 'application/x-www-form-urlencoded';
      const login = await unfinishedPost(server.url('/login'), form, 65 * 1024, 'username=');
      expect(login.status).toBe(413);
      expect(formFields(login.body).lt).toMatch(/^LT-/);
      const dismiss = await unfinishedPost(server.url('/messages/dismiss'), form, 65 * 1024, 'id=');
      expect(dismiss.status).toBe(413);
      expect(dismiss.type).toMatch(/^text\/html/);
      const saml = await unfinishedPost(server.url('/samlValidate'), 'text/xml', 65 * 1024, '<SOAP-ENV:Envelope');
      expect(saml.body).toContain('samlp:Requester');
    });

    it('the admin API still reads JSON beyond 64 KiB, up to 1 MiB, and only JSON', async () => {
      const token = tokenFrom((await server.cli(['tokens:create', 'bodies'])).stdout);
      const post = (body: string, type = 'application/json') =>
        fetch(`${server.origin}/api/admin/services/import?dryRun=true`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': type },
          body,
        });
      const services = Array.from({ length: 20 }, (_, i) => ({
        name: `bulk ${i} ${'x'.repeat(100)}`,
        pattern: `https://bulk${i}\\.example\\.org/.*`,
      }));
      const padded = JSON.stringify({ version: 1, services }).replace(/^\{/, `{"note":"${'n'.repeat(200 * 1024)}",`);
      const big = await post(padded);
      expect(big.status).not.toBe(413);
      expect(big.status).toBeLessThan(500);
      expect((await post(JSON.stringify({ services: [], note: 'n'.repeat(2 * MiB) }))).status).toBe(413);
      expect((await post('services=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    });
  });
});
