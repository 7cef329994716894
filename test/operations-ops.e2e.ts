import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, formFields, login } from './support/browser';
import { loginForTicket, q } from './support/cas-client';
import { CasServer, runCli, type LogEntry } from './support/cas-server';
import { mysqlConnection } from './support/db-query';
import { Slapd } from './support/slapd';
import { DATABASES, MYSQL_ADMIN_URL, createTestDb } from './support/test-db';
import { ThrowawayCa } from './support/tls';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const APP = 'https://app.example.org/welcome';
const SUFFIX = 'dc=example,dc=org';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean | Promise<boolean>, what: string, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function readiness(server: CasServer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.origin}/health/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A port some other process holds. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

/** Tables of a MariaDB database, to prove a check created none. */
async function mysqlTables(url: string): Promise<string[]> {
  const conn = await mysqlConnection(url);
  try {
    const [rows] = await conn.query('SHOW TABLES');
    return (rows as Record<string, string>[]).map((row) => Object.values(row)[0]);
  } finally {
    await conn.end();
  }
}

const workerPids = (entries: LogEntry[]): number[] =>
  entries.filter((e) => e.event === 'worker.listening').map((e) => Number(e.worker));

describe.each(DATABASES)('readiness proves the LDAP directory answers (anonymous search) on %s', (db) => {
  let slapd: Slapd;
  let server: CasServer;
  const env = () => ({
    CAS_AUTH_CLASS: 'ldap',
    CAS_LDAP_SERVER: slapd.url,
    CAS_LDAP_BASE_DN: `ou=people,${SUFFIX}`,
  });

  beforeAll(async () => {
    slapd = await Slapd.start({
      suffix: SUFFIX,
      rootDn: `cn=admin,${SUFFIX}`,
      rootPassword: 'admin',
      access: [],
      ldif: [
        `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example`,
        `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people`,
      ].join('\n\n'),
    });
    // No CAS_LDAP_USER: users are found by an anonymous search, so nothing binds at start.
    server = await CasServer.start({ db, env: { ...env(), CAS_SCHEDULER: 'false' } });
  });

  afterAll(async () => {
    await server?.stop();
    await slapd?.stop();
  });

  it('is ready and doctor passes while slapd runs', async () => {
    const ready = await readiness(server);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ info: { authSource: { status: 'up', source: 'ldap' } } });
    const doctor = await server.cli(['doctor']);
    expect(doctor.stdout).toMatch(/^OK\s+auth source\s+ldap: reachable/m);
    expect(doctor.code).toBe(0);
  });

  it('answers 503 and doctor fails once slapd is stopped, and recovers when it is back', async () => {
    await slapd.pause();
    try {
      const down = await readiness(server);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'error', error: { authSource: { status: 'down' } } });
      expect(JSON.stringify(down.body)).toContain(slapd.url);
      const doctor = await server.cli(['doctor']);
      expect(doctor.stdout).toMatch(new RegExp(`^FAIL\\s+auth source\\s+ldap: LDAP directory ${slapd.url}: `, 'm'));
      expect(doctor.code).toBe(1);
    } finally {
      await slapd.resume();
    }
    await eventually(async () => (await readiness(server)).status === 200, 'readiness to come back');
    expect((await server.cli(['doctor'])).code).toBe(0);
  });

  it('fails when the base DN does not exist: no user could be found', async () => {
    const wrong = await runCli(['doctor'], { ...server.env, ...env(), CAS_LDAP_BASE_DN: `ou=nobody,${SUFFIX}` });
    expect(wrong.stdout).toContain(
      `ldap: LDAP directory ${slapd.url}: CAS_LDAP_BASE_DN ou=nobody,${SUFFIX} does not exist (or is hidden from this account)`,
    );
    expect(wrong.code).toBe(1);
  });
});

