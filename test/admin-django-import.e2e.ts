import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient, tokenFrom } from './support/admin-client';
import { Browser, login, ticketFrom } from './support/browser';
import { CasServer } from './support/cas-server';
import { DATABASES } from './support/test-db';

/** What `python manage.py dumpdata cas_server --indent 2` writes for a small django-cas-server site. */
const DJANGO_DUMP = [
  {
    model: 'cas_server.servicepattern',
    pk: 1,
    fields: {
      pos: 100,
      name: 'Intranet',
      pattern: '^https://intranet\\.example\\.org/.*$',
      user_field: '',
      restrict_users: false,
      proxy: false,
      proxy_callback: false,
      single_log_out: true,
      single_log_out_callback: '',
    },
  },
  {
    model: 'cas_server.servicepattern',
    pk: 2,
    fields: {
      pos: 50,
      name: 'Staff portal',
      pattern: '^https://staff\\.example\\.org(?P<path>/.*)?$',
      user_field: 'uid',
      restrict_users: false,
      proxy: true,
      proxy_callback: true,
      single_log_out: false,
      single_log_out_callback: '',
    },
  },
  {
    model: 'cas_server.servicepattern',
    pk: 3,
    fields: {
      pos: 60,
      name: 'Payroll',
      pattern: '^https://payroll\\.example\\.org/.*',
      user_field: '',
      restrict_users: true,
      proxy: false,
      proxy_callback: false,
      single_log_out: false,
      single_log_out_callback: '',
    },
  },
  {
    model: 'cas_server.servicepattern',
    pk: 4,
    fields: {
      pos: 200,
      name: 'Legacy app',
      pattern: '^https://legacy\\.example\\.org',
      user_field: '',
      restrict_users: false,
      proxy: false,
      proxy_callback: false,
      single_log_out: false,
      single_log_out_callback: '',
    },
  },
  { model: 'cas_server.replaceattributname', pk: 1, fields: { name: 'mail', replace: 'email', service_pattern: 1 } },
  { model: 'cas_server.replaceattributname', pk: 2, fields: { name: 'uid', replace: '', service_pattern: 1 } },
  {
    model: 'cas_server.replaceattributname',
    pk: 3,
    fields: { name: 'group', replace: 'memberOf', service_pattern: 2 },
  },
  { model: 'cas_server.replaceattributname', pk: 4, fields: { name: '*', replace: '', service_pattern: 4 } },
  {
    model: 'cas_server.replaceattributvalue',
    pk: 1,
    fields: { attribut: 'mail', pattern: '@old\\.example\\.org$', replace: '@example.org', service_pattern: 1 },
  },
  {
    model: 'cas_server.replaceattributvalue',
    pk: 2,
    fields: { attribut: 'group', pattern: '^(?P<name>\\w+)$', replace: 'cn=\\g<name>,ou=groups', service_pattern: 2 },
  },
  {
    model: 'cas_server.filterattributvalue',
    pk: 1,
    fields: { attribut: 'group', pattern: '^staff$', service_pattern: 2 },
  },
  { model: 'cas_server.username', pk: 1, fields: { value: 'alice', service_pattern: 3 } },
  { model: 'cas_server.user', pk: 7, fields: { username: 'alice', session_key: 'x', date: '2024-01-01T00:00:00Z' } },
];

/** The cas:attributes of a successful CAS 3.0 answer, as name → values. */
function casAttributes(xml: string): Record<string, string[]> {
  const block = /<cas:attributes>([\s\S]*?)<\/cas:attributes>/.exec(xml)?.[1] ?? '';
  const out: Record<string, string[]> = {};
  for (const m of block.matchAll(/<cas:(\w+)>([^<]*)<\/cas:\1>/g)) {
    if (['authenticationDate', 'longTermAuthenticationRequestTokenUsed', 'isFromNewLogin'].includes(m[1])) continue;
    (out[m[1]] ??= []).push(m[2]);
  }
  return out;
}

