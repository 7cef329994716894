import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AdminClient, tokenFrom, type Problem } from './support/admin-client';
import { Browser, login } from './support/browser';
import { CasServer } from './support/cas-server';
import { DATABASES } from './support/test-db';

const ENV_TOKEN = 'env-token-for-automation-0123456789';

interface Service {
  id: number;
  name: string;
  pattern: string;
  position: number;
  releasesAttributes: boolean;
  releasedAttributes: Array<{ name: string; renameTo: string }>;
  allowedUsers: string[];
  restrictUsers: boolean;
}
interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
interface AuditItem {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

/** Every route of the admin API, as `METHOD path` with OpenAPI path templates. */
const ROUTES = [
  'GET /api/admin/services',
  'POST /api/admin/services',
  'GET /api/admin/services/match',
  'GET /api/admin/services/export',
  'POST /api/admin/services/import',
  'GET /api/admin/services/{id}',
  'PUT /api/admin/services/{id}',
  'PATCH /api/admin/services/{id}',
  'DELETE /api/admin/services/{id}',
  'GET /api/admin/users',
  'POST /api/admin/users',
  'GET /api/admin/users/{username}',
  'PATCH /api/admin/users/{username}',
  'DELETE /api/admin/users/{username}',
  'PUT /api/admin/users/{username}/password',
  'GET /api/admin/sessions',
  'DELETE /api/admin/sessions',
  'GET /api/admin/sessions/{id}',
  'DELETE /api/admin/sessions/{id}',
  'GET /api/admin/audit',
  'GET /api/admin/tokens',
  'DELETE /api/admin/tokens/{name}',
];

function expectProblem(answer: { status: number; headers: Headers; body: unknown }, status: number): Problem {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = answer.body as Problem;
  expect(problem).toMatchObject({ type: 'about:blank', status });
  return problem;
}

function fields(problem: Problem): string[] {
  return (problem.errors ?? []).map((e) => e.field);
}

describe.each(DATABASES)('admin API (%s)', (db) => {
  let server: CasServer;
  let api: AdminClient;

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_AUTH_CLASS: 'local', CAS_ADMIN_TOKEN: ENV_TOKEN } });
    const created = await server.cli(['tokens:create', 'ci-bot']);
    expect(created.code).toBe(0);
    api = new AdminClient(server.origin, tokenFrom(created.stdout));
  });

  afterAll(() => server?.stop());

  const audit = async (query: string) => (await api.get<Page<AuditItem>>(`/api/admin/audit?${query}`)).body.items;

  describe('authentication', () => {
    it('answers a bare 401 to a missing, malformed, wrong or revoked token on every documented route', async () => {
      const doc = (await api.get<{ paths: Record<string, Record<string, unknown>> }>('/api/admin/openapi.json')).body;
      const temp = tokenFrom((await server.cli(['tokens:create', 'temporary'])).stdout);
      expect((await api.withToken(temp).get('/api/admin/services')).status).toBe(200);
      expect((await server.cli(['tokens:revoke', 'temporary'])).code).toBe(0);
      const badTokens = [null, 'casadm_wrong', temp];
      for (const [template, ops] of Object.entries(doc.paths)) {
        const path = template.replace('{id}', '1').replace('{username}', 'alice').replace('{name}', 'x');
        for (const method of Object.keys(ops).filter((m) => m !== 'parameters')) {
          for (const token of badTokens) {
            const answer = await api.withToken(token).request(method.toUpperCase(), path);
            const problem = expectProblem(answer, 401);
            expect(problem.detail).toBeUndefined();
            expect(answer.headers.get('www-authenticate')).toBe('Bearer');
          }
        }
      }
      const basic = await api.withToken(null).request('GET', '/api/admin/services', undefined, {
        authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
      });
      expectProblem(basic, 401);
    });

    it('accepts CAS_ADMIN_TOKEN and records its changes as env-token', async () => {
      const env = api.withToken(ENV_TOKEN);
      const created = await env.post<Service>('/api/admin/services', {
        name: 'By env',
        pattern: 'https://env\\.example\\.org/.*',
      });
      expect(created.status).toBe(201);
      const entries = await audit(`actor=env-token&targetId=${created.body.id}`);
      expect(entries.map((e) => e.action)).toEqual(['service.create']);
      expect((await env.delete(`/api/admin/services/${created.body.id}`)).status).toBe(204);
    });

    it('lists tokens without their values, and revokes one through the API', async () => {
      const temp = tokenFrom((await server.cli(['tokens:create', 'short-lived'])).stdout);
      const list = await api.get<{ items: Array<Record<string, unknown>> }>('/api/admin/tokens');
      expect(list.body.items.map((t) => t.name)).toEqual(
        expect.arrayContaining(['ci-bot', 'short-lived', 'temporary']),
      );
      expect(list.text).not.toContain('casadm_');
      expect(list.text).not.toMatch(/[0-9a-f]{64}/);
      expect((await api.delete('/api/admin/tokens/short-lived')).status).toBe(204);
      expectProblem(await api.withToken(temp).get('/api/admin/services'), 401);
      expectProblem(await api.delete('/api/admin/tokens/short-lived'), 404);
      expect((await audit('action=token.revoke&targetId=short-lived'))[0].actor).toBe('ci-bot');
      const cliList = await server.cli(['tokens:list']);
      expect(cliList.stdout).toMatch(/short-lived\t.*revoked/);
    });
  });

  describe('services', () => {
    it('creates, reads, lists by position, replaces, patches and deletes a service, auditing each change', async () => {
      const created = await api.post<Service>('/api/admin/services', {
        name: 'Wiki',
        pattern: 'https://wiki\\.example\\.org/.*',
        position: 20,
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/api/admin/services/${created.body.id}`);
      expect(created.body).toMatchObject({
        name: 'Wiki',
        position: 20,
        releasedAttributes: [],
        releasesAttributes: false,
      });
      const id = created.body.id;
      const first = await api.post<Service>('/api/admin/services', {
        name: 'Portal',
        pattern: 'https://portal\\.example\\.org/.*',
        position: 5,
      });

      const list = await api.get<Page<Service>>('/api/admin/services');
      expect(list.body.items.map((s) => s.name)).toEqual(['Portal', 'Wiki']);
      const paged = await api.get<Page<Service>>('/api/admin/services?page=2&pageSize=1');
      expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(paged.body.items.map((s) => s.name)).toEqual(['Wiki']);

      expect((await api.get<Service>(`/api/admin/services/${id}`)).body.name).toBe('Wiki');

      const replaced = await api.put<Service>(`/api/admin/services/${id}`, {
        ...created.body,
        releasedAttributes: [{ name: 'mail', renameTo: 'email' }],
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ position: 20, releasesAttributes: true });

      const patched = await api.request<Service>(
        'PATCH',
        `/api/admin/services/${id}`,
        { position: 1, allowedUsers: ['alice'], restrictUsers: true },
        {
          'content-type': 'application/merge-patch+json',
        },
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ position: 1, restrictUsers: true, allowedUsers: ['alice'] });
      expect(patched.body.releasedAttributes).toEqual([{ name: 'mail', renameTo: 'email' }]);
      expect((await api.get<Page<Service>>('/api/admin/services')).body.items[0].name).toBe('Wiki');

      expect((await api.delete(`/api/admin/services/${id}`)).status).toBe(204);
      expectProblem(await api.get(`/api/admin/services/${id}`), 404);
      expectProblem(await api.delete(`/api/admin/services/${id}`), 404);
      await api.delete(`/api/admin/services/${first.body.id}`);

      const trail = await audit(`targetType=service&targetId=${id}`);
      expect(trail.map((e) => e.action)).toEqual([
        'service.delete',
        'service.patch',
        'service.replace',
        'service.create',
      ]);
      expect(trail.every((e) => e.actor === 'ci-bot')).toBe(true);
      expect(trail[1].before).toMatchObject({ position: 20 });
      expect(trail[1].after).toMatchObject({ position: 1 });
    });

    it('lists every invalid field of a body: unknown fields, wrong types, missing fields', async () => {
      const answer = await api.post('/api/admin/services', {
        pattern: 42,
        position: '1',
        proxy: 'yes',
        allowedUsers: 'alice',
        releasedAttributes: [{ nam: 'mail' }],
        colour: 'blue',
      });
      const problem = expectProblem(answer, 422);
      expect(fields(problem).sort()).toEqual(
        [
          'name',
          'pattern',
          'position',
          'proxy',
          'allowedUsers',
          'releasedAttributes[0].name',
          'releasedAttributes[0].nam',
          'colour',
        ].sort(),
      );
      expect(problem.errors).toContainEqual({ field: 'name', message: 'is required' });
      expect(problem.errors).toContainEqual({ field: 'colour', message: 'is not a known field' });
    });

    it('refuses bad patterns, patterns the linear-time engine cannot run, bad URLs and empty names', async () => {
      const answer = await api.post('/api/admin/services', {
        name: '',
        pattern: 'https://(?P<h>[a-z]+)\\.org/(?P=h)',
        singleLogOutCallback: 'not a url',
        attributeRewrites: [{ attribute: 'mail', pattern: '([a-z', replacement: '' }],
        requiredAttributes: [{ attribute: 'group', pattern: '(?!guests)' }],
      });
      const problem = expectProblem(answer, 422);
      expect(problem.errors).toEqual([
        { field: 'name', message: 'must not be empty' },
        { field: 'pattern', message: expect.stringContaining('uses the back-reference (?P=h)') },
        { field: 'singleLogOutCallback', message: 'must be an absolute http(s) URL' },
        { field: 'attributeRewrites[0].pattern', message: expect.stringMatching(/^is not a valid regular expression/) },
        { field: 'requiredAttributes[0].pattern', message: expect.stringContaining('uses the look-ahead (?!') },
      ]);
      expect((await api.get<Page<Service>>('/api/admin/services')).body.total).toBe(0);
    });

    it('answers 409 to a name or pattern already used, on create, replace and patch', async () => {
      const a = await api.post<Service>('/api/admin/services', { name: 'A', pattern: 'https://a\\.org/.*' });
      const b = await api.post<Service>('/api/admin/services', { name: 'B', pattern: 'https://b\\.org/.*' });
      const dup = expectProblem(
        await api.post('/api/admin/services', { name: 'A', pattern: 'https://a\\.org/.*' }),
        409,
      );
      expect(fields(dup)).toEqual(['name', 'pattern']);
      expect(
        fields(
          expectProblem(await api.put(`/api/admin/services/${b.body.id}`, { name: 'A', pattern: 'https://c/.*' }), 409),
        ),
      ).toEqual(['name']);
      expect(
        fields(
          expectProblem(await api.patch(`/api/admin/services/${b.body.id}`, { pattern: 'https://a\\.org/.*' }), 409),
        ),
      ).toEqual(['pattern']);
      expect(
        fields(expectProblem(await api.patch(`/api/admin/services/${b.body.id}`, { id: a.body.id }), 422)),
      ).toEqual(['id']);
      expect(
        fields(
          expectProblem(await api.post('/api/admin/services', { id: 7, name: 'C', pattern: 'https://c/.*' }), 422),
        ),
      ).toEqual(['id']);
      expectProblem(await api.put('/api/admin/services/999', { name: 'Z', pattern: 'https://z/.*' }), 404);
      expectProblem(await api.patch('/api/admin/services/abc', { name: 'Z' }), 404);
      await api.delete(`/api/admin/services/${a.body.id}`);
      await api.delete(`/api/admin/services/${b.body.id}`);
    });

    it('answers malformed requests with problem JSON, never a 500', async () => {
      const raw = (body: string, type = 'application/json') =>
        api.request('POST', '/api/admin/services', body, { 'content-type': type });
      expect(expectProblem(await raw('{"name": '), 400).title).toBe('Bad Request');
      expectProblem(await raw('[1, 2]'), 400);
      expectProblem(await raw('"text"'), 400);
      expectProblem(await raw('{"__proto__": {"x": 1}}'), 400);
      // The admin API reads JSON only.
      expectProblem(await raw('name=x', 'text/plain'), 415);
      expectProblem(await raw('name=x', 'application/x-www-form-urlencoded'), 415);
      expectProblem(await raw('name=x', 'application/octet-stream'), 415);
      expectProblem(await raw(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), pattern: 'x' })), 413);
      expectProblem(await api.post('/api/admin/services'), 400);
      expect(
        fields(expectProblem(await api.get('/api/admin/services?page=0&pageSize=x&sort=name'), 400)).sort(),
      ).toEqual(['page', 'pageSize', 'sort'].sort());
      expectProblem(await api.get('/api/admin/services?page=1&page=2'), 400);
      expectProblem(await api.get('/api/admin/no-such-thing'), 404);
      expect(server.logs()).not.toMatch(/\bERROR\b/);
    });

    it('previews which service matches a URL and what a user would receive', async () => {
      await api.post('/api/admin/users', {
        username: 'mia',
        password: 'pw',
        attributes: { mail: 'mia@old.org', group: 'staff' },
      });
      const svc = await api.post<Service>('/api/admin/services', {
        name: 'Staff app',
        pattern: 'https://staff\\.example\\.org/.*',
        requiredAttributes: [{ attribute: 'group', pattern: 'staff' }],
        releasedAttributes: [{ name: 'mail', renameTo: 'email' }],
        attributeRewrites: [{ attribute: 'mail', pattern: '@old\\.org$', replacement: '@new.org' }],
      });
      const ok = await api.get<Record<string, unknown>>(
        '/api/admin/services/match?url=https://staff.example.org/x&username=mia',
      );
      expect(ok.body).toMatchObject({
        matched: true,
        service: { name: 'Staff app' },
        user: { ticket: true, casUser: 'mia', attributes: { email: 'mia@new.org' } },
      });
      await api.patch(`/api/admin/users/mia`, { attributes: { group: 'students' } });
      const refused = await api.get('/api/admin/services/match?url=https://staff.example.org/x&username=mia');
      expect(refused.body).toMatchObject({ user: { ticket: false, reason: 'User characteristics not allowed' } });
      const none = await api.get('/api/admin/services/match?url=https://staff.example.org.evil.com/');
      expect(none.body).toMatchObject({ matched: false, service: null, user: null });
      expect(fields(expectProblem(await api.get('/api/admin/services/match'), 400))).toEqual(['url']);
      await api.delete(`/api/admin/services/${svc.body.id}`);
      await api.delete('/api/admin/users/mia');
    });

    it('exports services and imports them back, all or nothing, with a dry run', async () => {
      await api.post('/api/admin/services', {
        name: 'Keep',
        pattern: 'https://keep/.*',
        releasedAttributes: [{ name: '*' }],
      });
      await api.post('/api/admin/services', { name: 'Drop', pattern: 'https://drop/.*' });
      const exported = await api.get<{ version: number; services: Array<Record<string, unknown>> }>(
        '/api/admin/services/export',
      );
      expect(exported.body.version).toBe(1);
      expect(exported.body.services.map((s) => s.name)).toEqual(['Keep', 'Drop']);
      expect(exported.body.services[0]).not.toHaveProperty('id');

      const next = {
        ...exported.body,
        services: [
          { ...exported.body.services[0], position: 1 },
          { name: 'New', pattern: 'https://new/.*' },
        ],
      };
      const dry = await api.post('/api/admin/services/import?dryRun=true&mode=replace', next);
      expect(dry.body).toEqual({
        dryRun: true,
        mode: 'replace',
        created: ['New'],
        updated: ['Keep'],
        deleted: ['Drop'],
        unchanged: [],
      });
      expect((await api.get<Page<Service>>('/api/admin/services')).body.items.map((s) => s.name)).toEqual([
        'Keep',
        'Drop',
      ]);

      const bad = await api.post('/api/admin/services/import', {
        services: [
          { name: 'Fine', pattern: 'https://fine/.*' },
          { name: 'Broken', pattern: '(' },
          { name: 'x', pattern: 'y', extra: 1 },
        ],
      });
      // Every bad field at once: the unknown field and the broken pattern of another service.
      expect(fields(expectProblem(bad, 422))).toEqual(['services[2].extra', 'services[1].pattern']);
      const badPattern = await api.post('/api/admin/services/import', {
        services: [
          { name: 'Fine', pattern: 'https://fine/.*' },
          { name: 'Broken', pattern: '(' },
        ],
      });
      expect(fields(expectProblem(badPattern, 422))).toEqual(['services[1].pattern']);
      const clash = await api.post('/api/admin/services/import', {
        services: [
          { name: 'Fine', pattern: 'https://fine/.*' },
          { name: 'Other', pattern: 'https://drop/.*' },
        ],
      });
      expect(fields(expectProblem(clash, 409))).toEqual(['services[1].pattern']);
      expect((await api.get<Page<Service>>('/api/admin/services')).body.total).toBe(2);
      expect(fields(expectProblem(await api.post('/api/admin/services/import?mode=all', next), 400))).toEqual(['mode']);

      const done = await api.post('/api/admin/services/import?mode=replace', next);
      expect(done.body).toMatchObject({ dryRun: false, created: ['New'], updated: ['Keep'], deleted: ['Drop'] });
      const after = (await api.get<Page<Service>>('/api/admin/services')).body.items;
      expect(after.map((s) => [s.name, s.position])).toEqual([
        ['Keep', 1],
        ['New', 100],
      ]);
      expect(after[0].releasedAttributes).toEqual([{ name: '*', renameTo: '' }]);
      expect((await audit('action=service.import'))[0].after).toMatchObject({ deleted: ['Drop'] });
      const again = await api.post('/api/admin/services/import', { services: next.services });
      expect(again.body).toMatchObject({ created: [], updated: [], unchanged: ['Keep', 'New'] });
      for (const s of after) await api.delete(`/api/admin/services/${s.id}`);
    });
  });

  describe('users and sessions', () => {
    it('creates a user whose password is never returned, and manages it', async () => {
      const created = await api.post<Record<string, unknown>>('/api/admin/users', {
        username: 'alice',
        password: 'first password',
        attributes: { mail: 'alice@example.org', groups: ['a', 'b'] },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe('/api/admin/users/alice');
      expect(created.body).toMatchObject({ username: 'alice', disabled: false, attributes: { groups: ['a', 'b'] } });
      expect(created.text).not.toMatch(/password|\$2[aby]\$/);
      expect(
        fields(expectProblem(await api.post('/api/admin/users', { username: 'alice', password: 'x' }), 409)),
      ).toEqual(['username']);
      const bad = await api.post('/api/admin/users', {
        username: ' bob',
        password: 'p'.repeat(73),
        attributes: { mail: 3 },
        admin: true,
      });
      expect(fields(expectProblem(bad, 422)).sort()).toEqual(
        ['admin', 'attributes.mail', 'password', 'username'].sort(),
      );
      expect((await api.get<Page<{ username: string }>>('/api/admin/users')).body.items.map((u) => u.username)).toEqual(
        ['alice'],
      );
      expect((await api.get('/api/admin/users/alice')).body).toMatchObject({ username: 'alice' });
      expectProblem(await api.get('/api/admin/users/nobody'), 404);

      const updated = await api.patch('/api/admin/users/alice', { attributes: { mail: 'alice@new.org' } });
      expect(updated.body).toMatchObject({ attributes: { mail: 'alice@new.org' } });
      expect(fields(expectProblem(await api.patch('/api/admin/users/alice', { disabled: 'no' }), 422))).toEqual([
        'disabled',
      ]);

      const browser = new Browser();
      expect((await login(browser, server.url('/login'), 'alice', 'first password')).status).toBe(200);
      expect(browser.cookies.has('TGC')).toBe(true);
      expect((await api.put('/api/admin/users/alice/password', { password: 'second password' })).status).toBe(204);
      expect(fields(expectProblem(await api.put('/api/admin/users/alice/password', { password: '' }), 422))).toEqual([
        'password',
      ]);
      expectProblem(await api.put('/api/admin/users/nobody/password', { password: 'x' }), 404);
      const fresh = new Browser();
      await login(fresh, server.url('/login'), 'alice', 'first password');
      expect(fresh.cookies.has('TGC')).toBe(false);
      await login(fresh, server.url('/login'), 'alice', 'second password');
      expect(fresh.cookies.has('TGC')).toBe(true);

      // The password change ended the session opened with the old password.
      expect((await browser.get(server.url('/login'))).body).toMatch(/name="password"/);
      const sessions = await api.get<Page<{ id: string; username: string }>>('/api/admin/sessions?username=alice');
      expect(sessions.body.total).toBe(1);
      const disabled = await api.patch('/api/admin/users/alice', { disabled: true });
      expect(disabled.body).toMatchObject({ disabled: true });
      expect((await api.get<Page<unknown>>('/api/admin/sessions?username=alice')).body.total).toBe(0);
      const blocked = new Browser();
      await login(blocked, server.url('/login'), 'alice', 'second password');
      expect(blocked.cookies.has('TGC')).toBe(false);

      const trail = await audit('targetType=user&targetId=alice');
      expect(trail.map((e) => e.action)).toEqual(['user.update', 'user.set-password', 'user.update', 'user.create']);
      expect(JSON.stringify(trail)).not.toMatch(/second password|\$2[aby]\$/);

      expect((await api.delete('/api/admin/users/alice')).status).toBe(204);
      expectProblem(await api.delete('/api/admin/users/alice'), 404);
    });

    it('lists sessions, ends one, and ends all of a user’s', async () => {
      await api.post('/api/admin/users', { username: 'carol', password: 'pw' });
      await api.post('/api/admin/users', { username: 'dave', password: 'pw' });
      const browsers = [new Browser(), new Browser(), new Browser()];
      await login(browsers[0], server.url('/login'), 'carol', 'pw');
      await login(browsers[1], server.url('/login'), 'carol', 'pw');
      await login(browsers[2], server.url('/login'), 'dave', 'pw');

      const all = await api.get<Page<{ id: string; username: string }>>('/api/admin/sessions');
      expect(all.body.total).toBe(3);
      expect(all.text).not.toMatch(/TGT-|cookie/i);
      const carols = (await api.get<Page<{ id: string; username: string }>>('/api/admin/sessions?username=carol')).body
        .items;
      expect(carols.map((s) => s.username)).toEqual(['carol', 'carol']);
      expect((await api.get(`/api/admin/sessions/${carols[0].id}`)).body).toMatchObject({
        id: carols[0].id,
        username: 'carol',
      });

      expect((await api.delete(`/api/admin/sessions/${carols[0].id}`)).body).toEqual({ ended: 1 });
      expectProblem(await api.get(`/api/admin/sessions/${carols[0].id}`), 404);
      expectProblem(await api.delete(`/api/admin/sessions/${carols[0].id}`), 404);
      expect(fields(expectProblem(await api.delete('/api/admin/sessions'), 400))).toEqual(['username']);
      expect((await api.delete('/api/admin/sessions?username=carol')).body).toEqual({ ended: 1 });
      expect(
        (await api.get<Page<{ username: string }>>('/api/admin/sessions')).body.items.map((s) => s.username),
      ).toEqual(['dave']);
      const stillIn = await browsers[2].get(server.url('/login'));
      expect(stillIn.body).toMatch(/dave/);
      const loggedOut = await browsers[1].get(server.url('/login'));
      expect(loggedOut.body).toMatch(/name="password"/);

      expect((await audit('action=session.end-all'))[0]).toMatchObject({ targetId: 'carol', after: { ended: 1 } });
      await api.delete('/api/admin/users/carol');
      await api.delete('/api/admin/users/dave');
    });
  });

  describe('audit trail', () => {
    it('is paginated and filterable, and records CLI changes as "cli"', async () => {
      const cli = await server.cli(['services:add', '--name', 'From CLI', '--pattern', 'https://cli/.*']);
      expect(cli.code).toBe(0);
      const entries = await audit('actor=cli&action=service.create');
      expect(entries).toHaveLength(1);
      expect(entries[0].after).toMatchObject({ name: 'From CLI' });
      const page = await api.get<Page<AuditItem>>('/api/admin/audit?pageSize=3&page=2');
      expect(page.body).toMatchObject({ page: 2, pageSize: 3 });
      expect(page.body.items).toHaveLength(3);
      expect(page.body.total).toBeGreaterThan(6);
      const future = await api.get<Page<AuditItem>>(
        `/api/admin/audit?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      );
      expect(future.body.total).toBe(0);
      expect(fields(expectProblem(await api.get('/api/admin/audit?since=yesterday&who=me'), 400)).sort()).toEqual([
        'since',
        'who',
      ]);
    });
  });

  describe('OpenAPI document and docs page', () => {
    it('is a valid OpenAPI 3.1 document describing every route', async () => {
      const answer = await api.withToken(null).get<Record<string, unknown>>('/api/admin/openapi.json');
      expect(answer.status).toBe(200);
      const doc = answer.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toBe('3.1.0');
      const check = spawnSync(process.execPath, [join(__dirname, 'support', 'validate-openapi.mjs')], {
        input: answer.text,
        encoding: 'utf8',
      });
      expect(check.stdout.trim()).toBe('valid');
      const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => m !== 'parameters')
          .map((m) => `${m.toUpperCase()} ${path}`),
      );
      expect(described.sort()).toEqual([...ROUTES].sort());
    });

    it('serves Swagger UI from the server itself, with no third-party request', async () => {
      const page = await fetch(`${server.origin}/api/admin/docs`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).not.toMatch(/https?:\/\//);
      for (const src of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])) {
        const asset = await fetch(`${server.origin}${src}`);
        expect(asset.status).toBe(200);
        expect((await asset.text()).length).toBeGreaterThan(20);
      }
      const init = await (await fetch(`${server.origin}/api/admin/docs/init.js`)).text();
      expect(init).toMatch(/validatorUrl: null/);
      expect((await fetch(`${server.origin}/api/admin/docs/assets/package.json`)).status).toBe(404);
    });
  });
});

