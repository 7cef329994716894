import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdminClient, tokenFrom, type Problem } from './support/admin-client';
import { Browser, login, ticketFrom } from './support/browser';
import { CasServer, runCli, type CliResult } from './support/cas-server';
import { q } from './support/fixtures';
import { RelyingApp } from './support/relying-app';
import { DATABASES } from './support/test-db';

interface AuditItem {
  actor: string;
  action: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

/** 73 bytes in UTF-8 in only 37 characters: a limit counted in characters would let it through. */
const PASSWORD_73_BYTES = `${'é'.repeat(36)}a`;
const PASSWORD_72_BYTES = 'é'.repeat(36);

/** A database the CLI would fail to open: commands that must not touch it prove they do not. */
const NO_DATABASE = { DATABASE_URL: 'sqlite:/nonexistent/cas-cli-test/cas.sqlite' };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fields(problem: Problem): string[] {
  return (problem.errors ?? []).map((e) => e.field);
}

/** The command names `cas help` lists, in its order. */
function listedCommands(overview: string): string[] {
  return [...overview.matchAll(/^ {2}([a-z-]+(?::[a-z-]+)?)\b/gm)].map((m) => m[1]);
}

// Each command is a fresh Node process; on a busy machine a dozen of them take a while.
jest.setTimeout(240_000);

describe('cas help, --help and --version (no database needed)', () => {
  let overview: CliResult;

  beforeAll(async () => {
    overview = await runCli(['help'], NO_DATABASE);
  });

  it('lists every command with `cas help` and `cas --help`; bare `cas` shows the same list but fails', async () => {
    expect(overview.code).toBe(0);
    const names = listedCommands(overview.stdout);
    // The README's commands and the everyday ones added since.
    for (const name of [
      'migrate',
      'doctor',
      'users:create',
      'users:list',
      'users:show',
      'users:set-password',
      'users:disable',
      'users:enable',
      'users:delete',
      'services:add',
      'services:list',
      'services:show',
      'services:remove',
      'services:import-django',
      'sessions:list',
      'sessions:end',
      'tokens:create',
      'tokens:list',
      'tokens:revoke',
      'clean-tickets',
      'clean-sessions',
    ]) {
      expect(names).toContain(name);
    }
    expect(await runCli(['--help'], NO_DATABASE)).toMatchObject({ code: 0, stdout: overview.stdout });
    expect(await runCli([], NO_DATABASE)).toMatchObject({ code: 2, stdout: overview.stdout });
    const unknown = await runCli(['users:frobnicate'], NO_DATABASE);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command users:frobnicate/);
  });

  it('answers --help (and -h, and `cas help <command>`) for every listed command, without opening the database', async () => {
    for (const name of listedCommands(overview.stdout)) {
      const help = await runCli([name, '--help'], NO_DATABASE);
      expect({ name, code: help.code, stderr: help.stderr }).toEqual({ name, code: 0, stderr: '' });
      expect(help.stdout).toMatch(new RegExp(`^usage: cas ${name}\\b`));
      expect(help.stdout).toContain('-h, --help');
    }
    const help = (await runCli(['services:add', '--help'], NO_DATABASE)).stdout;
    expect((await runCli(['services:add', '-h'], NO_DATABASE)).stdout).toBe(help);
    expect((await runCli(['help', 'services:add'], NO_DATABASE)).stdout).toBe(help);
    expect((await runCli(['users:create', 'x', '--attr', 'a=b', '--help'], NO_DATABASE)).stdout).toMatch(
      /^usage: cas users:create <username>/,
    );
  });

  it('documents every flag services:add accepts, and refuses an unknown flag as a usage error', async () => {
    const help = (await runCli(['services:add', '--help'], NO_DATABASE)).stdout;
    for (const flag of [
      '--name NAME',
      '--pattern REGEX',
      '--position N',
      '--user-field ATTR',
      '--allow-user NAME',
      '--proxy',
      '--proxy-callback',
      '--single-log-out',
      '--single-log-out-callback URL',
      '--front-channel-logout',
      '--release ATTR[=NEWNAME]',
      '--rewrite',
      '--require ATTR=REGEX',
    ]) {
      expect(help).toContain(flag);
    }
    const wrong = await runCli(['services:add', '--name', 'x', '--colour', 'blue'], NO_DATABASE);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/unknown option --colour/);
    expect(wrong.stderr).toMatch(/cas services:add --help/);
    const missing = await runCli(['users:show'], NO_DATABASE);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing <username>/);
  });

  it('prints the version of the package with --version', async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    const answer = await runCli(['--version'], NO_DATABASE);
    expect(answer).toEqual({ code: 0, stdout: `${pkg.name} ${pkg.version}\n`, stderr: '' });
  });
});