describe.each(DATABASES)('importing django-cas-server services (%s)', (db) => {
  let server: CasServer;
  let api: AdminClient;
  let dir: string;
  let dumpFile: string;

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_AUTH_CLASS: 'local' } });
    api = new AdminClient(server.origin, tokenFrom((await server.cli(['tokens:create', 'migration'])).stdout));
    dir = mkdtempSync(join(tmpdir(), 'cas-django-'));
    dumpFile = join(dir, 'cas_server.json');
    writeFileSync(dumpFile, JSON.stringify(DJANGO_DUMP, null, 2));
    await api.post('/api/admin/users', {
      username: 'alice',
      password: 'alice pw',
      attributes: { mail: 'alice@old.example.org', uid: 'alice01', group: ['staff'], phone: '123' },
    });
    await api.post('/api/admin/users', {
      username: 'bob',
      password: 'bob pw',
      attributes: { mail: 'bob@example.org', uid: 'bob02', group: 'students' },
    });
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Logs in for a service (or reuses the SSO session) and validates the ticket with CAS 3.0. */
  async function ticketFor(browser: Browser, service: string, username: string, password: string) {
    const loginUrl = server.url(`/login?service=${encodeURIComponent(service)}`);
    const page = browser.cookies.has('TGC')
      ? await browser.get(loginUrl)
      : await login(browser, loginUrl, username, password);
    if (page.status !== 302) return { page, xml: null };
    const ticket = ticketFrom(page.location);
    const validate = await fetch(
      server.url(`/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`),
    );
    return { page, xml: await validate.text() };
  }

  it('reports the patterns that whole-URL matching changes, and a dry run changes nothing', async () => {
    const dry = await server.cli(['services:import-django', dumpFile, '--dry-run']);
    expect(dry.code).toBe(0);
    const lines = dry.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('whole-URL matching'))).toEqual([
      'whole-URL matching: "Legacy app" pattern ^https://legacy\\.example\\.org no longer matches URLs that only ' +
        'start with it; suggested: ^https://legacy\\.example\\.org.*',
    ]);
    expect(lines.at(-1)).toMatch(/^dry run: would import 4 service\(s\): 4 created/);
    expect((await api.get<{ total: number }>('/api/admin/services')).body.total).toBe(0);
  });

  it('imports every pattern with its children, audited as the CLI', async () => {
    const run = await server.cli(['services:import-django', dumpFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/imported 4 service\(s\): 4 created, 0 updated, 0 deleted/);
    const list = await api.get<{ items: Array<Record<string, unknown>> }>('/api/admin/services');
    expect(list.body.items.map((s) => s.name)).toEqual(['Staff portal', 'Payroll', 'Intranet', 'Legacy app']);
    expect(list.body.items[0]).toMatchObject({
      userField: 'uid',
      proxy: true,
      proxyCallback: true,
      releasedAttributes: [{ name: 'group', renameTo: 'memberOf' }],
      requiredAttributes: [{ attribute: 'group', pattern: '^staff$' }],
    });
    expect(list.body.items[1]).toMatchObject({
      restrictUsers: true,
      allowedUsers: ['alice'],
      releasesAttributes: false,
    });
    const audit = await api.get<{ items: Array<{ actor: string; action: string }> }>('/api/admin/audit?actor=cli');
    expect(audit.body.items.map((e) => e.action)).toContain('service.import-django');
    const again = await server.cli(['services:import-django', dumpFile]);
    expect(again.stdout).toMatch(/0 created, 0 updated, 0 deleted, 4 unchanged/);
  });

  it('releases renamed and rewritten attributes on /login and /serviceValidate as django-cas-server did', async () => {
    const alice = new Browser();
    const intranet = await ticketFor(alice, 'https://intranet.example.org/home', 'alice', 'alice pw');
    expect(intranet.xml).toContain('<cas:user>alice</cas:user>');
    expect(casAttributes(intranet.xml ?? '')).toEqual({ email: ['alice@example.org'], uid: ['alice01'] });

    const staff = await ticketFor(alice, 'https://staff.example.org/reports', 'alice', 'alice pw');
    expect(staff.xml).toContain('<cas:user>alice01</cas:user>');
    expect(casAttributes(staff.xml ?? '')).toEqual({ memberOf: ['cn=staff,ou=groups'] });

    const payroll = await ticketFor(alice, 'https://payroll.example.org/me', 'alice', 'alice pw');
    expect(payroll.xml).toContain('<cas:user>alice</cas:user>');
    expect(casAttributes(payroll.xml ?? '')).toEqual({});

    const legacy = await ticketFor(alice, 'https://legacy.example.org', 'alice', 'alice pw');
    expect(casAttributes(legacy.xml ?? '')).toEqual({
      mail: ['alice@old.example.org'],
      uid: ['alice01'],
      group: ['staff'],
      phone: ['123'],
    });
  });

  it('refuses what django-cas-server refused: required values and allowed users', async () => {
    const bob = new Browser();
    const staff = await ticketFor(bob, 'https://staff.example.org/', 'bob', 'bob pw');
    expect(staff.page.status).not.toBe(302);
    expect(staff.page.body).toContain('User characteristics not allowed');
    const payroll = await ticketFor(bob, 'https://payroll.example.org/me', 'bob', 'bob pw');
    expect(payroll.page.status).not.toBe(302);
    expect(payroll.page.body).toContain('Username not allowed');
    const preview = await api.get('/api/admin/services/match?url=https://payroll.example.org/me&username=bob');
    expect(preview.body).toMatchObject({ user: { ticket: false, reason: 'Username not allowed' } });
  });

  it('applies the suggested patterns with --append-wildcard, so prefix URLs match again', async () => {
    const before = await api.get('/api/admin/services/match?url=https://legacy.example.org/page');
    expect(before.body).toMatchObject({ matched: false });
    const run = await server.cli(['services:import-django', dumpFile, '--append-wildcard']);
    expect(run.stdout).toMatch(/changed to \^https:\/\/legacy\\\.example\\\.org\.\*/);
    expect(run.stdout).toMatch(/1 updated/);
    const after = await api.get('/api/admin/services/match?url=https://legacy.example.org/page');
    expect(after.body).toMatchObject({ matched: true, service: { name: 'Legacy app' } });
  });

  it('refuses a file that is not a dump, with a clear message', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"not": "a dump"}');
    const run = await server.cli(['services:import-django', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dumpdata/);
  });
});
