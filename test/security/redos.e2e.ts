/**
 * Named attacks on the administrators' regular expressions (ReDoS) and on the size of user
 * attributes: a pattern or a value must never hold the event loop, so /health/live keeps
 * answering while each attack runs. The bounds are generous: they tell a linear-time engine
 * (milliseconds) from a backtracking one (minutes to centuries on these inputs), not a benchmark.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient, type Problem } from '../support/admin-client';
import { Browser, login, ticketFrom } from '../support/browser';
import { readCasXml } from '../support/cas-client';
import { CasServer } from '../support/cas-server';
import { execDb } from '../support/db-query';
import { q } from '../support/fixtures';
import { DATABASES } from '../support/test-db';

const TOKEN = 'redos-suite-admin-token-0123456789';
/** The service pattern of the report, with its django-style back-reference. */
const ATTACK_PATTERN = 'https://(?P<app>[a-z]+)\\.example\\.org/(?P=app)/(?:[\\w-]+/?)*';
/** The same pattern without the back-reference: nested quantifiers, exponential when backtracking. */
const NESTED_PATTERN = 'https://(?P<app>[a-z]+)\\.example\\.org/(?:[\\w-]+/?)*';
/** Just under CAS_MAX_SERVICE_URL_LENGTH, so the URL reaches the pattern. */
const LETTERS = 'a'.repeat(3900);
const ATTACK_MS = 10_000;
const HEALTH_MS = 3_000;
const PASSWORD = 'correct horse battery';
const CANNOT = 'which the linear-time regular expression engine (RE2) cannot run';

/**
 * Runs an attack while /health/live is asked again and again, one request after the other:
 * how long the attack took and the slowest health answer. A blocked event loop holds both.
 */
async function duringAttack<T>(server: CasServer, attack: () => Promise<T>) {
  const started = Date.now();
  let done = false;
  const running = attack().finally(() => (done = true));
  const latencies: number[] = [];
  const probing = (async () => {
    while (!done || latencies.length < 3) {
      const sent = Date.now();
      const res = await fetch(`${server.origin}/health/live`, { signal: AbortSignal.timeout(60_000) });
      await res.text();
      expect(res.status).toBe(200);
      latencies.push(Date.now() - sent);
    }
  })();
  const value = await running;
  const took = Date.now() - started;
  await probing;
  return { value, took, slowestHealth: Math.max(...latencies) };
}

function expectPrompt(answer: { took: number; slowestHealth: number }): void {
  expect(answer.took).toBeLessThan(ATTACK_MS);
  expect(answer.slowestHealth).toBeLessThan(HEALTH_MS);
}

