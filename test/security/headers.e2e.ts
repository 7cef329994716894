/** Header checks on every endpoint: no caching of protocol answers, no framing, no sniffing, no referrer. */
import { CasServer } from '../support/cas-server';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Every route, as [method, path (under the CAS prefix unless absolute), body, headers]. */
const ENDPOINTS: Array<[string, string, string?, Record<string, string>?]> = [
  ['GET', '/login'],
  ['GET', `/login?${q({ service: APP })}`],
  ['GET', `/login?${q({ service: APP, gateway: 'true' })}`],
  ['GET', '/login?service=https%3A%2F%2Fevil.example.com%2F'],
  ['POST', '/login', 'lt=LT-x&username=a&password=b', FORM],
  ['GET', '/logout'],
  ['GET', `/logout?${q({ service: APP })}`],
  ['GET', '/validate?ticket=ST-x&service=x'],
  ['GET', '/serviceValidate?ticket=ST-x&service=x'],
  ['GET', '/proxyValidate?ticket=ST-x&service=x'],
  ['GET', '/p3/serviceValidate?ticket=ST-x&service=x&format=JSON'],
  ['GET', '/p3/proxyValidate?ticket=ST-x&service=x'],
  ['GET', '/proxy?pgt=PGT-x&targetService=x'],
  ['POST', '/samlValidate?TARGET=x', '<x/>', { 'content-type': 'text/xml' }],
  ['POST', '/auth', 'username=a&password=b&service=x&secret=y', FORM],
  ['GET', '/language?lang=fr&next=/cas/login'],
  ['POST', '/messages/dismiss', 'id=cas_explained', FORM],
  ['GET', '/no-such-page'],
  ['GET', '/login/%ZZ'],
  ['GET', '/'],
  ['GET', '/api/admin/services'],
  ['GET', '/api/admin/openapi.json'],
  ['GET', '/api/admin/docs'],
];

describe.each(DATABASES)('security headers on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_AUTH_SHARED_SECRET: 'a shared secret' } });
    await seedUsersAndServices(server);
  });

  afterAll(async () => {
    await server?.stop();
  });

  // Rows are spread by hand: it.each would take a missing trailing element for jest's `done`.
  it.each(ENDPOINTS.map((row) => [row[0], row[1], row]))('%s %s', async (method, path, row) => {
    const [, , body, headers] = row as (typeof ENDPOINTS)[number];
    const target = path.startsWith('/api/') || path === '/' ? `${server.origin}${path}` : server.url(path);
    const res = await fetch(target, { method, body, headers, redirect: 'manual' });
    await res.text();
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain http here
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('static assets may be cached, but are never sniffed', async () => {
    const res = await fetch(server.url('/static/cas.css'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
  });
});