describe.each(DATABASES)('CLI administration, shared with the admin API (%s)', (db) => {
  let server: CasServer;
  let app: RelyingApp;
  let api: AdminClient;

  const ok = async (args: string[], stdin = ''): Promise<string> => {
    const r = await server.cli(args, stdin);
    if (r.code !== 0) throw new Error(`cas ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  };
  const audit = async (query: string) =>
    (await api.get<{ items: AuditItem[] }>(`/api/admin/audit?${query}`)).body.items;

  /** Logs `username` in and validates a ticket for the SLO-enabled relying app; returns the ticket. */
  const loginToApp = async (browser: Browser, username: string, password: string): Promise<string> => {
    const answer = await login(browser, server.url('/login'), username, password);
    if (!browser.cookies.has('TGC')) throw new Error(`login of ${username} failed: ${answer.status}`);
    const service = `${app.base}/app/page`;
    const ticket = ticketFrom((await browser.get(server.url(`/login?${q({ service })}`))).location);
    const xml = await (await fetch(server.url(`/serviceValidate?${q({ service, ticket })}`))).text();
    expect(xml).toContain('authenticationSuccess');
    return ticket;
  };
  const loggedIn = async (browser: Browser): Promise<boolean> =>
    !/name="password"/.test((await browser.get(server.url('/login'))).body);
  const canLogIn = async (username: string, password: string): Promise<boolean> => {
    const browser = new Browser();
    await login(browser, server.url('/login'), username, password);
    return browser.cookies.has('TGC');
  };

  beforeAll(async () => {
    app = await RelyingApp.start();
    server = await CasServer.start({
      db,
      env: { CAS_AUTH_CLASS: 'local', CAS_SCHEDULER: 'false', CAS_THROTTLE_ENABLED: 'false' },
    });
    api = new AdminClient(server.origin, tokenFrom(await ok(['tokens:create', 'ops'])));
    await ok(['services:add', '--name', 'slo-app', '--pattern', `${escapeRegex(app.base)}/app/.*`, '--single-log-out']);
  });

  afterAll(async () => {
    await server?.stop();
    await app?.stop();
  });

  it('manages a user from the CLI: create, show, set attributes, disable, enable, delete; each audited as "cli"', async () => {
    await ok(['users:create', 'alice', '--attr', 'mail=alice@example.org', '--attr', 'g=a', '--attr', 'g=b'], 'pw1\n');
    const shown = JSON.parse(await ok(['users:show', 'alice'])) as Record<string, unknown>;
    expect(shown).toMatchObject({ username: 'alice', disabled: false, attributes: { g: ['a', 'b'] } });
    // The same view as the admin API's, and never the password or its hash.
    expect(shown).toEqual((await api.get('/api/admin/users/alice')).body);
    expect(JSON.stringify(shown)).not.toMatch(/pw1|\$2[aby]\$|password/i);

    expect(await ok(['users:set-attributes', 'alice', '--attributes-json', '{"mail":"a@new.org"}'])).toMatch(
      /a@new\.org/,
    );
    const badAttributes = await server.cli(['users:set-attributes', 'alice', '--attributes-json', '{"mail":3}']);
    expect(badAttributes.code).toBe(2);
    expect(badAttributes.stderr).toMatch(/^attributes\.mail: /);
    // A JSON string would otherwise become attributes named 0, 1, 2...
    const notObject = await server.cli(['users:set-attributes', 'alice', '--attributes-json', '"abc"']);
    expect(notObject).toMatchObject({ code: 2, stderr: expect.stringMatching(/must be a JSON object/) });

    await ok(['users:disable', 'alice']);
    expect((await api.get('/api/admin/users/alice')).body).toMatchObject({ disabled: true });
    expect(await canLogIn('alice', 'pw1')).toBe(false);
    await ok(['users:enable', 'alice']);
    expect(await canLogIn('alice', 'pw1')).toBe(true);

    expect(await ok(['users:delete', 'alice'])).toMatch(/deleted user alice/);
    const gone = await server.cli(['users:show', 'alice']);
    expect(gone).toMatchObject({ code: 1, stderr: 'there is no user alice\n' });
    expect((await server.cli(['users:delete', 'alice'])).code).toBe(1);
    expect((await server.cli(['users:disable', 'nobody'])).code).toBe(1);

    const trail = await audit('targetType=user&targetId=alice');
    expect(trail.map((e) => [e.actor, e.action])).toEqual([
      ['cli', 'user.delete'],
      ['cli', 'user.update'],
      ['cli', 'user.update'],
      ['cli', 'user.update'],
      ['cli', 'user.create'],
    ]);
    expect(trail[2]).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
  });

  it('ends the SSO sessions with Single Logout when a password is changed, from the CLI and from the API alike', async () => {
    await ok(['users:create', 'bob'], 'old password\n');
    const before = app.received.length;
    const first = new Browser();
    const firstTicket = await loginToApp(first, 'bob', 'old password');

    const changed = await server.cli(['users:set-password', 'bob'], 'new password\n');
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/ended 1 SSO session\(s\), logout sent to 1 application\(s\)/);
    await app.waitFor(before + 1);
    expect(app.received[before]).toMatchObject({ path: '/app/page', nameId: 'bob', sessionIndex: firstTicket });
    expect(await loggedIn(first)).toBe(false);
    expect(await canLogIn('bob', 'old password')).toBe(false);

    const second = new Browser();
    const secondTicket = await loginToApp(second, 'bob', 'new password');
    expect((await api.put('/api/admin/users/bob/password', { password: 'third password' })).status).toBe(204);
    await app.waitFor(before + 2);
    expect(app.received[before + 1]).toMatchObject({ nameId: 'bob', sessionIndex: secondTicket });
    expect(await loggedIn(second)).toBe(false);
    expect(await canLogIn('bob', 'third password')).toBe(true);

    // The same use case wrote both records: same action, same shape, only the actor differs.
    const trail = await audit('action=user.set-password&targetId=bob');
    expect(trail.map((e) => [e.actor, e.after])).toEqual([
      ['ops', { sessionsEnded: 1 }],
      ['cli', { sessionsEnded: 1 }],
    ]);
    expect(JSON.stringify(trail)).not.toMatch(/old password|new password|third password|\$2[aby]\$/);
    await ok(['users:delete', 'bob']);
  });

  it('ends the SSO sessions with Single Logout when the CLI disables or deletes a user', async () => {
    await ok(['users:create', 'carol'], 'pw\n');
    const before = app.received.length;
    const disabledOne = new Browser();
    const t1 = await loginToApp(disabledOne, 'carol', 'pw');
    expect(await ok(['users:disable', 'carol'])).toMatch(/ended 1 SSO session/);
    await app.waitFor(before + 1);
    expect(app.received[before]).toMatchObject({ nameId: 'carol', sessionIndex: t1 });
    expect(await loggedIn(disabledOne)).toBe(false);

    await ok(['users:enable', 'carol']);
    const deletedOne = new Browser();
    const t2 = await loginToApp(deletedOne, 'carol', 'pw');
    expect(await ok(['users:delete', 'carol'])).toMatch(/ended 1 SSO session/);
    await app.waitFor(before + 2);
    expect(app.received[before + 1]).toMatchObject({ nameId: 'carol', sessionIndex: t2 });
    expect(await loggedIn(deletedOne)).toBe(false);
  });

  it('applies the 72-byte password rule (UTF-8 bytes) on the CLI and the API, with the same words', async () => {
    const cliCreate = await server.cli(['users:create', 'dave'], `${PASSWORD_73_BYTES}\n`);
    expect(cliCreate.code).toBe(2);
    expect(cliCreate.stderr).toMatch(/^password: .*72 bytes/);
    expect((await server.cli(['users:show', 'dave'])).code).toBe(1);

    const apiCreate = await api.post<Problem>('/api/admin/users', { username: 'dave', password: PASSWORD_73_BYTES });
    expect(apiCreate.status).toBe(422);
    expect(apiCreate.body.errors).toEqual([{ field: 'password', message: cliCreate.stderr.trim().slice(10) }]);

    await ok(['users:create', 'dave'], `${PASSWORD_72_BYTES}\n`);
    expect(await canLogIn('dave', PASSWORD_72_BYTES)).toBe(true);
    // What bcrypt would have kept of a 73-byte password must not have been stored instead.
    const cliChange = await server.cli(['users:set-password', 'dave'], `${PASSWORD_73_BYTES}\n`);
    expect(cliChange.code).toBe(2);
    expect(cliChange.stderr).toBe(cliCreate.stderr);
    const apiChange = await api.put<Problem>('/api/admin/users/dave/password', { password: PASSWORD_73_BYTES });
    expect(apiChange.status).toBe(422);
    expect(fields(apiChange.body)).toEqual(['password']);
    expect(await canLogIn('dave', PASSWORD_72_BYTES)).toBe(true);

    const empty = await server.cli(['users:set-password', 'dave'], '\n');
    expect(empty).toMatchObject({ code: 2, stderr: 'password: must not be empty\n' });
    await ok(['users:delete', 'dave']);
  });

  it('shows and removes services by id or name; a removed service gets no ticket', async () => {
    const created = await ok(['services:add', '--name', 'wiki', '--pattern', 'https://wiki\\.example\\.org/.*']);
    const id = Number(/id (\d+)/.exec(created)?.[1]);
    const byName = JSON.parse(await ok(['services:show', 'wiki'])) as { id: number };
    expect(byName).toEqual((await api.get(`/api/admin/services/${id}`)).body);
    expect(JSON.parse(await ok(['services:show', String(id)]))).toEqual(byName);
    expect(await server.cli(['services:show', 'nothing'])).toMatchObject({
      code: 1,
      stderr: 'there is no service nothing\n',
    });

    const service = 'https://wiki.example.org/start';
    expect((await api.get(`/api/admin/services/match?${q({ url: service })}`)).body).toMatchObject({ matched: true });
    expect(await ok(['services:remove', 'wiki'])).toBe(`removed service wiki (id ${id})\n`);
    expect((await api.get(`/api/admin/services/match?${q({ url: service })}`)).body).toMatchObject({
      matched: false,
    });
    expect((await server.cli(['services:remove', String(id)])).code).toBe(1);
    const trail = await audit(`targetType=service&targetId=${id}`);
    expect(trail.map((e) => [e.actor, e.action])).toEqual([
      ['cli', 'service.delete'],
      ['cli', 'service.create'],
    ]);
  });

  it('lists and ends SSO sessions from the CLI: one by id, or all of a user’s', async () => {
    await ok(['users:create', 'erin'], 'pw\n');
    const browsers = [new Browser(), new Browser(), new Browser()];
    for (const b of browsers) await loginToApp(b, 'erin', 'pw');
    const lines = (await ok(['sessions:list', '--user', 'erin'])).trim().split('\n');
    expect(lines).toHaveLength(3);
    const ids = lines.map((line) => line.split('\t')[0]);
    expect(lines.every((line) => line.split('\t')[1] === 'erin')).toBe(true);
    expect((await ok(['sessions:list'])).split('\n').filter((l) => l.includes('\terin\t'))).toHaveLength(3);

    const before = app.received.length;
    expect(await ok(['sessions:end', ids[0]])).toMatch(/ended 1 SSO session\(s\), logout sent to 1/);
    await app.waitFor(before + 1);
    expect((await server.cli(['sessions:end', ids[0]])).code).toBe(1);
    expect(await ok(['sessions:end', '--user', 'erin'])).toMatch(/ended 2 SSO session\(s\), logout sent to 2/);
    await app.waitFor(before + 3);
    expect(await ok(['sessions:list', '--user', 'erin'])).toBe('');
    for (const b of browsers) expect(await loggedIn(b)).toBe(false);
    expect((await server.cli(['sessions:end'])).code).toBe(2);
    expect((await server.cli(['sessions:end', ids[1], '--user', 'erin'])).code).toBe(2);

    const trail = await audit('actor=cli&targetType=session');
    expect(trail.map((e) => [e.action, e.targetId])).toEqual([['session.end', ids[0]]]);
    expect((await audit('actor=cli&action=session.end-all'))[0]).toMatchObject({
      targetId: 'erin',
      after: { ended: 2 },
    });
    await ok(['users:delete', 'erin']);
  });

  it('reports every bad field of a service at once, on the API and the CLI', async () => {
    // Type errors, empty and duplicate values, a bad URL and a bad pattern: one answer.
    const answer = await api.post<Problem>('/api/admin/services', {
      id: 3,
      name: '',
      pattern: 42,
      position: 'first',
      singleLogOutCallback: 'not a url',
      releasedAttributes: [{ name: 'mail' }, { name: 'mail' }, { nam: 'x' }],
      requiredAttributes: [{ attribute: 'group', pattern: '(' }],
    });
    expect(answer.status).toBe(422);
    expect(fields(answer.body).sort()).toEqual(
      [
        'id',
        'name',
        'pattern',
        'position',
        'singleLogOutCallback',
        'releasedAttributes[1].name',
        'releasedAttributes[2].name',
        'releasedAttributes[2].nam',
        'requiredAttributes[0].pattern',
      ].sort(),
    );
    expect(answer.body.errors).toContainEqual({ field: 'name', message: 'must not be empty' });
    expect(answer.body.errors).toContainEqual({ field: 'id', message: 'is chosen by the server' });

    const existing = await api.post<{ id: number }>('/api/admin/services', {
      name: 'fine',
      pattern: 'https://fine\\.example\\.org/.*',
    });
    const patched = await api.patch<Problem>(`/api/admin/services/${existing.body.id}`, {
      name: ' ',
      proxy: 'yes',
      attributeRewrites: [{ attribute: 'mail', pattern: '(', replacement: 7 }],
    });
    expect(patched.status).toBe(422);
    expect(fields(patched.body).sort()).toEqual(
      ['name', 'proxy', 'attributeRewrites[0].pattern', 'attributeRewrites[0].replacement'].sort(),
    );
    const replaced = await api.put<Problem>(`/api/admin/services/${existing.body.id}`, {
      id: existing.body.id + 1,
      name: '',
      pattern: 'https://other\\.example\\.org/.*',
      restrictUsers: 1,
    });
    expect(fields(replaced.body).sort()).toEqual(['id', 'name', 'restrictUsers'].sort());
    const imported = await api.post<Problem>('/api/admin/services/import', {
      services: [
        { name: 'a', pattern: 'https://a/.*', proxy: 'no' },
        { name: '', pattern: 'https://b/.*' },
      ],
    });
    expect(fields(imported.body).sort()).toEqual(['services[0].proxy', 'services[1].name'].sort());
    // Nothing was changed by any of the refused requests.
    expect((await api.get(`/api/admin/services/${existing.body.id}`)).body).toMatchObject({
      name: 'fine',
      proxy: false,
    });

    const cli = await server.cli([
      'services:add',
      '--name',
      '',
      '--pattern',
      '(',
      '--single-log-out-callback',
      'nope',
      '--release',
      'mail',
      '--release',
      'mail',
    ]);
    expect(cli.code).toBe(2);
    for (const field of ['name', 'pattern', 'singleLogOutCallback', 'releasedAttributes[1].name']) {
      expect(cli.stderr).toContain(`${field}: `);
    }
    await api.delete(`/api/admin/services/${existing.body.id}`);
  });
});