describe.each(DATABASES)('admin API listeners (%s)', (db) => {
  it('is absent when CAS_ADMIN_API=false', async () => {
    const server = await CasServer.start({ db, env: { CAS_ADMIN_API: 'false', CAS_ADMIN_TOKEN: ENV_TOKEN } });
    try {
      const answer = await new AdminClient(server.origin, ENV_TOKEN).get('/api/admin/services');
      expectProblem(answer, 404);
      expect((await fetch(server.url('/login'))).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('moves to its own listener with CAS_ADMIN_PORT, leaving the main one', async () => {
    const server = await CasServer.start({ db, env: { CAS_ADMIN_PORT: '0', CAS_ADMIN_TOKEN: ENV_TOKEN } });
    try {
      const port = /admin API served at http:\/\/127\.0\.0\.1:(\d+)\/api\/admin/.exec(server.logs())?.[1];
      if (!port) await new Promise((r) => setTimeout(r, 500));
      const adminPort = Number(port ?? /admin API served at http:\/\/127\.0\.0\.1:(\d+)/.exec(server.logs())?.[1]);
      expect(adminPort).toBeGreaterThan(0);
      expect(adminPort).not.toBe(server.port);
      expectProblem(await new AdminClient(server.origin, ENV_TOKEN).get('/api/admin/services'), 404);
      const admin = new AdminClient(`http://127.0.0.1:${adminPort}`, ENV_TOKEN);
      expect((await admin.get('/api/admin/services')).status).toBe(200);
      expectProblem(await admin.withToken(null).get('/api/admin/services'), 401);
      expectProblem(
        await admin.request('POST', '/api/admin/services', '{', { 'content-type': 'application/json' }),
        400,
      );
      expect((await fetch(`http://127.0.0.1:${adminPort}/api/admin/docs`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${adminPort}/cas/login`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
