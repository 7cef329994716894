import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Browser, formFields, login, ticketFrom } from './support/browser';
import { CasServer, runCli } from './support/cas-server';
import { APP, q, seedUsersAndServices } from './support/fixtures';
import { DATABASES, createTestDb } from './support/test-db';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('settings are validated at start', () => {
  it.each([
    ['CAS_TICKET_VALIDITY', 'soon'],
    ['CAS_SHOW_POWERED', 'maybe'],
    ['DATABASE_URL', 'postgres://x'],
    ['CAS_AUTH_CLASS', 'kerberos'],
    ['CAS_TEST_ATTRIBUTES', '{"a": 1}'],
    ['CAS_ST_LEN', '10'],
    ['PORT', '70000'],
  ])('a bad %s stops the server with a message naming it', (name, value) => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: { ...process.env, [name]: value, PORT: name === 'PORT' ? value : '0' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Invalid setting ${name}`);
  });
});

describe.each(DATABASES)('settings on %s', (db) => {
  it('CAS_TICKET_VALIDITY: an expired ticket is INVALID_TICKET', async () => {
    const server = await CasServer.start({ db, env: { CAS_TICKET_VALIDITY: '1' } });
    try {
      await seedUsersAndServices(server);
      const browser = new Browser();
      const page = await login(browser, server.url(`/login?${q({ service: APP })}`), 'alice', 'wonderland');
      const ticket = ticketFrom(page.location);
      await sleep(1300);
      const res = await fetch(server.url(`/p3/serviceValidate?${q({ service: APP, ticket })}`));
      const xml = await res.text();
      expect(xml).toContain('code="INVALID_TICKET"');
      expect(xml).toContain('has expired');
    } finally {
      await server.stop();
    }
  });

  it('CAS_AUTH_CLASS=test with CAS_TEST_ATTRIBUTES, another prefix, and no service messages', async () => {
    const server = await CasServer.start({
      db,
      env: {
        CAS_AUTH_CLASS: 'test',
        CAS_TEST_USER: 'demo',
        CAS_TEST_PASSWORD: 'demo-pass',
        CAS_TEST_ATTRIBUTES: '{"mail":"demo@example.org","roles":["a","b"]}',
        CAS_PATH_PREFIX: '/sso',
        CAS_SHOW_SERVICE_MESSAGES: 'false',
        CAS_REDIRECT_TO_LOGIN_AFTER_LOGOUT: 'true',
      },
    });
    try {
      await server.cli([
        'services:add',
        '--name',
        'app',
        '--pattern',
        'https://app\\.example\\.org/.*',
        '--release',
        '*',
      ]);
      const form = await new Browser().get(server.url(`/login?${q({ service: APP })}`));
      expect(form.body).not.toContain('Authentication required');
      expect(form.body).toContain('action="/sso/login"');
      const browser = new Browser();
      const page = await login(browser, server.url(`/login?${q({ service: APP })}`), 'demo', 'demo-pass');
      expect(page.headers.getSetCookie().join()).toMatch(/Path=\/sso/);
      const ticket = ticketFrom(page.location);
      const xml = await (await fetch(server.url(`/p3/serviceValidate?${q({ service: APP, ticket })}`))).text();
      expect(xml).toContain('<cas:user>demo</cas:user>');
      expect(xml).toContain('<cas:roles>b</cas:roles>');
      const logout = await browser.get(server.url('/logout'));
      expect(logout.status).toBe(302);
      expect(logout.location).toBe('/sso/login');
      const bad = await login(new Browser(), server.url('/login'), 'demo', 'wrong');
      expect(bad.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('CAS_AUTH_CLASS=dummy lets nobody in', async () => {
    const server = await CasServer.start({ db, env: { CAS_AUTH_CLASS: 'dummy' } });
    try {
      const page = await login(new Browser(), server.url('/login'), 'test', 'test');
      expect(page.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('SESSION_COOKIE_AGE and CAS_TGT_VALIDITY end sessions on the next request', async () => {
    const cases: Array<Record<string, string>> = [{ SESSION_COOKIE_AGE: '1' }, { CAS_TGT_VALIDITY: '1' }];
    for (const env of cases) {
      const server = await CasServer.start({ db, env });
      try {
        await seedUsersAndServices(server);
        const browser = new Browser();
        await login(browser, server.url('/login'), 'alice', 'wonderland');
        expect((await browser.get(server.url(`/login?${q({ service: APP })}`))).status).toBe(302);
        await sleep(2100);
        const page = await browser.get(server.url(`/login?${q({ service: APP })}`));
        expect(page.status).toBe(200);
        expect(formFields(page.body).lt).toMatch(/^LT-/);
      } finally {
        await server.stop();
      }
    }
  });
});

describe.each(DATABASES)('command-line tool on %s', (db) => {
  it('migrates, creates users with attributes from stdin, refuses duplicates and bad patterns', async () => {
    const testDb = await createTestDb(db);
    const env = { DATABASE_URL: testDb.url, CAS_BCRYPT_ROUNDS: '4' };
    try {
      const migrate = await runCli(['migrate'], env);
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toContain('applied InitialSchema');
      expect((await runCli(['migrate'], env)).stdout).toContain('up to date');

      const created = await runCli(['users:create', 'carol', '--attr', 'email=c@example.org'], env, 'pa55 word\n');
      expect(created.code).toBe(0);
      expect((await runCli(['users:create', 'carol'], env, 'x\n')).code).toBe(1);
      expect((await runCli(['users:create', 'dave'], env, '\n')).stderr).toContain('must not be empty');
      const list = await runCli(['users:list'], env);
      expect(list.stdout).toContain('carol\t{"email":"c@example.org"}');
      expect(list.stdout).not.toContain('pa55');

      const badPattern = await runCli(['services:add', '--name', 'x', '--pattern', 'https://(unclosed'], env);
      expect(badPattern.code).toBe(2);
      expect(badPattern.stderr).toContain('pattern: is not a valid regular expression');
      const noAttrs = await runCli(['services:add', '--name', 'x', '--pattern', 'https://x\\.org/.*'], env);
      expect(noAttrs.stdout).toContain('receives no attributes');
      expect((await runCli(['services:list'], env)).stdout).toContain('releases: (none)');

      const server = await CasServer.start({ db: testDb });
      try {
        const page = await login(new Browser(), server.url('/login'), 'carol', 'pa55 word');
        expect(page.body).toContain('Login successful.');
      } finally {
        await server.stop({ keepDb: true });
      }
    } finally {
      await testDb.drop();
    }
  });
});