describe.each(DATABASES)('cas doctor on a fresh %s database', (kind) => {
  it('reads and never writes: says migrations are pending, exits 0, then passes once migrated', async () => {
    const db = await createTestDb(kind);
    const dir = kind === 'sqlite' ? join(db.url.slice('sqlite:'.length), '..') : '';
    try {
      const env = { DATABASE_URL: db.url, CAS_AUTH_CLASS: 'local' };
      const fresh = await runCli(['doctor'], env);
      expect(fresh.stdout).toMatch(/^WARN\s+database\s+.*migrations pending: run `cas migrate`/m);
      expect(fresh.stdout).toMatch(/^WARN\s+auth source\s+local: no users table yet/m);
      expect(fresh.stdout).not.toMatch(/^FAIL/m);
      expect(fresh.code).toBe(0);
      if (kind === 'sqlite') expect(readdirSync(dir)).toEqual([]);
      else expect(await mysqlTables(db.url)).toEqual([]);

      expect((await runCli(['migrate'], env)).code).toBe(0);
      const migrated = await runCli(['doctor'], env);
      expect(migrated.stdout).toMatch(/^OK\s+database\s+.*schema up to date/m);
      expect(migrated.stdout).toMatch(/^WARN\s+auth source\s+local: no users yet/m);
      expect(migrated.code).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('the systemd unit migrates before it checks, and checks before it starts', () => {
    const unit = readFileSync(join(ROOT, 'docs', 'cas-server.service'), 'utf8');
    const steps = unit
      .split('\n')
      .filter((line) => /^Exec/.test(line))
      .map((line) => line.replace(/^(\w+)=.*\/(\S+\.js)(.*)$/, '$1 $2$3'));
    expect(steps).toEqual(['ExecStartPre main.js migrate', 'ExecStartPre main.js doctor', 'ExecStart main.js']);
  });
});

describe.each(DATABASES)('settings mistakes on %s', (kind) => {
  it('warns about an unknown CAS_* name, server and doctor, suggesting the closest setting', async () => {
    const server = await CasServer.start({ db: kind, env: { CAS_TICKET_VALIDTY: '5', CAS_SCHEDULER: 'false' } });
    try {
      const warning = server.logEntries().find((e) => e.event === 'settings.unknown');
      expect(warning).toMatchObject({
        level: 'warn',
        setting: 'CAS_TICKET_VALIDTY',
        suggestion: 'CAS_TICKET_VALIDITY',
      });
      expect(warning?.msg).toContain('did you mean CAS_TICKET_VALIDITY?');
      const doctor = await server.cli(['doctor']);
      expect(doctor.stdout).toMatch(
        /^WARN\s+settings\s+CAS_TICKET_VALIDTY is not a setting of this server, ignored: did you mean CAS_TICKET_VALIDITY\?$/m,
      );
    } finally {
      await server.stop();
    }
  });

  it('names .env as the place of a misspelled setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cas-dotenv-'));
    const db = await createTestDb(kind);
    try {
      writeFileSync(join(dir, '.env'), `DATABASE_URL=${db.url}\nCAS_SHOW_POWERD=false\n`);
      const result = spawnSync(process.execPath, [CLI, 'doctor'], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
        encoding: 'utf8',
      });
      expect(result.stdout).toMatch(
        /^WARN\s+settings\s+CAS_SHOW_POWERD \(in \.env\) .*did you mean CAS_SHOW_POWERED\?$/m,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  it('says in one line that PORT (on HOST) is in use, and exits 1', async () => {
    const held = await occupiedPort();
    const db = await createTestDb(kind);
    try {
      for (const [name, extra] of [
        ['PORT', { PORT: String(held.port) }],
        ['CAS_ADMIN_PORT', { PORT: '0', CAS_ADMIN_PORT: String(held.port) }],
      ] as const) {
        const result = spawnSync(process.execPath, [MAIN], {
          env: { ...process.env, DATABASE_URL: db.url, HOST: '127.0.0.1', CAS_SCHEDULER: 'false', ...extra },
          encoding: 'utf8',
          timeout: 30000,
        });
        expect(result.status).toBe(1);
        const host = name === 'PORT' ? 'HOST' : 'CAS_ADMIN_HOST';
        expect(result.stderr.trim()).toBe(
          `cannot start: ${name}=${held.port} on ${host}=127.0.0.1: the port is already in use by another process; stop it or choose another ${name}`,
        );
        expect(result.stdout).not.toContain('EADDRINUSE');
      }
    } finally {
      held.server.close();
      await db.drop();
    }
  });

  if (kind === 'mysql') {
    it('says in one line that the MariaDB database does not exist, without stack traces, and exits 1', async () => {
      const url = new URL(MYSQL_ADMIN_URL);
      url.pathname = '/cas_missing_database';
      const result = spawnSync(process.execPath, [MAIN], {
        env: { ...process.env, DATABASE_URL: url.toString(), PORT: '0', NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 30000,
      });
      expect(result.status).toBe(1);
      const output = `${result.stdout}${result.stderr}`.trim().split('\n');
      expect(output).toEqual([
        expect.stringMatching(
          /^cannot start: cannot open the database mysql:\/\/\w+@[\d.]+:\d+\/cas_missing_database: Unknown database 'cas_missing_database'$/,
        ),
      ]);
    });
  }

  if (kind === 'sqlite') {
    it('refuses a SQLite path whose folder does not exist, and creates nothing', () => {
      const parent = mkdtempSync(join(tmpdir(), 'cas-nodir-'));
      const missing = join(parent, 'nonexistent', 'dir');
      try {
        for (const program of [[MAIN], [CLI, 'migrate'], [CLI, 'doctor']]) {
          const result = spawnSync(process.execPath, program, {
            env: { ...process.env, DATABASE_URL: `sqlite:${join(missing, 'x.sqlite')}`, PORT: '0' },
            encoding: 'utf8',
            timeout: 20000,
          });
          expect(result.status).not.toBe(0);
          expect(`${result.stdout}${result.stderr}`).toContain(
            `Invalid setting DATABASE_URL: the folder ${missing} does not exist: create it, or fix the path`,
          );
        }
        expect(existsSync(join(parent, 'nonexistent'))).toBe(false);
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    });
  }
});

describe('the start-up lines', () => {
  const ca = new ThrowawayCa('Startup CA');
  const dir = mkdtempSync(join(tmpdir(), 'cas-startup-'));
  const pair = ca.issueServerCertificate();
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  writeFileSync(join(dir, 'key.pem'), pair.key);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('say https for the admin API under TLS', async () => {
    const server = await CasServer.start({
      db: DATABASES[0],
      env: { TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem'), CAS_SCHEDULER: 'false' },
    });
    try {
      await eventually(() => server.logs().includes('admin API served at'), 'the admin line');
      expect(server.logs()).toContain(`admin API served at https://127.0.0.1:${server.port}/api/admin`);
      expect(server.logs()).not.toContain('admin API served at http:');
    } finally {
      await server.stop();
    }
  });

  it('name the admin API once with CAS_WORKERS, on its own listener too, where it answers', async () => {
    const server = await CasServer.start({
      db: DATABASES[0],
      env: { CAS_WORKERS: '2', CAS_ADMIN_PORT: '0', CAS_SCHEDULER: 'false' },
    });
    try {
      await eventually(() => server.logs().includes('admin API served at'), 'the admin line');
      const lines = server.logEntries().filter((e) => e.msg.startsWith('admin API served at'));
      expect(lines).toHaveLength(1);
      expect(lines[0].pid).toBe(server.pid);
      const adminUrl = /admin API served at (http:\/\/127\.0\.0\.1:(\d+)\/api\/admin)$/.exec(lines[0].msg);
      expect(adminUrl).not.toBeNull();
      expect(Number(adminUrl?.[2])).not.toBe(server.port);
      // The admin API answers there (401 without a token), and not on the main port.
      expect((await fetch(`${adminUrl?.[1]}/services`)).status).toBe(401);
      expect((await fetch(`${server.origin}/api/admin/services`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});

// The database does not change how workers are replaced: these run on the first of DATABASES.
describe(`CAS_WORKERS=2: dead workers are replaced after a back-off (${DATABASES[0]})`, () => {
  it('a worker killed in its first seconds is replaced while the other keeps answering', async () => {
    const server = await CasServer.start({ db: DATABASES[0], env: { CAS_WORKERS: '2', CAS_SCHEDULER: 'false' } });
    try {
      const first = workerPids(server.logEntries());
      expect(first).toHaveLength(2);
      process.kill(first[0], 'SIGKILL');
      await eventually(() => server.logEntries().some((e) => e.event === 'worker.exited'), 'the exit to be seen');
      const exited = server.logEntries().find((e) => e.event === 'worker.exited');
      expect(exited).toMatchObject({ level: 'error', worker: first[0], signal: 'SIGKILL', restartInMs: 1000 });
      expect(exited?.msg).toBe(`worker ${first[0]} exited with signal SIGKILL: starting another in 1 s`);
      // Meanwhile the healthy worker serves.
      for (let i = 0; i < 5; i++) expect((await fetch(`${server.origin}/health/live`)).status).toBe(200);
      await eventually(() => workerPids(server.logEntries()).length === 3, 'a new worker', 600);
      const replacement = workerPids(server.logEntries())[2];
      expect(first).not.toContain(replacement);
      expect(() => process.kill(replacement, 0)).not.toThrow();
      expect((await fetch(server.url('/login'))).status).toBe(200);
      expect(server.logs()).not.toMatch(/keep dying/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120000);

  it('workers that always crash make the primary stop with a clear message and exit 1', async () => {
    const held = await occupiedPort();
    const db = await createTestDb(DATABASES[0]);
    // Every worker dies at start: the admin API's port is taken. Not CasServer.start: under
    // load a worker takes seconds to boot, and the restarts take longer than its wait.
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        HOST: '127.0.0.1',
        PORT: '0',
        CAS_WORKERS: '2',
        CAS_ADMIN_PORT: String(held.port),
        CAS_SCHEDULER: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(output).not.toContain('CAS server listening');
      expect(output).toContain(`cannot start: CAS_ADMIN_PORT=${held.port} on CAS_ADMIN_HOST=127.0.0.1`);
      expect(output).toMatch(/starting another in 1 s/);
      expect(output).toMatch(/starting another in 2 s/);
      expect(output).toMatch(
        /"msg":"workers keep dying \(6 exits within 60 s, the last: worker \d+ exited with code 1\): stopping the server/,
      );
      expect(code).toBe(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      held.server.close();
      await db.drop();
    }
  }, 150000);
});

describe.each(DATABASES)('log lines carry their facts as fields on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({
      db,
      env: { CAS_TRUSTED_PROXIES: '127.0.0.1', SESSION_COOKIE_AGE: '2', CAS_CLEANUP_INTERVAL: '1' },
    });
    const created = await server.cli(['users:create', 'alice'], 'wonderland\n');
    expect(created.code).toBe(0);
    const added = await server.cli(['services:add', '--name', 'app', '--pattern', 'https://app\\.example\\.org/.*']);
    expect(added.code).toBe(0);
  });

  afterAll(() => server.stop());

  const byRequest = (reqId: string | null) => server.logEntries().filter((e) => e.reqId === reqId);

  it('a login: event, user, ip, session; an access line with method, route, status, time and request id', async () => {
    const browser = new Browser();
    const form = await browser.get(server.url(`/login?${q({ service: APP })}`));
    const answer = await browser.post(server.url(`/login?${q({ service: APP })}`), {
      ...formFields(form.body),
      username: 'alice',
      password: 'wonderland',
    });
    expect(answer.status).toBe(302);
    const reqId = answer.headers.get('x-request-id');
    await eventually(() => byRequest(reqId).some((e) => e.event === 'http.request'), 'the access line');
    const lines = byRequest(reqId);
    const success = lines.find((e) => e.event === 'login.success');
    expect(success).toMatchObject({ level: 'info', context: 'login', user: 'alice', ip: '127.0.0.1' });
    expect(success?.session).toEqual(expect.stringMatching(/.+/));
    expect(success?.msg).toBe(`user alice logged in from 127.0.0.1 (session ${String(success?.session)})`);
    expect(lines.find((e) => e.event === 'ticket.issued')).toMatchObject({
      type: 'ST',
      user: 'alice',
      service: 'app',
      session: success?.session,
    });
    const access = lines.find((e) => e.event === 'http.request');
    expect(access).toMatchObject({
      level: 'info',
      context: 'http',
      msg: 'request completed',
      method: 'POST',
      route: '/cas/login',
      status: 302,
    });
    expect(typeof access?.responseTime).toBe('number');
    expect(access?.path).toBeUndefined();
  });

  it('a failed login and a validation: the facts in fields, never the ticket', async () => {
    const failed = await login(new Browser(), server.url('/login'), 'alice', 'wrong password');
    expect(failed.status).toBe(401);
    const failure = byRequest(failed.headers.get('x-request-id')).find((e) => e.event === 'login.failure');
    expect(failure).toMatchObject({ level: 'warn', user: 'alice', ip: '127.0.0.1', reason: 'bad_credentials' });

    const ticket = await loginForTicket(new Browser(), server.url(`/login?${q({ service: APP })}`), {
      username: 'alice',
      password: 'wonderland',
    });
    const validation = await fetch(server.url(`/serviceValidate?${q({ service: APP, ticket })}`));
    const reqId = validation.headers.get('x-request-id');
    await eventually(() => byRequest(reqId).some((e) => e.event === 'http.request'), 'the access line');
    expect(byRequest(reqId).find((e) => e.event === 'ticket.validated')).toMatchObject({
      endpoint: '/serviceValidate',
      user: 'alice',
      url: APP,
    });
    expect(byRequest(reqId).find((e) => e.event === 'http.request')).toMatchObject({
      method: 'GET',
      route: '/cas/serviceValidate',
      status: 200,
    });
    expect(server.rawOutput()).not.toContain(ticket);
  });

  it('an unknown path is logged by its path, without the query; probes only at debug', async () => {
    const res = await fetch(`${server.origin}/no/such/page?ticket=ST-${'x'.repeat(40)}`);
    expect(res.status).toBe(404);
    const reqId = res.headers.get('x-request-id');
    await eventually(() => byRequest(reqId).length > 0, 'the access line');
    expect(byRequest(reqId)).toEqual([
      expect.objectContaining({ event: 'http.request', route: null, path: '/no/such/page', status: 404 }),
    ]);
    const probe = await fetch(`${server.origin}/health/live`);
    await sleep(200);
    expect(byRequest(probe.headers.get('x-request-id'))).toEqual([]);
  });

  it('cleanup reports its counts as numbers', async () => {
    await login(new Browser(), server.url('/login'), 'alice', 'wonderland');
    await eventually(() => server.logEntries().some((e) => e.event === 'cleanup.sessions'), 'a session cleanup', 150);
    const cleaned = server.logEntries().find((e) => e.event === 'cleanup.sessions');
    expect(cleaned).toMatchObject({ context: 'cleanup', sloSent: 0, sloFailed: 0 });
    expect(cleaned?.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(cleaned?.msg).toBe(`sessions cleaned: ${String(cleaned?.sessionsEnded)} ended`);
    const ended = server.logEntries().find((e) => e.event === 'session.ended');
    expect(ended).toMatchObject({ user: 'alice', reason: 'expired' });
  });
});
