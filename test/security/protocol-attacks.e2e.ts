/**
 * Named attacks on tickets and answers: XML injection, ticket guessing, replay, a ticket for
 * another service, and secrets leaking into logs or the database.
 */
import { DOMParser } from '@xmldom/xmldom';
import { Browser, login, ticketFrom } from '../support/browser';
import { loginForTicket } from '../support/cas-client';
import { CasServer } from '../support/cas-server';
import { queryDb } from '../support/db-query';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';

const CAS_NS = 'http://www.yale.edu/tp/cas';
const INJECT = 'https://inject.example.org/';

/** A username and attribute values that would rewrite a CAS answer built by concatenation. */
const EVIL_USER = 'eve</cas:user><cas:user>admin';
const EVIL_VALUES = {
  displayName: '</cas:displayName><cas:isAdmin>true</cas:isAdmin><cas:displayName>',
  note: ']]><![CDATA[<x>',
  entity: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e; &amp; &lt; "quoted" \'single\'',
};

/** Parses an XML answer strictly: any markup error fails the test. */
function parseXml(xml: string) {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc;
}

function texts(xml: string, ns: string, name: string): string[] {
  return Array.from(parseXml(xml).getElementsByTagNameNS(ns, name)).map((e) => e.textContent ?? '');
}

/** Pearson's chi-square of character counts against a uniform draw from `alphabet`. */
function chiSquare(counts: Map<string, number>, alphabet: string): number {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const expected = total / alphabet.length;
  let chi = 0;
  for (const c of alphabet) chi += ((counts.get(c) ?? 0) - expected) ** 2 / expected;
  return chi;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe.each(DATABASES)('protocol attacks on %s', (db) => {
  let server: CasServer;

  beforeAll(async () => {
    server = await CasServer.start({ db });
    await seedUsersAndServices(server);
    const steps: Array<[string[], string]> = [
      [['services:add', '--name', 'inject', '--pattern', 'https://inject\\.example\\.org/.*', '--release', '*'], ''],
      [
        [
          'users:create',
          EVIL_USER,
          ...Object.entries(EVIL_VALUES).flatMap(([k, v]) => ['--attr', `${k}=${v}`]),
          '--attr',
          'not an xml name<x>=dropped',
        ],
        'pw\n',
      ],
    ];
    for (const [args, stdin] of steps) expect((await server.cli(args, stdin)).code).toBe(0);
  });

  afterAll(async () => {
    await server?.stop();
  });

  const url = (path: string, params: Record<string, string> = {}) =>
    server.url(`${path}${Object.keys(params).length ? `?${q(params)}` : ''}`);

  async function aliceBrowser(): Promise<Browser> {
    const browser = new Browser();
    expect((await login(browser, url('/login'), 'alice', 'wonderland')).status).toBe(200);
    return browser;
  }

  async function ticketFor(browser: Browser, service: string): Promise<string> {
    return ticketFrom((await browser.get(url('/login', { service }))).location);
  }

  async function validate(endpoint: string, params: Record<string, string>): Promise<string> {
    const res = await fetch(url(endpoint, params));
    expect(res.status).toBe(200);
    return res.text();
  }

  describe('XML injection', () => {
    it('a username and attribute values full of markup round-trip in CAS 2.0, 3.0 and JSON answers', async () => {
      const browser = new Browser();
      const ticket = await loginForTicket(browser, url('/login', { service: INJECT }), {
        username: EVIL_USER,
        password: 'pw',
      });
      const v3 = await validate('/p3/serviceValidate', { service: INJECT, ticket });
      expect(texts(v3, CAS_NS, 'user')).toEqual([EVIL_USER]);
      expect(texts(v3, CAS_NS, 'isAdmin')).toEqual([]);
      for (const [name, value] of Object.entries(EVIL_VALUES)) expect(texts(v3, CAS_NS, name)).toEqual([value]);
      expect(v3).not.toContain('dropped');

      const v2 = await validate('/serviceValidate', { service: INJECT, ticket: await ticketFor(browser, INJECT) });
      expect(texts(v2, CAS_NS, 'user')).toEqual([EVIL_USER]);

      const json = JSON.parse(
        await validate('/p3/serviceValidate', {
          service: INJECT,
          ticket: await ticketFor(browser, INJECT),
          format: 'JSON',
        }),
      ) as { serviceResponse: { authenticationSuccess: { user: string; attributes: Record<string, unknown> } } };
      expect(json.serviceResponse.authenticationSuccess.user).toBe(EVIL_USER);
      expect(json.serviceResponse.authenticationSuccess.attributes).toMatchObject(EVIL_VALUES);

      const v1 = await validate('/validate', { service: INJECT, ticket: await ticketFor(browser, INJECT) });
      expect(v1).toBe(`yes\n${EVIL_USER}\n`);
    });

    it('the same values round-trip in a SAML 1.1 answer, and a hostile SOAP request is refused cleanly', async () => {
      const browser = new Browser();
      const artifact = await loginForTicket(
        browser,
        url('/login', { TARGET: INJECT }),
        { username: EVIL_USER, password: 'pw' },
        'SAMLart',
      );
      const soap = (body: string) =>
        `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
      const request = (artifactText: string) =>
        soap(
          `<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" MajorVersion="1" MinorVersion="1" RequestID="_1" IssueInstant="2024-01-01T00:00:00Z"><samlp:AssertionArtifact>${artifactText}</samlp:AssertionArtifact></samlp:Request>`,
        );
      const res = await fetch(url('/samlValidate', { TARGET: INJECT }), {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: request(artifact),
      });
      const xml = await res.text();
      const saml = 'urn:oasis:names:tc:SAML:1.0:assertion';
      // One subject per statement, each the whole username.
      const subjects = texts(xml, saml, 'NameIdentifier');
      expect(subjects.length).toBeGreaterThan(0);
      expect(new Set(subjects)).toEqual(new Set([EVIL_USER]));
      expect(texts(xml, saml, 'AttributeValue')).toEqual(expect.arrayContaining(Object.values(EVIL_VALUES)));

      // An entity expansion (billion laughs, external file) is not expanded: a clean refusal.
      const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY file SYSTEM "file:///etc/passwd">]>${request('&b;&file;')}`;
      const refused = await fetch(url('/samlValidate', { TARGET: INJECT }), {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: bomb,
      });
      expect(refused.status).toBeLessThan(500);
      const answer = await refused.text();
      expect(answer).not.toContain('root:');
      expect(answer).not.toContain('aaaaaaaaaa');
      parseXml(answer);
    });
  });

  describe('tickets', () => {
    it('ticket guessing: 10 000 service tickets are unique, of a 62-letter charset, evenly spread', async () => {
      const browser = await aliceBrowser();
      const tickets: string[] = [];
      const workers = Array.from({ length: 8 }, async () => {
        while (tickets.length < 10_000) tickets.push(await ticketFor(browser, APP));
      });
      await Promise.all(workers);
      expect(new Set(tickets).size).toBe(tickets.length);
      for (const t of tickets) expect(t).toMatch(/^ST-[A-Za-z0-9]{61}$/);

      const overall = new Map<string, number>();
      const first = new Map<string, number>();
      for (const t of tickets) {
        const body = t.slice(3);
        first.set(body[0], (first.get(body[0]) ?? 0) + 1);
        for (const c of body) overall.set(c, (overall.get(c) ?? 0) + 1);
      }
      // Chi-square with 61 degrees of freedom: mean 61, above 130 has a probability below 1e-6
      // for a uniform source; a biased or counter-based generator lands far above.
      expect(overall.size).toBe(62);
      expect(chiSquare(overall, ALPHABET)).toBeLessThan(130);
      expect(chiSquare(first, ALPHABET)).toBeLessThan(130);
      // 61 characters of log2(62) bits each: far beyond the 128 bits that make guessing hopeless.
      expect(61 * Math.log2(62)).toBeGreaterThan(128);

      // Guesses of the right shape are only ever INVALID_TICKET.
      for (const guess of [tickets[0].slice(0, -1) + 'A', `ST-${'A'.repeat(61)}`, tickets[1].toLowerCase()]) {
        expect(await validate('/p3/serviceValidate', { service: APP, ticket: guess })).toContain(
          'code="INVALID_TICKET"',
        );
      }
    });

    it('ticket replay: a service ticket validates once, on any endpoint', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      expect(await validate('/p3/serviceValidate', { service: APP, ticket })).toContain('<cas:user>alice</cas:user>');
      for (const endpoint of ['/p3/serviceValidate', '/serviceValidate', '/proxyValidate', '/p3/proxyValidate']) {
        expect(await validate(endpoint, { service: APP, ticket })).toContain('code="INVALID_TICKET"');
      }
      expect(await validate('/validate', { service: APP, ticket })).toBe('no\n\n');
    });

    it('ticket for another service: refused, and the ticket is spent for its own service too', async () => {
      const browser = await aliceBrowser();
      const ticket = await ticketFor(browser, APP);
      const other = await validate('/p3/serviceValidate', { service: INJECT, ticket });
      expect(other).toContain('code="INVALID_SERVICE"');
      expect(other).not.toContain('alice');
      expect(await validate('/p3/serviceValidate', { service: APP, ticket })).toContain('code="INVALID_TICKET"');
      // A look-alike of the service URL is another service.
      const ticket2 = await ticketFor(browser, APP);
      const lookalike = APP.replace('app.example.org', 'app.example.org.evil.example.com');
      expect(await validate('/p3/serviceValidate', { service: lookalike, ticket: ticket2 })).toContain(
        'code="INVALID_SERVICE"',
      );
    });
  });

  describe('secrets', () => {
    it('stores only hashes of SSO cookies and admin tokens, and logs no password, cookie or whole ticket', async () => {
      const browser = await aliceBrowser();
      const tgc = browser.cookies.get('TGC')!;
      const preSession = browser.cookies.get('CASBROWSER')!;
      const ticket = await ticketFor(browser, APP);
      await validate('/p3/serviceValidate', { service: APP, ticket: `${ticket}x` });
      await validate('/p3/serviceValidate', { service: APP, ticket });
      const created = await server.cli(['tokens:create', 'security-test']);
      const token = created.stdout.trim().split('\n')[0];
      expect(token).toMatch(/^casadm_/);

      const sessions = JSON.stringify(await queryDb(server.db, 'SELECT * FROM sso_sessions'));
      expect(sessions).toContain('alice');
      expect(sessions).not.toContain(tgc);
      expect(sessions).not.toContain(tgc.slice(4));
      const tokens = JSON.stringify(await queryDb(server.db, 'SELECT * FROM admin_tokens'));
      expect(tokens).toContain('security-test');
      expect(tokens).not.toContain(token);
      expect(tokens).not.toContain(token.slice('casadm_'.length));
      const lts = JSON.stringify(await queryDb(server.db, 'SELECT * FROM consumed_login_tickets'));
      expect(lts).not.toContain(preSession);

      const logs = server.logs();
      expect(logs).toMatch(/user alice logged in/);
      expect(logs).not.toContain('wonderland');
      expect(logs).not.toContain(tgc.slice(4));
      expect(logs).not.toContain(preSession);
      expect(logs).not.toContain(ticket.slice(3));
      expect(logs).not.toMatch(/(ST|PT|PGT|PGTIOU|TGT|LT)-[A-Za-z0-9]{20,}/);
    });
  });
});
