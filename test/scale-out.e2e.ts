import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formFields } from './support/browser';
import { q, readCasXml } from './support/cas-client';
import { CasServer, runCli, type LogEntry } from './support/cas-server';
import { freshRequest, type FreshAnswer } from './support/fresh-http';
import { sample } from './support/prometheus';
import { TcpProxy } from './support/tcp-proxy';
import { DATABASES, MYSQL_ADMIN_URL, createTestDb } from './support/test-db';
import { ThrowawayCa } from './support/tls';

const APP = 'https://app.example.org/welcome';

async function cli(server: CasServer, args: string[], stdin = ''): Promise<void> {
  const result = await server.cli(args, stdin);
  if (result.code !== 0) throw new Error(result.stderr);
}

/** The process that served a request, read from the log line carrying the request's id. */
async function servedBy(server: CasServer, answer: FreshAnswer, message: RegExp): Promise<number> {
  const reqId = answer.headers['x-request-id'];
  let line: LogEntry | undefined;
  for (let i = 0; i < 50 && !line; i++) {
    line = server.logEntries().find((e) => e.reqId === reqId && message.test(e.msg));
    if (!line) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!line) throw new Error(`no log line ${message} for request ${String(reqId)}`);
  return line.pid;
}

async function readiness(server: CasServer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.origin}/health/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function eventually<T>(get: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await get();
  for (let i = 0; i < 60 && !ok(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await get();
  }
  return value;
}

describe.each(DATABASES)('CAS_WORKERS=2 on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_WORKERS: '2', CAS_SCHEDULER: 'false' } });
    await cli(server, ['users:create', 'alice'], 'wonderland\n');
    await cli(server, ['services:add', '--name', 'app', '--pattern', 'https://app\\.example\\.org/.*']);
  });

  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it('starts two worker processes behind one port', () => {
    const workers = server.logEntries().filter((e) => /^worker \d+ listening$/.test(e.msg));
    expect(workers).toHaveLength(2);
    expect(new Set(workers.map((w) => w.msg)).size).toBe(2);
    expect(server.logs()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/cas\/login \(database: \w+, 2 workers\)/);
  });

  it('a ticket issued at a login served by one worker validates at the other', async () => {
    const pairs: Array<[number, number]> = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const form = await freshRequest(server.url(`/login?${q({ service: APP })}`));
      // The login ticket is good only with the pre-session cookie that came with the form.
      const cookie = ([] as string[])
        .concat(form.headers['set-cookie'] ?? [])
        .map((c) => c.split(';')[0])
        .join('; ');
      const posted = await freshRequest(server.url('/login'), {
        form: { ...formFields(form.body), username: 'alice', password: 'wonderland' },
        headers: { cookie },
      });
      expect(posted.status).toBe(302);
      const ticket = new URL(String(posted.headers.location)).searchParams.get('ticket') ?? '';
      const validation = await freshRequest(server.url(`/serviceValidate?${q({ service: APP, ticket })}`));
      expect(readCasXml(validation.body).kind).toBe('authenticationSuccess');
      const loginPid = await servedBy(server, posted, /user alice logged in/);
      const validationPid = await servedBy(server, validation, /ticket for alice validated/);
      pairs.push([loginPid, validationPid]);
      if (loginPid !== validationPid) break;
    }
    const [loginPid, validationPid] = pairs[pairs.length - 1];
    expect(loginPid).not.toBe(validationPid);
    expect([loginPid, validationPid]).not.toContain(server.pid);

    // Whichever worker answers the scrape, the counts are those of both workers.
    const metrics = (await freshRequest(`${server.origin}/metrics`)).body;
    expect(sample(metrics, 'cas_logins_total', { result: 'success' })).toBe(pairs.length);
    expect(sample(metrics, 'cas_tickets_validated_total', { type: 'ST', result: 'success' })).toBe(pairs.length);
  });
});

const describeMysql = DATABASES.includes('mysql') ? describe : describe.skip;

