import { inflateRawSync } from 'node:zlib';
import { Browser, decodeEntities, login, ticketFrom } from './support/browser';
import { CasServer } from './support/cas-server';
import { q } from './support/fixtures';
import { RelyingApp, parseLogoutRequest } from './support/relying-app';
import { DATABASES } from './support/test-db';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function setUp(server: CasServer, app: RelyingApp): Promise<void> {
  const base = escapeRegex(app.base);
  const steps: string[][] = [
    ['services:add', '--name', 'slo-app', '--pattern', `${base}/app/.*`, '--single-log-out'],
    [
      'services:add',
      '--name',
      'slo-callback',
      '--pattern',
      `${base}/other/.*`,
      '--single-log-out',
      '--single-log-out-callback',
      `${app.base}/callback`,
    ],
    ['services:add', '--name', 'no-slo', '--pattern', `${base}/quiet/.*`],
    ['services:add', '--name', 'many', '--pattern', `${base}/s/\\d+`, '--single-log-out'],
    ['services:add', '--name', 'front', '--pattern', `${base}/front/.*`, '--single-log-out', '--front-channel-logout'],
  ];
  for (const args of steps) {
    const r = await server.cli(args);
    if (r.code !== 0) throw new Error(r.stderr);
  }
  const user = await server.cli(['users:create', 'alice'], 'wonderland\n');
  if (user.code !== 0) throw new Error(user.stderr);
}

async function ticketAndValidate(
  server: CasServer,
  browser: Browser,
  service: string,
  validate = true,
): Promise<string> {
  const page = await browser.get(server.url(`/login?${q({ service })}`));
  const ticket = ticketFrom(page.location);
  if (validate) {
    const xml = await (await fetch(server.url(`/serviceValidate?${q({ service, ticket })}`))).text();
    expect(xml).toContain('authenticationSuccess');
  }
  return ticket;
}