describe.each(DATABASES)('ReDoS and oversized attributes on %s', (db) => {
  describe('with attribute bounds raised far enough for the values to reach the patterns', () => {
    let server: CasServer;
    let api: AdminClient;
    let dir: string;

    beforeAll(async () => {
      server = await CasServer.start({
        db,
        env: {
          CAS_ADMIN_TOKEN: TOKEN,
          CAS_MAX_ATTRIBUTE_VALUE_LENGTH: '200000',
          CAS_MAX_ATTRIBUTES_TOTAL_LENGTH: '400000',
        },
      });
      api = new AdminClient(server.origin, TOKEN);
      dir = mkdtempSync(join(tmpdir(), 'cas-redos-'));
    });

    afterAll(async () => {
      await server?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('refuses the back-reference pattern of the report with a problem naming the construct, on every way in', async () => {
      const created = await api.post<Problem>('/api/admin/services', { name: 'wiki', pattern: ATTACK_PATTERN });
      expect(created.status).toBe(422);
      expect(created.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(created.body.errors).toEqual([
        {
          field: 'pattern',
          message: `uses the back-reference (?P=app), ${CANNOT}`,
        },
      ]);
      const lookAround = await api.post<Problem>('/api/admin/services/import?dryRun=true', {
        services: [
          { name: 'a', pattern: 'https://a\\.org/(?!admin).*' },
          { name: 'b', pattern: 'https://b\\.org/.*', requiredAttributes: [{ attribute: 'g', pattern: '(?<=x)y' }] },
        ],
      });
      expect(lookAround.status).toBe(422);
      expect(lookAround.body.errors).toEqual([
        { field: 'services[0].pattern', message: expect.stringContaining('uses the look-ahead (?!') },
        {
          field: 'services[1].requiredAttributes[0].pattern',
          message: expect.stringContaining('the look-behind (?<='),
        },
      ]);
      const cli = await server.cli(['services:add', '--name', 'wiki', '--pattern', ATTACK_PATTERN]);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain('pattern: uses the back-reference (?P=app)');
      expect((await api.get<{ total: number }>('/api/admin/services')).body.total).toBe(0);
    });

    it('accepts nested quantifiers and matches them in linear time on every endpoint that matches patterns', async () => {
      const wiki = await api.post('/api/admin/services', {
        name: 'wiki',
        pattern: NESTED_PATTERN,
        proxyCallback: true,
      });
      expect(wiki.status).toBe(201);
      const nested = await api.post('/api/admin/services', { name: 'x', pattern: 'https://x\\.org/(a+)+$' });
      expect(nested.status).toBe(201);
      const evil = `https://wiki.example.org/wiki/${LETTERS}!`;
      const evilX = `https://x.org/${LETTERS}!`;
      expect((await api.post('/api/admin/users', { username: 'alice', password: PASSWORD })).status).toBe(201);
      const good = 'https://wiki.example.org/wiki/start';
      const page = await login(new Browser(), server.url(`/login?${q({ service: good })}`), 'alice', PASSWORD);
      const ticket = ticketFrom(page.location);
      const answer = await duringAttack(server, () =>
        Promise.all(
          [
            server.url(`/login?${q({ service: evil })}`),
            server.url(`/login?${q({ service: evilX, gateway: 'true' })}`),
            server.url(`/logout?${q({ service: evil })}`),
            server.url(`/serviceValidate?${q({ service: good, ticket, pgtUrl: evil })}`),
            server.url(`/proxy?${q({ pgt: 'PGT-nothing', targetService: evil })}`),
            `${server.origin}/api/admin/services/match?${q({ url: evilX })}`,
          ].map(async (url) => {
            const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` }, redirect: 'manual' });
            await res.text();
            return res.status;
          }),
        ),
      );
      expectPrompt(answer);
      expect(answer.value.every((status) => status < 500)).toBe(true);
      // The same patterns still match what they should.
      const match = await api.get<{ matched: boolean; service: { name: string } }>(
        `/api/admin/services/match?${q({ url: `https://x.org/${LETTERS}` })}`,
      );
      expect(match.body).toMatchObject({ matched: true, service: { name: 'x' } });
    });

    it('answers /samlValidate promptly for a TARGET built against a nested pattern', async () => {
      const target = `https://x.org/${LETTERS}!`;
      const answer = await duringAttack(server, () =>
        fetch(server.url(`/samlValidate?${q({ TARGET: target })}`), {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: '<x/>',
        }).then((res) => res.status),
      );
      expectPrompt(answer);
      expect(answer.value).toBeLessThan(500);
    });

    it('trims 150 000 spaces with the \\s+$ rewrite in linear time during a login', async () => {
      const service = await api.post('/api/admin/services', {
        name: 'trim',
        pattern: 'https://trim\\.example\\.org/.*',
        position: 1,
        releasedAttributes: [{ name: 'note' }],
        attributeRewrites: [{ attribute: 'note', pattern: '\\s+$', replacement: '' }],
      });
      expect(service.status).toBe(201);
      const spaces = ' '.repeat(150_000);
      const user = await api.post('/api/admin/users', {
        username: 'spacey',
        password: PASSWORD,
        attributes: { note: [`${spaces}x`, `y${spaces}`] },
      });
      expect(user.status).toBe(201);
      const app = 'https://trim.example.org/';
      const answer = await duringAttack(server, async () => {
        const page = await login(new Browser(), server.url(`/login?${q({ service: app })}`), 'spacey', PASSWORD);
        expect(page.status).toBe(302);
        const res = await fetch(
          server.url(`/p3/serviceValidate?${q({ service: app, ticket: ticketFrom(page.location) })}`),
        );
        return res.text();
      });
      expectPrompt(answer);
      const xml = answer.value;
      const notes = [...xml.matchAll(/<cas:note>([^<]*)<\/cas:note>/g)].map((m) => m[1]);
      expect(notes.map((n) => n.length)).toEqual([150_001, 1]);
      expect(notes[1]).toBe('y');
      expect(readCasXml(xml).kind).toBe('authenticationSuccess');
      const preview = await duringAttack(server, () =>
        api.get<{ user: { attributes: { note: string[] } } }>(
          `/api/admin/services/match?${q({ url: app, username: 'spacey' })}`,
        ),
      );
      expectPrompt(preview);
      expect(preview.value.body.user.attributes.note[1]).toBe('y');
    });

    it('lists the patterns import-django cannot run instead of importing them, in a dry run too', async () => {
      const dump: Array<Record<string, unknown>> = [
        ['Wiki', ATTACK_PATTERN],
        ['Nested', '^https://nested\\.example\\.org/(a+)+$'],
        ['Ahead', '^https://ahead\\.example\\.org/(?!admin)'],
        ['Plain', '^https://plain\\.example\\.org/.*'],
      ].map(([name, pattern], i) => ({
        model: 'cas_server.servicepattern',
        pk: i + 1,
        fields: { pos: 100 + i, name, pattern, user_field: '', restrict_users: false, proxy: false },
      }));
      dump.push({
        model: 'cas_server.replaceattributvalue',
        pk: 1,
        fields: { attribut: 'mail', pattern: '(\\w+)@\\1', replace: '', service_pattern: 4 },
      });
      const file = join(dir, 'dump.json');
      writeFileSync(file, JSON.stringify(dump));
      const before = (await api.get<{ items: Array<{ name: string }> }>('/api/admin/services')).body.items;
      const refused = [
        `not imported: "Wiki" pattern ${ATTACK_PATTERN} uses the back-reference (?P=app), ${CANNOT}`,
        `not imported: "Ahead" pattern ^https://ahead\\.example\\.org/(?!admin) uses the look-ahead (?!, ${CANNOT}`,
        `not imported: "Plain" attributeRewrites[0].pattern (\\w+)@\\1 uses the back-reference \\1, ${CANNOT}`,
      ];
      for (const dryRun of [true, false]) {
        const run = await server.cli(['services:import-django', file, ...(dryRun ? ['--dry-run'] : [])]);
        expect(run.code).toBe(0);
        const lines = run.stdout.trim().split('\n');
        expect(lines.filter((l) => l.startsWith('not imported'))).toEqual(refused);
        expect(lines.at(-1)).toMatch(
          new RegExp(
            `^${dryRun ? 'dry run: would import' : 'imported'} 1 service\\(s\\): 1 created.*; 3 service\\(s\\) not imported`,
          ),
        );
      }
      const after = (await api.get<{ items: Array<{ name: string }> }>('/api/admin/services')).body.items;
      expect(after.map((s) => s.name).filter((n) => !before.some((b) => b.name === n))).toEqual(['Nested']);
    });

    it('checks complex patterns on an import dry run without blocking the server', async () => {
      const services = [
        'https://(?:[a-z0-9-]+\\.)*(?:example\\.org|example\\.com)(?::\\d+)?/(?:app1|app2|app3)/.*',
        '(?i)https://(www\\.)?(?P<site>[\\w-]+(?:\\.[\\w-]+)*)\\.example\\.net(/(?:[\\w-]+/?)*)?',
        'https?://([a-z]+\\.)*(a|aa)+\\.org/((x+)+y)*.*',
        'https://[^/]*\\.example\\.org/(.*/)*(.*)*\\.php(\\?.*)?',
      ].map((pattern, i) => ({ name: `complex ${i}`, pattern }));
      const answer = await duringAttack(server, () =>
        api.post<{ created: string[] }>('/api/admin/services/import?dryRun=true', { services }),
      );
      expectPrompt(answer);
      expect(answer.value.status).toBe(200);
      expect(answer.value.body.created).toHaveLength(4);
    });

    it('checks a thousand costly patterns in turns, letting other requests run in between', async () => {
      // Each compiles to a program over the size limit: a few milliseconds of work, then refused.
      const services = Array.from({ length: 1000 }, (_, i) => ({
        name: `big ${i}`,
        pattern: `https://big${i}\\.org/[a-z]{999}[a-z]{999}[a-z]{999}`,
      }));
      const answer = await duringAttack(server, () =>
        api.post<Problem>('/api/admin/services/import?dryRun=true', { services }),
      );
      expect(answer.slowestHealth).toBeLessThan(HEALTH_MS);
      expect(answer.took).toBeLessThan(60_000);
      expect(answer.value.status).toBe(422);
      expect(answer.value.body.errors).toHaveLength(1000);
      expect(answer.value.body.errors?.[0].message).toMatch(/^is too large for the regular expression engine/);
    });
  });

  describe('with the default attribute bounds', () => {
    let server: CasServer;
    let api: AdminClient;
    const app = 'https://app.example.org/';

    beforeAll(async () => {
      server = await CasServer.start({ db, env: { CAS_ADMIN_TOKEN: TOKEN } });
      api = new AdminClient(server.origin, TOKEN);
      const created = await api.post('/api/admin/services', {
        name: 'app',
        pattern: 'https://app\\.example\\.org/.*',
        releasedAttributes: [{ name: '*' }],
        attributeRewrites: [{ attribute: 'note', pattern: '\\s+$', replacement: '' }],
      });
      expect(created.status).toBe(201);
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('leaves an over-long value out of the login, keeping the rest, and logs it', async () => {
      const user = await api.post('/api/admin/users', {
        username: 'long',
        password: PASSWORD,
        attributes: { note: [`${' '.repeat(150_000)}x`, 'short  '], mail: 'long@example.org' },
      });
      expect(user.status).toBe(201);
      const page = await login(new Browser(), server.url(`/login?${q({ service: app })}`), 'long', PASSWORD);
      expect(page.status).toBe(302);
      const xml = await (
        await fetch(server.url(`/p3/serviceValidate?${q({ service: app, ticket: ticketFrom(page.location) })}`))
      ).text();
      const cas = readCasXml(xml);
      expect(cas.texts('note')).toEqual(['short']);
      expect(cas.texts('mail')).toEqual(['long@example.org']);
      expect(server.logs()).toContain(
        'attribute note of long: a value of 150001 characters is left out (CAS_MAX_ATTRIBUTE_VALUE_LENGTH=4096)',
      );
    });

    it('refuses the login of a user whose attributes are too large in all, with a clear page, logged', async () => {
      const groups = Array.from({ length: 70 }, (_, i) => `${i}`.padEnd(4000, 'g'));
      const user = await api.post('/api/admin/users', { username: 'big', password: PASSWORD, attributes: { groups } });
      expect(user.status).toBe(201);
      const browser = new Browser();
      const page = await login(browser, server.url(`/login?${q({ service: app })}`), 'big', PASSWORD);
      expect(page.status).toBe(403);
      expect(page.body).toContain('Your account holds more data than this server accepts');
      expect(browser.cookies.has('TGC')).toBe(false);
      expect(server.logs()).toMatch(
        /ERROR \[auth\] login of big refused: its attributes total 280\d{3} characters \(CAS_MAX_ATTRIBUTES_TOTAL_LENGTH=262144\)/,
      );
      const preview = await api.get(`/api/admin/services/match?${q({ url: app, username: 'big' })}`);
      expect(preview.body).toMatchObject({
        user: { ticket: false, reason: 'The user’s attributes are too large to log in' },
      });
    });

    it('skips a stored service whose pattern the engine refuses, logging it, and keeps serving the others', async () => {
      const other = await api.post<{ id: number }>('/api/admin/services', {
        name: 'old',
        pattern: 'https://old\\.org/.*',
      });
      expect(other.status).toBe(201);
      // As an older version, or a hand-made change, could have left it.
      await execDb(
        server.db,
        `UPDATE service_patterns SET pattern = 'https://(?P<h>old)[.]org/(?P=h)/.*' WHERE id = ${other.body.id}`,
      );
      const restarted = await restart(server);
      server = restarted;
      api = new AdminClient(server.origin, TOKEN);
      const refused = await fetch(server.url(`/login?${q({ service: 'https://old.org/old/x' })}`));
      expect(refused.status).toBeLessThan(500);
      expect(await refused.text()).toContain('Service URL not allowed');
      const form = await fetch(server.url(`/login?${q({ service: app })}`));
      expect(form.status).toBe(200);
      expect(await form.text()).not.toContain('Service URL not allowed');
      expect(server.logs()).toContain(
        `ERROR [services] service "old" (id ${other.body.id}) is skipped, its URLs are refused: pattern uses the back-reference (?P=h), ${CANNOT}`,
      );
      expect(
        server
          .logs()
          .split('\n')
          .filter((l) => l.includes('is skipped')).length,
      ).toBe(1);
    });
  });
});

describe('the attribute bounds are settings validated at start', () => {
  it.each([
    ['CAS_MAX_ATTRIBUTE_VALUE_LENGTH', '10'],
    ['CAS_MAX_ATTRIBUTE_VALUE_LENGTH', 'long'],
    ['CAS_MAX_ATTRIBUTES_TOTAL_LENGTH', '99999999'],
  ])('a bad %s (%s) stops the server with a message naming it', (name, value) => {
    const main = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
    const result = spawnSync(process.execPath, [main], {
      env: { ...process.env, [name]: value, PORT: '0' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Invalid setting ${name}`);
  });
});

/** The same database, a new process: services are read from the database at start. */
async function restart(server: CasServer): Promise<CasServer> {
  await server.stop({ keepDb: true });
  return CasServer.start({ db: server.db, env: server.env });
}
