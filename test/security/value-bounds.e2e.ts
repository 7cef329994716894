/**
 * Issue 14 item 7: values longer than their columns. MariaDB refuses them (`Data too long`),
 * which used to surface as an HTTP 500 after the SSO session row was written; SQLite keeps them.
 * Now every write path checks its values against the column sizes declared in
 * src/database/column-limits.ts first, on both databases: a clear refusal in the endpoint's
 * format, nothing half-written.
 */
import { AdminClient, tokenFrom, type Problem } from '../support/admin-client';
import { Browser, formFields, login, ticketFrom, type Page } from '../support/browser';
import { readCasXml } from '../support/cas-client';
import { CasServer } from '../support/cas-server';
import { queryDb } from '../support/db-query';
import { q } from '../support/fixtures';
import { DATABASES } from '../support/test-db';
import { CallbackServer } from '../support/tls';
import { COLUMN_LIMITS, type ColumnLimit } from '../../src/database/column-limits';

const FIELD_APP = 'https://field.example.org/';
const APP = 'https://app.example.org/';
const EXPAND_APP = 'https://expand.example.org/';
const TOO_LONG_FOR_SERVICE = 'Your account cannot be sent to this service';
const ACCOUNT_TOO_LONG = 'This account cannot be used here';
/** A character of 4 bytes in UTF-8 and 2 units in UTF-16: the column counts it as one. */
const EMOJI = '\u{1F600}';