describe.each(DATABASES)('Single Logout on %s', (db) => {
  let app: RelyingApp;
  let server: CasServer;

  beforeEach(async () => {
    app = await RelyingApp.start();
  });

  afterEach(async () => {
    await server?.stop();
    await app.stop();
  });

  it('logout sends one correct logoutRequest per validated service session, to the callback where set', async () => {
    server = await CasServer.start({ db, env: { CAS_SCHEDULER: 'false' } });
    await setUp(server, app);
    const browser = new Browser();
    await login(browser, server.url('/login'), 'alice', 'wonderland');
    const a1 = await ticketAndValidate(server, browser, `${app.base}/app/one`);
    const a2 = await ticketAndValidate(server, browser, `${app.base}/app/two?x=1`);
    const b = await ticketAndValidate(server, browser, `${app.base}/other/page`);
    await ticketAndValidate(server, browser, `${app.base}/quiet/page`);
    await ticketAndValidate(server, browser, `${app.base}/app/never-validated`, false);

    const page = await browser.get(server.url('/logout'));
    expect(page.status).toBe(200);
    await app.waitFor(3);
    await sleep(300);
    expect(app.received).toHaveLength(3);
    const byTicket = new Map(app.received.map((r) => [r.sessionIndex, r]));
    expect(byTicket.get(a1)?.path).toBe('/app/one');
    expect(byTicket.get(a2)?.path).toBe('/app/two?x=1');
    expect(byTicket.get(b)?.path).toBe('/callback');
    for (const r of app.received) {
      expect(r.nameId).toBe('alice');
      expect(r.contentType).toBe('application/x-www-form-urlencoded');
      expect(r.issueInstant).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(new Set(app.received.map((r) => r.id)).size).toBe(3);
  });

  it('a service that never answers delays the logout page by CAS_SLO_TIMEOUT at most, and is reported', async () => {
    server = await CasServer.start({ db, env: { CAS_SCHEDULER: 'false', CAS_SLO_TIMEOUT: '2' } });
    await setUp(server, app);
    app.behaviour.hang = true;
    const browser = new Browser();
    await login(browser, server.url('/login'), 'alice', 'wonderland');
    await ticketAndValidate(server, browser, `${app.base}/app/one`);
    const started = Date.now();
    const page = await browser.get(server.url('/logout'));
    const elapsed = Date.now() - started;
    expect(page.status).toBe(200);
    // The page waits for the 2 s timeout (plus a small margin), never for the dead service.
    expect(elapsed).toBeLessThan(6000);
    expect(page.body).toContain('could not be told');
    expect(page.body).toContain('slo-app');
    expect(server.logs()).toMatch(/WARN.*logout request to slo-app/);
  });

  it('front-channel services are told by the browser: the logout page loads their logoutRequest', async () => {
    server = await CasServer.start({ db, env: { CAS_SCHEDULER: 'false' } });
    await setUp(server, app);
    const browser = new Browser();
    await login(browser, server.url('/login'), 'alice', 'wonderland');
    const front = await ticketAndValidate(server, browser, `${app.base}/front/page?x=1`);
    const back = await ticketAndValidate(server, browser, `${app.base}/app/one`);
    const page = await browser.get(server.url(`/logout?${q({ service: `${app.base}/app/bye` })}`));
    // No redirect: the page must load in the browser to make the requests.
    expect(page.status).toBe(200);
    const sources = [...page.body.matchAll(/<img class="slo-frame" src="([^"]+)"/g)].map((m) => decodeEntities(m[1]));
    expect(sources).toHaveLength(1);
    const url = new URL(sources[0]);
    expect(`${url.origin}${url.pathname}`).toBe(`${app.base}/front/page`);
    expect(url.searchParams.get('x')).toBe('1');
    const xml = inflateRawSync(Buffer.from(url.searchParams.get('logoutRequest')!, 'base64')).toString('utf8');
    const parsed = parseLogoutRequest(new URLSearchParams({ logoutRequest: xml }).toString());
    expect(parsed.sessionIndex).toBe(front);
    expect(parsed.nameId).toBe('alice');
    expect(page.headers.get('content-security-policy')).toContain(`img-src 'self' data: https: ${app.base}`);
    expect(page.body).toContain(`href="${app.base}/app/bye"`);
    await app.waitFor(1);
    await sleep(300);
    expect(app.received.map((r) => r.sessionIndex)).toEqual([back]);
  });

  it('100 service sessions with parallelism 10: all told, never more than 10 at once', async () => {
    server = await CasServer.start({
      db,
      env: { CAS_SCHEDULER: 'false', CAS_SLO_MAX_PARALLEL_REQUESTS: '10', CAS_SLO_TIMEOUT: '10' },
    });
    await setUp(server, app);
    app.behaviour.delayMs = 50;
    const browser = new Browser();
    await login(browser, server.url('/login'), 'alice', 'wonderland');
    for (let i = 0; i < 100; i++) await ticketAndValidate(server, browser, `${app.base}/s/${i}`);
    await browser.get(server.url('/logout'));
    await app.waitFor(100, 30000);
    expect(new Set(app.received.map((r) => r.sessionIndex)).size).toBe(100);
    expect(app.maxInFlight).toBeLessThanOrEqual(10);
    expect(app.maxInFlight).toBeGreaterThan(1);
  });

  it('two logouts at the same moment share CAS_SLO_MAX_PARALLEL_REQUESTS: never more than 4 at once together', async () => {
    server = await CasServer.start({
      db,
      env: { CAS_SCHEDULER: 'false', CAS_SLO_MAX_PARALLEL_REQUESTS: '4', CAS_SLO_TIMEOUT: '10' },
    });
    await setUp(server, app);
    app.behaviour.delayMs = 100;
    const browsers = [new Browser(), new Browser()];
    for (const [n, browser] of browsers.entries()) {
      await login(browser, server.url('/login'), 'alice', 'wonderland');
      for (let i = 0; i < 12; i++) await ticketAndValidate(server, browser, `${app.base}/s/${n * 100 + i}`);
    }
    await Promise.all(browsers.map((browser) => browser.get(server.url('/logout'))));
    await app.waitFor(24, 30000);
    expect(new Set(app.received.map((r) => r.sessionIndex)).size).toBe(24);
    expect(app.maxInFlight).toBeLessThanOrEqual(4);
    expect(app.maxInFlight).toBeGreaterThan(1);
  });

  it('idle sessions are ended by the scheduled job, with Single Logout', async () => {
    server = await CasServer.start({
      db,
      env: { SESSION_COOKIE_AGE: '1', CAS_CLEANUP_INTERVAL: '1' },
    });
    await setUp(server, app);
    const browser = new Browser();
    await login(browser, server.url('/login'), 'alice', 'wonderland');
    const ticket = await ticketAndValidate(server, browser, `${app.base}/app/idle`);
    await app.waitFor(1, 15000);
    expect(app.received[0].sessionIndex).toBe(ticket);
    for (let i = 0; i < 50 && !/sessions cleaned/.test(server.logs()); i++) await sleep(100);
    expect(server.logs()).toMatch(/sessions cleaned.*"sessionsEnded":1/);
  });
});

describe.each(DATABASES)('cleanup with two processes on %s', (db) => {
  it('timed-out service sessions are logged out exactly once when two processes clean at the same moment', async () => {
    const app = await RelyingApp.start();
    const env = { CAS_SCHEDULER: 'false', CAS_TICKET_TIMEOUT: '1' };
    const first = await CasServer.start({ db, env });
    const second = await CasServer.start({ db: first.db, env });
    try {
      await setUp(first, app);
      const browser = new Browser();
      await login(browser, first.url('/login'), 'alice', 'wonderland');
      const tickets: string[] = [];
      for (let i = 0; i < 30; i++) tickets.push(await ticketAndValidate(second, browser, `${app.base}/s/${i}`));
      await sleep(1200);
      const [r1, r2] = await Promise.all([first.cli(['clean-tickets']), second.cli(['clean-tickets'])]);
      expect(r1.code).toBe(0);
      expect(r2.code).toBe(0);
      await app.waitFor(30);
      await sleep(300);
      expect(app.received).toHaveLength(30);
      expect(new Set(app.received.map((r) => r.sessionIndex))).toEqual(new Set(tickets));
      const counts = [r1.stdout, r2.stdout].map((s) => Number(/(\d+) timed-out/.exec(s)?.[1]));
      expect(counts[0] + counts[1]).toBe(30);
    } finally {
      await second.stop({ keepDb: true });
      await first.stop();
      await app.stop();
    }
  });
});
