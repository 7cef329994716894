import { Browser, formFields, login, ticketFrom } from './support/browser';
import { loginForTicket, q, readCasXml } from './support/cas-client';
import { CasServer } from './support/cas-server';
import { sample } from './support/prometheus';
import { RelyingApp } from './support/relying-app';
import { DATABASES } from './support/test-db';

const APP = 'https://app.example.org/welcome';
const TOKEN = 'metrics-token-0123456789abcdef';

async function cli(server: CasServer, args: string[], stdin = ''): Promise<void> {
  const result = await server.cli(args, stdin);
  if (result.code !== 0) throw new Error(result.stderr);
}

async function scrape(server: CasServer): Promise<string> {
  const res = await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(DATABASES)('operations on %s', (db) => {
  describe('health, metrics and logs', () => {
    let server: CasServer;

    beforeAll(async () => {
      server = await CasServer.start({
        db,
        env: {
          CAS_METRICS_TOKEN: TOKEN,
          CAS_ADMIN_TOKEN: 'admin-token-0123456789abcdef',
          CAS_TRUSTED_PROXIES: '127.0.0.1',
          CAS_SCHEDULER: 'false',
        },
      });
      await cli(server, ['users:create', 'alice', '--attr', 'email=alice@example.org'], 'wonderland\n');
      await cli(server, ['services:add', '--name', 'app', '--pattern', 'https://app\\.example\\.org/.*']);
    });

    afterAll(() => server.stop());

    it('answers the health probes in JSON, outside the CAS prefix and without the admin token', async () => {
      const live = await fetch(`${server.origin}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });

      const ready = await fetch(`${server.origin}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await ready.json()) as { status: string; info: Record<string, { status: string }> };
      expect(body.status).toBe('ok');
      expect(body.info.database.status).toBe('up');
      expect(body.info.authSource).toMatchObject({ status: 'up', source: 'local' });
    });

    it('counts logins, issued and validated tickets, and times validations', async () => {
      const before = await scrape(server);
      const ticket = await loginForTicket(new Browser(), server.url(`/login?${q({ service: APP })}`), {
        username: 'alice',
        password: 'wonderland',
      });
      const xml = await (await fetch(server.url(`/serviceValidate?${q({ service: APP, ticket })}`))).text();
      expect(readCasXml(xml).kind).toBe('authenticationSuccess');
      const replay = await (await fetch(server.url(`/serviceValidate?${q({ service: APP, ticket })}`))).text();
      expect(readCasXml(replay).code).toBe('INVALID_TICKET');
      await login(new Browser(), server.url('/login'), 'alice', 'not her password');
      const after = await scrape(server);

      const delta = (name: string, labels: Record<string, string> = {}) =>
        sample(after, name, labels) - sample(before, name, labels);
      expect(delta('cas_logins_total', { result: 'success' })).toBe(1);
      expect(delta('cas_logins_total', { result: 'bad_credentials' })).toBe(1);
      expect(delta('cas_tickets_issued_total', { type: 'ST' })).toBe(1);
      expect(delta('cas_tickets_validated_total', { type: 'ST', result: 'success' })).toBe(1);
      expect(delta('cas_tickets_validated_total', { type: 'ST', result: 'INVALID_TICKET' })).toBe(1);
      expect(delta('cas_validation_duration_seconds_count', { endpoint: '/serviceValidate' })).toBe(2);
      expect(sample(after, 'cas_sso_sessions_active')).toBeGreaterThanOrEqual(1);
      expect(after).toMatch(/^cas_throttled_attempts_total 0$/m);
      expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
    });

    it('keeps /metrics behind CAS_METRICS_TOKEN when one is set', async () => {
      expect((await fetch(`${server.origin}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${server.origin}/metrics`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('logs a failed login as one warn line with its request id, never the password', async () => {
      const browser = new Browser();
      const form = await browser.get(server.url('/login'));
      const answer = await browser.post(server.url('/login'), {
        ...formFields(form.body),
        username: 'alice',
        password: 'Sup3r-Secret-Pa55',
      });
      expect(answer.status).toBe(401);
      const reqId = answer.headers.get('x-request-id') ?? '';
      expect(reqId).toMatch(/^[0-9a-f]{16}$/);

      const lines = server.logEntries().filter((e) => e.reqId === reqId && e.event !== 'http.request');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'warn', context: 'login' });
      expect(lines[0].msg).toMatch(/^login failed for "alice" from 127\.0\.0\.1: bad credentials$/);
      expect(server.rawOutput()).not.toContain('Sup3r-Secret-Pa55');
    });

    it('logs a login and its validation at info, without the ticket or the cookie', async () => {
      const browser = new Browser();
      const ticket = await loginForTicket(browser, server.url(`/login?${q({ service: APP })}`), {
        username: 'alice',
        password: 'wonderland',
      });
      const validation = await fetch(server.url(`/serviceValidate?${q({ service: APP, ticket })}`));
      const reqId = validation.headers.get('x-request-id');
      const validated = server.logEntries().find((e) => e.reqId === reqId);
      expect(validated).toMatchObject({ level: 'info', context: 'validate' });
      expect(validated?.msg).toMatch(/ticket for alice validated/);
      expect(server.logs()).toMatch(/INFO \[login\] user alice logged in/);
      const raw = server.rawOutput();
      expect(raw).not.toContain(ticket);
      for (const value of browser.cookies.values()) expect(raw).not.toContain(value);
    });

    it('takes the X-Request-Id of a trusted proxy', async () => {
      const res = await fetch(server.url('/login'), { headers: { 'x-request-id': 'lb-7f3a.42' } });
      expect(res.headers.get('x-request-id')).toBe('lb-7f3a.42');
    });
  });

  it('ignores X-Request-Id from untrusted peers, and serves no /metrics with CAS_METRICS=false', async () => {
    const server = await CasServer.start({ db, env: { CAS_METRICS: 'false' } });
    try {
      const res = await fetch(server.url('/login'), { headers: { 'x-request-id': 'forged' } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
      expect((await fetch(`${server.origin}/metrics`)).status).toBe(404);
      expect((await fetch(`${server.origin}/health/ready`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('on SIGTERM stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const app = await RelyingApp.start();
    const server = await CasServer.start({ db, env: { CAS_SCHEDULER: 'false', CAS_SLO_TIMEOUT: '10' } });
    try {
      await cli(server, ['users:create', 'alice'], 'wonderland\n');
      const pattern = `${app.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/app/.*`;
      await cli(server, ['services:add', '--name', 'slow-app', '--pattern', pattern, '--single-log-out']);
      const browser = new Browser();
      await login(browser, server.url('/login'), 'alice', 'wonderland');
      const service = `${app.base}/app/one`;
      const ticket = ticketFrom((await browser.get(server.url(`/login?${q({ service })}`))).location);
      await fetch(server.url(`/serviceValidate?${q({ service, ticket })}`));

      // The logout waits for its Single Logout request, which the app answers in 3 s.
      app.behaviour.delayMs = 3000;
      const logout = browser.get(server.url('/logout'));
      await app.waitFor(1);
      const stopped = server.stop({ keepDb: true });
      await waitUntil(() => /SIGTERM received/.test(server.logs()), 'the server to see SIGTERM');
      const late = await fetch(`${server.origin}/health/live`).then(
        (res) => res.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(late);

      const page = await logout;
      expect(page.status).toBe(200);
      expect(page.body).not.toContain('could not be told');
      expect(await stopped).toBe(0);
      expect(server.logs()).toMatch(/INFO \[main\] stopped/);
    } finally {
      await server.stop();
      await app.stop();
    }
  });
});
