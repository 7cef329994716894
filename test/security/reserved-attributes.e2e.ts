/**
 * Issue 14 item 8 (reserved attribute names, failed-login usernames in the logs), item 10 (raw
 * socket errors in INVALID_PROXY_CALLBACK) and item 11 (a 3xx answer to a back-channel logout
 * is delivery).
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { AdminClient, tokenFrom, type Problem } from '../support/admin-client';
import { Browser, formFields, login, ticketFrom } from '../support/browser';
import { readCasXml } from '../support/cas-client';
import { CasServer } from '../support/cas-server';
import { q } from '../support/fixtures';
import { RelyingApp } from '../support/relying-app';
import { DATABASES } from '../support/test-db';

const APP = 'https://app.example.org/';
const RENAMING_APP = 'https://renaming.example.org/';
const SOURCE_ATTRIBUTES = {
  mail: 'test@example.org',
  isFromNewLogin: 'forged',
  authenticationDate: '1999-01-01T00:00:00Z',
  LongTermAuthenticationRequestTokenUsed: 'true',
  authnContextClass: 'mfa-forged',
  successfulAuthenticationHandlers: 'forged',
};

function samlRequest(artifact: string): string {
  return `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>
<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" MajorVersion="1" MinorVersion="1"
 RequestID="_r1" IssueInstant="2002-06-19T17:03:44.022Z"><samlp:AssertionArtifact>${artifact}</samlp:AssertionArtifact>
</samlp:Request></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.each(DATABASES)('reserved attribute names on %s', (db) => {
  let server: CasServer;
  let api: AdminClient;

  beforeAll(async () => {
    server = await CasServer.start({
      db,
      env: { CAS_AUTH_CLASS: 'test', CAS_TEST_ATTRIBUTES: JSON.stringify(SOURCE_ATTRIBUTES), CAS_SCHEDULER: 'false' },
    });
    api = new AdminClient(`${server.origin}/api/admin`, tokenFrom((await server.cli(['tokens:create', 'ops'])).stdout));
    for (const service of [
      { name: 'app', pattern: 'https://app\\.example\\.org/.*', releasedAttributes: [{ name: '*' }] },
      {
        name: 'renaming',
        pattern: 'https://renaming\\.example\\.org/.*',
        releasedAttributes: [{ name: 'authnContextClass', renameTo: 'sourceContext' }, { name: 'mail' }],
      },
    ]) {
      expect((await api.post('/services', service)).status).toBe(201);
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  const ticketFor = async (service: string, param = 'service') =>
    ticketFrom(
      (await login(new Browser(), server.url(`/login?${q({ [param]: service })}`), 'test', 'test')).location,
      param === 'TARGET' ? 'SAMLart' : 'ticket',
    );

  it('item 8: local user attributes named like those the server sends are refused (API and CLI)', async () => {
    const created = await api.post<Problem>('/users', {
      username: 'mallory',
      password: 'secret',
      attributes: { isFromNewLogin: 'true', AuthenticationDate: 'x', mail: 'm@example.org' },
    });
    expect(created.status).toBe(422);
    expect(created.body.errors?.map((e) => e.field)).toEqual([
      'attributes.isFromNewLogin',
      'attributes.AuthenticationDate',
    ]);
    expect((await api.post('/users', { username: 'mallory', password: 'secret' })).status).toBe(201);
    const patched = await api.patch<Problem>('/users/mallory', { attributes: { authnContextClass: 'mfa' } });
    expect(patched.status).toBe(422);
    expect(patched.body.errors?.[0].message).toContain('reserved');
    const cli = await server.cli(
      ['users:create', 'trudy', '--attr', 'longTermAuthenticationRequestTokenUsed=true'],
      'pw\n',
    );
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('attributes.longTermAuthenticationRequestTokenUsed');
    expect((await api.get('/users/trudy')).status).toBe(404);
  });

  it('item 8: a service may not release an attribute under a reserved name (API and CLI)', async () => {
    const renamed = await api.post<Problem>('/services', {
      name: 'forging',
      pattern: 'https://forging\\.example\\.org/.*',
      releasedAttributes: [{ name: 'mail', renameTo: 'isFromNewLogin' }, { name: 'credentialType' }],
    });
    expect(renamed.status).toBe(422);
    expect(renamed.body.errors?.map((e) => e.field)).toEqual([
      'releasedAttributes[0].renameTo',
      'releasedAttributes[1].name',
    ]);
    const cli = await server.cli([
      'services:add',
      '--name',
      'forging',
      '--pattern',
      'https://forging\\.example\\.org/.*',
      '--release',
      'mail=authenticationDate',
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('reserved');
  });

  it('item 8: reserved names from the source never reach XML, JSON or SAML; the real values stand, once', async () => {
    const before = Date.now();
    const xml = await (
      await fetch(server.url(`/p3/serviceValidate?${q({ service: APP, ticket: await ticketFor(APP) })}`))
    ).text();
    const answer = readCasXml(xml);
    expect(answer.texts('isFromNewLogin')).toEqual(['true']);
    expect(answer.texts('authenticationDate')).toHaveLength(1);
    expect(Date.parse(answer.text('authenticationDate') ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(answer.texts('longTermAuthenticationRequestTokenUsed')).toEqual(['false']);
    expect(xml).not.toMatch(/forged|LongTermAuthenticationRequestTokenUsed|authnContextClass/);
    expect(answer.text('mail')).toBe('test@example.org');

    const json = (await (
      await fetch(
        server.url(`/p3/serviceValidate?${q({ service: APP, ticket: await ticketFor(APP), format: 'JSON' })}`),
      )
    ).json()) as { serviceResponse: { authenticationSuccess: { attributes: Record<string, unknown> } } };
    const attributes = json.serviceResponse.authenticationSuccess.attributes;
    expect(attributes.isFromNewLogin).toBe(true);
    expect(attributes.authnContextClass).toBeUndefined();
    expect(attributes.successfulAuthenticationHandlers).toBeUndefined();
    expect(attributes.mail).toBe('test@example.org');

    const saml = await (
      await fetch(server.url(`/samlValidate?${q({ TARGET: APP })}`), {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: samlRequest(await ticketFor(APP, 'TARGET')),
      })
    ).text();
    expect(saml).toContain('AttributeName="mail"');
    expect(saml).not.toMatch(/forged|AttributeName="(isFromNewLogin|authenticationDate|authnContextClass)"/i);
  });

  it('item 8: renamed to a free name, a reserved source attribute is released', async () => {
    const xml = await (
      await fetch(server.url(`/serviceValidate?${q({ service: RENAMING_APP, ticket: await ticketFor(RENAMING_APP) })}`))
    ).text();
    expect(readCasXml(xml).text('sourceContext')).toBe('mfa-forged');
    expect(readCasXml(xml).texts('authnContextClass')).toEqual([]);
  });
});

describe.each(DATABASES)('failed-login usernames in the logs on %s', (db) => {
  let server: CasServer;
  const SECRET = 'a shared secret for the auth helper';

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_AUTH_SHARED_SECRET: SECRET, CAS_SCHEDULER: 'false' } });
    expect((await server.cli(['users:create', 'alice'], 'wonderland\n')).code).toBe(0);
    expect(
      (await server.cli(['services:add', '--name', 'app', '--pattern', 'https://app\\.example\\.org/.*'])).code,
    ).toBe(0);
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function attempt(username: string, password: string): Promise<number> {
    const browser = new Browser();
    const form = await browser.get(server.url('/login'));
    return (await browser.post(server.url('/login'), { ...formFields(form.body), username, password })).status;
  }

  it('item 8: a username that names no account (a password typed in the wrong field) is logged as a marker only', async () => {
    const typedPassword = 'Tr0ub4dor&3-typed-in-the-username-field';
    for (let i = 0; i < 4; i++) expect(await attempt(typedPassword, 'whatever')).toBe(i < 3 ? 401 : 429);
    const auth = await fetch(server.url('/auth'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: q({ username: `${typedPassword}-2`, password: 'x', service: APP, secret: SECRET }),
    });
    expect(await auth.text()).toBe('no\n');
    const logs = server.rawOutput();
    expect(logs).not.toContain('Tr0ub4dor');
    expect(server.logs()).toMatch(/WARN.*login failed for an unknown username \(#[0-9a-f]{12}\) from 127\.0\.0\.1/);
    expect(server.logs()).toMatch(/WARN.*login: attempt for an unknown username \(#[0-9a-f]{12}\) from .* refused/);
    expect(server.logs()).toMatch(/WARN.*\/auth: credentials of an unknown username \(#[0-9a-f]{12}\) refused/);
    // The same text gives the same marker, so an attack can be followed in the log.
    const markers = server.logs().match(/unknown username \((#[0-9a-f]{12})\)/g) ?? [];
    expect(new Set(markers.slice(0, 4)).size).toBe(1);
  });

  it('item 8: a wrong password for an existing account names the account', async () => {
    expect(await attempt('alice', 'not her password')).toBe(401);
    expect(server.logs()).toMatch(/WARN.*login failed for "alice" from 127\.0\.0\.1: bad credentials/);
  });
});

describe.each(DATABASES)('proxy callback and logout answers on %s', (db) => {
  let server: CasServer;
  let app: RelyingApp;

  beforeAll(async () => {
    app = await RelyingApp.start();
    server = await CasServer.start({ db, env: { CAS_AUTH_CLASS: 'test', CAS_SCHEDULER: 'false' } });
    const escaped = app.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const args of [
      ['--name', 'app', '--pattern', 'https://app\\.example\\.org/.*'],
      ['--name', 'callbacks', '--pattern', 'http://127\\.0\\.0\\.1:\\d+/callback', '--proxy-callback'],
      ['--name', 'mod_auth_cas', '--pattern', `${escaped}/app/.*`, '--single-log-out'],
    ]) {
      const result = await server.cli(['services:add', ...args]);
      if (result.code !== 0) throw new Error(result.stderr);
    }
  });

  afterAll(async () => {
    await server?.stop();
    await app?.stop();
  });

  it('item 10: an unreachable pgtUrl gets a generic INVALID_PROXY_CALLBACK; the socket error stays in the log', async () => {
    const pgtUrl = `http://127.0.0.1:${await closedPort()}/callback`;
    const ticket = ticketFrom(
      (await login(new Browser(), server.url(`/login?${q({ service: APP })}`), 'test', 'test')).location,
    );
    const answer = readCasXml(
      await (await fetch(server.url(`/serviceValidate?${q({ service: APP, ticket, pgtUrl })}`))).text(),
    );
    expect(answer.code).toBe('INVALID_PROXY_CALLBACK');
    const description = answer.text('authenticationFailure') ?? '';
    expect(description).toBe(`The proxy-granting ticket could not be delivered to ${pgtUrl}`);
    expect(description).not.toMatch(/ECONNREFUSED|connect/);
    expect(server.logs()).toMatch(/WARN.*proxy callback .* failed: connect ECONNREFUSED/);
  });

  it('item 11: a 302 answer to the back-channel logout (mod_auth_cas) is delivery: no warning, not listed', async () => {
    app.behaviour.status = 302;
    const browser = new Browser();
    const service = `${app.base}/app/page`;
    const ticket = ticketFrom((await login(browser, server.url(`/login?${q({ service })}`), 'test', 'test')).location);
    const xml = await (await fetch(server.url(`/serviceValidate?${q({ service, ticket })}`))).text();
    expect(readCasXml(xml).kind).toBe('authenticationSuccess');
    const page = await browser.get(server.url('/logout'));
    await app.waitFor(1);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('could not be told');
    expect(page.body).not.toContain('mod_auth_cas');
    expect(server.logs()).not.toMatch(/logout request to mod_auth_cas .* failed/);
    const metrics = await (await fetch(`${server.origin}/metrics`)).text();
    expect(metrics).toMatch(/cas_slo_requests_total\{result="sent"\} 1\b/);
    expect(metrics).not.toMatch(/cas_slo_requests_total\{result="failed"\} [1-9]/);
  });
});