/** A small seeded generator, so a failing fuzz run can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function text(length: number, random: () => number): string {
  const alphabet = ['a', 'é', '中', EMOJI, 'z', '-', ' '];
  let out = 'v';
  for (let i = 1; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

async function count(server: CasServer, sql: string): Promise<number> {
  const rows = await queryDb<{ n: number | string }>(server.db, sql);
  return Number(rows[0].n);
}

describe.each(DATABASES)('values longer than their columns on %s', (db) => {
  let server: CasServer;
  let api: AdminClient;
  let callbacks: CallbackServer;

  beforeAll(async () => {
    callbacks = await CallbackServer.start(null);
    server = await CasServer.start({
      db,
      env: {
        CAS_SCHEDULER: 'false',
        CAS_THROTTLE_ENABLED: 'false',
        // The column checks are what this suite attacks: the login-time attribute bounds
        // (redos.e2e.ts) are opened to their widest so that long values reach the columns.
        CAS_MAX_ATTRIBUTE_VALUE_LENGTH: '1048576',
        CAS_MAX_ATTRIBUTES_TOTAL_LENGTH: '4000000',
      },
    });
    const token = await server.cli(['tokens:create', 'bounds']);
    api = new AdminClient(`${server.origin}/api/admin`, tokenFrom(token.stdout));
    const services = [
      { name: 'field', pattern: 'https://field\\.example\\.org/.*', userField: 'uid', releasedAttributes: [] },
      { name: 'app', pattern: 'https://app\\.example\\.org/.*', releasedAttributes: [{ name: '*' }], proxy: true },
      { name: 'callbacks', pattern: 'http://127\\.0\\.0\\.1:\\d+/.*', proxyCallback: true },
      {
        name: 'expand',
        pattern: 'https://expand\\.example\\.org/.*',
        releasedAttributes: [{ name: '*' }],
        attributeRewrites: [{ attribute: 'note', pattern: '.', replacement: 'x'.repeat(1024) }],
      },
    ];
    for (const service of services) expect((await api.post('/services', service)).status).toBe(201);
  });

  afterAll(async () => {
    await server?.stop();
    await callbacks?.stop();
  });

  async function userWith(username: string, attributes: Record<string, string | string[]>): Promise<void> {
    await api.delete(`/users/${encodeURIComponent(username)}`);
    const created = await api.post('/users', { username, password: 'secret', attributes });
    expect(created.status).toBe(201);
  }

  async function loginFor(username: string, service: string, browser = new Browser()): Promise<Page> {
    return login(browser, server.url(`/login?${q({ service })}`), username, 'secret');
  }

  it('item 7: the declared column limits are those of the live schema', async () => {
    for (const [table, columns] of Object.entries(COLUMN_LIMITS)) {
      for (const [column, limit] of Object.entries(columns) as Array<[string, ColumnLimit]>) {
        if (db === 'mysql') {
          const rows = await queryDb<{ n: number | string }>(
            server.db,
            `SELECT CHARACTER_MAXIMUM_LENGTH AS n FROM information_schema.COLUMNS
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${table}' AND COLUMN_NAME = '${column}'`,
          );
          expect([table, column, Number(rows[0]?.n)]).toEqual([
            table,
            column,
            'chars' in limit ? limit.chars : limit.bytes,
          ]);
        } else {
          const rows = await queryDb<{ name: string; type: string }>(server.db, `PRAGMA table_info(${table})`);
          const type = rows.find((r) => r.name === column)?.type.toLowerCase();
          expect([table, column, type]).toEqual([table, column, 'chars' in limit ? `varchar(${limit.chars})` : 'text']);
        }
      }
    }
  });

  it('item 7: a userField attribute over 255 characters: a clear refusal, never a 500, the SSO session whole', async () => {
    await userWith('alice', { uid: 'u'.repeat(256) });
    const sessionsBefore = await count(server, 'SELECT COUNT(*) AS n FROM sso_sessions');
    const browser = new Browser();
    const page = await loginFor('alice', FIELD_APP, browser);
    expect(page.status).toBe(200);
    expect(page.location).toBeNull();
    expect(page.body).toContain(TOO_LONG_FOR_SERVICE);
    expect(await count(server, "SELECT COUNT(*) AS n FROM tickets WHERE service LIKE 'https://field.%'")).toBe(0);
    // One new session, and it is the browser's: no orphan row behind a cookie never sent.
    expect(await count(server, 'SELECT COUNT(*) AS n FROM sso_sessions')).toBe(sessionsBefore + 1);
    const sso = await browser.get(server.url(`/login?${q({ service: APP })}`));
    expect(sso.location).toMatch(/ticket=ST-/);
    expect(server.logs()).toMatch(/WARN.*alice refused a ticket for field: tickets\.username is longer than 255/);
  });

  it('item 7: a userField attribute of exactly 255 characters (4-byte ones included) goes through', async () => {
    for (const uid of ['u'.repeat(255), EMOJI.repeat(255)]) {
      await userWith('alice', { uid });
      const page = await loginFor('alice', FIELD_APP);
      const ticket = ticketFrom(page.location);
      const xml = await (await fetch(server.url(`/p3/serviceValidate?${q({ service: FIELD_APP, ticket })}`))).text();
      expect(readCasXml(xml).text('user')).toBe(uid);
    }
  });

  it('item 7: an attribute rewritten past what the ticket column holds: refused on the page, nothing written', async () => {
    // 17 000 matches × 1 KiB: 17 MB, beyond MEDIUMTEXT's 16 MiB.
    await userWith('alice', { note: 'n'.repeat(17_000) });
    const page = await loginFor('alice', EXPAND_APP);
    expect(page.status).toBe(200);
    expect(page.body).toContain(TOO_LONG_FOR_SERVICE);
    expect(await count(server, "SELECT COUNT(*) AS n FROM tickets WHERE service LIKE 'https://expand.%'")).toBe(0);
  }, 120_000);

  it('item 7: a service URL at the parameter limit gets a ticket; one past it a clear 400', async () => {
    await userWith('alice', {});
    const browser = new Browser();
    const long = `${APP}?q=${'s'.repeat(4096 - APP.length - 3)}`;
    expect(long).toHaveLength(4096);
    const page = await loginFor('alice', long, browser);
    const ticket = ticketFrom(page.location);
    const xml = await (await fetch(server.url(`/serviceValidate?${q({ service: long, ticket })}`))).text();
    expect(readCasXml(xml).kind).toBe('authenticationSuccess');
    const refused = await browser.get(server.url(`/login?${q({ service: `${long}x` })}`));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('parameter &#x27;service&#x27; is too long');
  });

  it('item 7: a pgtUrl at the parameter limit gets its PGT; one past it INVALID_REQUEST', async () => {
    await userWith('alice', {});
    const base = callbacks.url('/cb?pad=');
    const pgtUrl = `${base}${'p'.repeat(4096 - base.length)}`;
    for (const [url, expected] of [
      [pgtUrl, 'authenticationSuccess'],
      [`${pgtUrl}p`, 'INVALID_REQUEST'],
    ] as const) {
      const ticket = ticketFrom((await loginFor('alice', APP)).location);
      const xml = await (
        await fetch(server.url(`/serviceValidate?${q({ service: APP, ticket, pgtUrl: url })}`))
      ).text();
      const answer = readCasXml(xml);
      expect(answer.code ?? answer.kind).toBe(expected);
      if (expected === 'authenticationSuccess') expect(answer.text('proxyGrantingTicket')).toMatch(/^PGTIOU-/);
    }
  });

  it('item 7: admin API fields past their columns are refused with 422 naming them; nothing half-written', async () => {
    const before = await count(server, 'SELECT COUNT(*) AS n FROM service_patterns');
    const cases: Array<[string, Record<string, unknown>]> = [
      ['name', { name: 'n'.repeat(256) }],
      ['pattern', { pattern: `https://p\\.example\\.org/${'a'.repeat(760)}` }],
      ['userField', { userField: 'f'.repeat(256) }],
      ['allowedUsers[0]', { allowedUsers: ['u'.repeat(256)], restrictUsers: true }],
      ['releasedAttributes[0].renameTo', { releasedAttributes: [{ name: 'mail', renameTo: 'r'.repeat(256) }] }],
      [
        'attributeRewrites[0].replacement',
        { attributeRewrites: [{ attribute: 'a', pattern: 'x', replacement: 'r'.repeat(1025) }] },
      ],
      ['requiredAttributes[0].pattern', { requiredAttributes: [{ attribute: 'a', pattern: 'r'.repeat(1025) }] }],
      ['singleLogOutCallback', { singleLogOutCallback: `https://slo.example.org/${'c'.repeat(2048)}` }],
    ];
    for (const [field, fields] of cases) {
      const answer = await api.post<Problem>('/services', {
        name: 'bounded',
        pattern: 'https://b\\.example\\.org/.*',
        ...fields,
      });
      expect([field, answer.status]).toEqual([field, 422]);
      expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await count(server, 'SELECT COUNT(*) AS n FROM service_patterns')).toBe(before);
    // At the limit, in characters the database counts (a 4-byte character is one).
    const exact = await api.post('/services', {
      name: EMOJI.repeat(255),
      pattern: 'https://exact\\.example\\.org/.*',
      allowedUsers: [EMOJI.repeat(255)],
      restrictUsers: true,
    });
    expect(exact.status).toBe(201);

    const user = await api.post<Problem>('/users', { username: 'u'.repeat(256), password: 'secret' });
    expect(user.status).toBe(422);
    expect(user.body.errors?.map((e) => e.field)).toContain('username');
    expect((await api.post('/users', { username: EMOJI.repeat(255), password: 'secret' })).status).toBe(201);
    const token = await server.cli(['tokens:create', 't'.repeat(101)]);
    expect(token.code).toBe(2);
    expect(token.stderr).toContain('1 to 100');
  });

  it('item 7 fuzz: long values through every attribute path never answer 500 nor leave orphan rows', async () => {
    const random = prng(Number(process.env.CAS_FUZZ_SEED ?? 14));
    const lengths = [0, 1, 254, 255, 256, 300, 1000, 4096, 70_000];
    const browsers: Browser[] = [];
    for (let round = 0; round < 24; round++) {
      const length = lengths[Math.floor(random() * lengths.length)];
      const value = length === 0 ? '' : text(length, random);
      const name = `a${text(Math.min(length, 254), random).replace(/[^a-z]/g, '')}`;
      const created = await api.post<Problem>('/users', {
        username: `fuzz${round}`,
        password: 'secret',
        attributes: { uid: value, note: [value, 'x'], [name]: value },
      });
      expect([round, created.status]).not.toEqual([round, 500]);
      if (created.status !== 201) continue;
      // The rewrite multiplies a value by 1024: past a few KiB that is only memory and time.
      for (const service of length <= 4096 ? [FIELD_APP, APP, EXPAND_APP] : [FIELD_APP, APP]) {
        const browser = new Browser();
        browsers.push(browser);
        const page = await loginFor(`fuzz${round}`, service, browser);
        expect([round, service, page.status]).toEqual([round, service, page.location ? 302 : 200]);
        if (!page.location) continue;
        const ticket = ticketFrom(page.location);
        const pgtUrl = callbacks.url(`/cb?${'p'.repeat(Math.min(length, 4000))}`);
        const validation = await fetch(server.url(`/p3/serviceValidate?${q({ service, ticket, pgtUrl })}`));
        expect(validation.status).toBe(200);
        expect(readCasXml(await validation.text()).kind).toBe('authenticationSuccess');
      }
    }
    // Every session row belongs to a browser that got its cookie.
    const held = browsers.filter((b) => b.cookies.has('TGC')).length;
    expect(await count(server, "SELECT COUNT(*) AS n FROM sso_sessions WHERE username LIKE 'fuzz%'")).toBe(held);
    for (const child of ['service_allowed_users', 'service_released_attributes', 'service_attribute_rewrites']) {
      expect(
        await count(
          server,
          `SELECT COUNT(*) AS n FROM ${child} WHERE service_id NOT IN (SELECT id FROM service_patterns)`,
        ),
      ).toBe(0);
    }
    expect(server.logs()).not.toMatch(/Data too long|ER_DATA_TOO_LONG|Internal error/);
  }, 240_000);
});

describe.each(DATABASES)('a source giving a username longer than its column on %s', (db) => {
  let server: CasServer;

  afterAll(async () => {
    await server?.stop();
  });

  it('item 7: the login is refused with a clear message (422), no session row written', async () => {
    const username = 'l'.repeat(256);
    server = await CasServer.start({
      db,
      env: { CAS_AUTH_CLASS: 'test', CAS_TEST_USER: username, CAS_TEST_PASSWORD: 'secret', CAS_SCHEDULER: 'false' },
    });
    const browser = new Browser();
    const form = await browser.get(server.url('/login'));
    const page = await browser.post(server.url('/login'), { ...formFields(form.body), username, password: 'secret' });
    expect(page.status).toBe(422);
    expect(page.body).toContain(ACCOUNT_TOO_LONG);
    expect(browser.cookies.has('TGC')).toBe(false);
    expect(await count(server, 'SELECT COUNT(*) AS n FROM sso_sessions')).toBe(0);
    expect(server.logs()).toMatch(/WARN.*sso_sessions\.username is longer than 255 characters/);
  });
});