describeMysql('readiness follows MariaDB (through a TCP relay the test stops and starts)', () => {
  const mysql = new URL(MYSQL_ADMIN_URL);
  let database: TcpProxy;
  let source: TcpProxy;
  let server: CasServer;

  beforeAll(async () => {
    const target = [mysql.hostname, Number(mysql.port || 3306)] as const;
    database = await TcpProxy.start(...target);
    source = await TcpProxy.start(...target);
    const db = await createTestDb('mysql');
    const relayed = new URL(db.url);
    relayed.port = String(database.port);
    server = await CasServer.start({
      db: { ...db, url: relayed.toString() },
      env: {
        CAS_AUTH_CLASS: 'sql',
        CAS_SQL_HOST: `127.0.0.1:${source.port}`,
        CAS_SQL_USERNAME: decodeURIComponent(mysql.username) || 'root',
        CAS_SQL_PASSWORD: decodeURIComponent(mysql.password),
        CAS_SQL_DBNAME: new URL(db.url).pathname.slice(1),
        CAS_SCHEDULER: 'false',
      },
    });
  });

  afterAll(async () => {
    await database.resume().catch(() => undefined);
    await server?.stop();
    await database.pause();
    await source.pause();
  });

  it('is ready while both answer', async () => {
    const ready = await readiness(server);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, authSource: { source: 'sql' } },
    });
  });

  it('turns unhealthy (503) when the database is unreachable, and recovers when it is back', async () => {
    await database.pause();
    const down = await readiness(server);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    expect((await fetch(`${server.origin}/health/live`)).status).toBe(200);

    await database.resume();
    const back = await eventually(
      () => readiness(server),
      (r) => r.status === 200,
    );
    expect(back.status).toBe(200);
  });

  it('turns unhealthy when the authentication source is unreachable, naming it', async () => {
    await source.pause();
    const down = await readiness(server);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      info: { database: { status: 'up' } },
      error: { authSource: { status: 'down' } },
    });
    expect(JSON.stringify(down.body)).toContain(`127.0.0.1:${source.port}`);
    await source.resume();
    expect(
      (
        await eventually(
          () => readiness(server),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
  });
});

describe('start-up fails fast with a clear message', () => {
  it('names a bad setting and exits 2', async () => {
    await expect(CasServer.start({ env: { CAS_WORKERS: 'many' } })).rejects.toThrow(
      /exited with 2:\s*Invalid setting CAS_WORKERS: /,
    );
  });

  it('names an unreachable database (never its password) and exits 1', async () => {
    const relay = await TcpProxy.start('127.0.0.1', 9);
    const port = relay.port;
    await relay.pause();
    const db = { kind: 'mysql' as const, url: `mysql://cas:s3cret@127.0.0.1:${port}/cas`, drop: async () => {} };
    const failure = CasServer.start({ db });
    await expect(failure).rejects.toThrow(
      new RegExp(
        `exited with 1:[\\s\\S]*cannot start: cannot open the database mysql://cas@127\\.0\\.0\\.1:${port}/cas`,
      ),
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});

describe.each(DATABASES)('cas doctor on %s', (db) => {
  const dir = mkdtempSync(join(tmpdir(), 'cas-doctor-'));
  const ca = new ThrowawayCa('Doctor CA');
  const pair = ca.issueServerCertificate();
  const other = ca.issueServerCertificate();
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  writeFileSync(join(dir, 'key.pem'), pair.key);
  writeFileSync(join(dir, 'other-key.pem'), other.key);
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDb(db);
    url = created.url;
    drop = created.drop;
  });

  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports every check and exits 0 when nothing fails', async () => {
    const migrated = await runCli(['migrate'], { DATABASE_URL: url });
    expect(migrated.code).toBe(0);
    const result = await runCli(['doctor'], {
      DATABASE_URL: url,
      CAS_AUTH_CLASS: 'test',
      TLS_CERT_FILE: join(dir, 'cert.pem'),
      TLS_KEY_FILE: join(dir, 'key.pem'),
    });
    expect(result.stdout).toMatch(/^OK\s+settings\s/m);
    // The test certificate lives one day: valid, with a warning that it ends soon.
    expect(result.stdout).toMatch(/^WARN\s+tls\s+.*cert\.pem: CN=127\.0\.0\.1, valid until .*: expires soon$/m);
    expect(result.stdout).toMatch(/^OK\s+database\s+.*schema up to date/m);
    expect(result.stdout).toMatch(/^OK\s+auth source\s+test: reachable/m);
    expect(result.code).toBe(0);
  });

  it('says what is wrong: a key that is not the certificate’s, an unreachable SQL source', async () => {
    const result = await runCli(['doctor'], {
      DATABASE_URL: url,
      CAS_AUTH_CLASS: 'sql',
      CAS_SQL_HOST: '127.0.0.1:9',
      TLS_CERT_FILE: join(dir, 'cert.pem'),
      TLS_KEY_FILE: join(dir, 'other-key.pem'),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL\s+tls\s+.*other-key\.pem: .*/m);
    expect(result.stdout).toMatch(/^FAIL\s+auth source\s+sql: SQL database 127\.0\.0\.1:9: /m);
    expect(result.stdout).toMatch(/^OK\s+database\s/m);
  });

  it('stops at a bad setting, naming it', async () => {
    const result = await runCli(['doctor'], { DATABASE_URL: url, CAS_TICKET_VALIDITY: 'soon' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL\s+settings\s+Invalid setting CAS_TICKET_VALIDITY: /m);
  });
});
