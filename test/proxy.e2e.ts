import { Browser } from './support/browser';
import { loginForTicket, q, readCasXml } from './support/cas-client';
import { CasServer } from './support/cas-server';
import { DATABASES, createTestDb } from './support/test-db';
import { CallbackServer, ThrowawayCa } from './support/tls';

const APP = 'https://app.example.org/';
const BACKEND = 'https://backend.example.org/api';
const BACKEND2 = 'https://backend2.example.org/api';

const SERVICES: string[][] = [
  ['--name', 'app', '--pattern', 'https://app\\.example\\.org/.*', '--release', '*'],
  ['--name', 'callbacks', '--pattern', 'https?://127\\.0\\.0\\.1:\\d+/.*', '--proxy-callback'],
  ['--name', 'plain callbacks', '--pattern', 'http://proxy\\.example\\.org/.*', '--proxy-callback'],
  ['--name', 'no callbacks', '--pattern', 'https://nocallback\\.example\\.org/.*'],
  ['--name', 'backend', '--pattern', 'https://backend\\.example\\.org/.*', '--proxy', '--release', '*'],
  ['--name', 'backend2', '--pattern', 'https://backend2\\.example\\.org/.*', '--proxy'],
  ['--name', 'no proxy', '--pattern', 'https://noproxy\\.example\\.org/.*'],
  ['--name', 'restricted', '--pattern', 'https://restricted\\.example\\.org/.*', '--proxy', '--allow-user', 'bob'],
  ['--name', 'by mail', '--pattern', 'https://bymail\\.example\\.org/.*', '--proxy', '--user-field', 'email'],
];

async function addServices(cas: CasServer): Promise<void> {
  for (const args of SERVICES) {
    const result = await cas.cli(['services:add', ...args]);
    if (result.code !== 0) throw new Error(result.stderr);
  }
}

/** Logs in (a new SSO session each time) and returns the ST issued for the service. */
async function serviceTicket(cas: CasServer, service = APP, browser = new Browser()): Promise<string> {
  return loginForTicket(browser, cas.url(`/login?${q({ service })}`), { username: 'test', password: 'test' });
}

async function getText(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.text();
}

describe.each(DATABASES)('proxy CAS on %s', (db) => {
  const ca = new ThrowawayCa('CAS test CA');
  const rogue = new ThrowawayCa('Rogue CA');
  const caFile = ca.writeCertificate();
  let cas: CasServer;
  let trusted: CallbackServer;
  let untrusted: CallbackServer;
  let plain: CallbackServer;
  const deliveredPgts: string[] = [];

  beforeAll(async () => {
    trusted = await CallbackServer.start(ca.issueServerCertificate());
    untrusted = await CallbackServer.start(rogue.issueServerCertificate());
    plain = await CallbackServer.start(null);
    cas = await CasServer.start({
      db,
      env: { CAS_AUTH_CLASS: 'test', CAS_PROXY_CA_CERTIFICATE_PATH: caFile.path },
    });
    await addServices(cas);
  });

  afterAll(async () => {
    // No PGT ever reaches the logs (P-20).
    for (const pgt of deliveredPgts) expect(cas.logs()).not.toContain(pgt);
    await cas?.stop();
    await Promise.all([trusted?.stop(), untrusted?.stop(), plain?.stop()]);
    caFile.remove();
  });

  const validate = (path: string, params: Record<string, string>) => getText(cas.url(`${path}?${q(params)}`));
  const proxy = (params: Record<string, string>) => getText(cas.url(`/proxy?${q(params)}`));

  /** Validates a fresh ST with a pgtUrl on the trusted server; returns the PGT it received. */
  async function obtainPgt(pgtUrl = trusted.url('/ok'), path = '/serviceValidate'): Promise<string> {
    const answer = readCasXml(await validate(path, { service: APP, ticket: await serviceTicket(cas), pgtUrl }));
    expect(answer.kind).toBe('authenticationSuccess');
    const pgtIou = answer.text('proxyGrantingTicket')!;
    const pgt = trusted.hitFor(pgtIou)!.query.get('pgtId')!;
    deliveredPgts.push(pgt);
    return pgt;
  }

  async function proxyTicket(pgt: string, targetService: string): Promise<string> {
    const answer = readCasXml(await proxy({ pgt, targetService }));
    expect(answer.kind).toBe('proxySuccess');
    return answer.text('proxyTicket')!;
  }

  describe('pgtUrl callback', () => {
    it('GETs the pgtUrl with pgtId and pgtIou, keeping its query, and answers with the IOU only', async () => {
      const pgtUrl = trusted.url('/ok/callback?app=one&x=%2F');
      const xml = await validate('/serviceValidate', { service: APP, ticket: await serviceTicket(cas), pgtUrl });
      const answer = readCasXml(xml);
      expect(answer.kind).toBe('authenticationSuccess');
      expect(answer.text('user')).toBe('test');
      const pgtIou = answer.text('proxyGrantingTicket')!;
      expect(pgtIou).toMatch(/^PGTIOU-[A-Za-z0-9]+$/);

      const hit = trusted.hitFor(pgtIou)!;
      expect(hit.path).toBe('/ok/callback');
      expect(hit.rawQuery).toMatch(/^app=one&x=%2F&pgtId=PGT-[A-Za-z0-9]+&pgtIou=PGTIOU-[A-Za-z0-9]+$/);
      const pgt = hit.query.get('pgtId')!;
      deliveredPgts.push(pgt);
      expect(xml).not.toContain(pgt);
    });

    it.each(['/proxyValidate', '/p3/serviceValidate', '/p3/proxyValidate'])('works on %s too', async (path) => {
      const pgt = await obtainPgt(trusted.url('/ok'), path);
      expect(pgt).toMatch(/^PGT-/);
    });

    it('puts the IOU in JSON answers as proxyGrantingTicket', async () => {
      const json = await validate('/p3/serviceValidate', {
        service: APP,
        ticket: await serviceTicket(cas),
        pgtUrl: trusted.url('/ok'),
        format: 'JSON',
      });
      const success = JSON.parse(json).serviceResponse.authenticationSuccess;
      expect(success.proxyGrantingTicket).toMatch(/^PGTIOU-/);
      expect(trusted.hitFor(success.proxyGrantingTicket)).toBeDefined();
    });

    it('accepts plain http to a loopback host while CAS_PROXY_ALLOW_HTTP_LOOPBACK is on (the default)', async () => {
      const answer = readCasXml(
        await validate('/serviceValidate', {
          service: APP,
          ticket: await serviceTicket(cas),
          pgtUrl: plain.url('/ok'),
        }),
      );
      expect(answer.kind).toBe('authenticationSuccess');
      expect(plain.hitFor(answer.text('proxyGrantingTicket')!)).toBeDefined();
    });

    // Each failure: the validation fails with the code, no IOU, the ST is spent, and a PGT the
    // callback may have seen cannot be used (P-15, E-14).
    const failures: Array<[string, () => string, string]> = [
      ['an untrusted certificate', () => untrusted.url('/ok'), 'INVALID_PROXY_CALLBACK'],
      ['a 404 answer', () => trusted.url('/status/404'), 'INVALID_PROXY_CALLBACK'],
      ['a 204 answer', () => trusted.url('/status/204'), 'INVALID_PROXY_CALLBACK'],
      ['a redirect (not followed)', () => trusted.url('/redirect'), 'INVALID_PROXY_CALLBACK'],
      ['no answer in time', () => trusted.url('/hang'), 'INVALID_PROXY_CALLBACK'],
      ['nobody listening', () => 'https://127.0.0.1:1/cb', 'INVALID_PROXY_CALLBACK'],
      ['plain http to a non-loopback host', () => 'http://proxy.example.org/cb', 'INVALID_PROXY_CALLBACK'],
      ['a URL no service pattern allows', () => 'https://unknown.example.org/cb', 'INVALID_PROXY_CALLBACK'],
      ['a service without proxy_callback', () => 'https://nocallback.example.org/cb', 'UNAUTHORIZED_SERVICE_PROXY'],
      ['not a URL', () => 'callback', 'INVALID_PROXY_CALLBACK'],
    ];

    it.each(failures)('refuses %s: no PGT, the ticket spent', async (_name, pgtUrl, code) => {
      const ticket = await serviceTicket(cas);
      const hitsBefore = trusted.hits.length + untrusted.hits.length;
      const xml = await validate('/p3/serviceValidate', { service: APP, ticket, pgtUrl: pgtUrl() });
      const answer = readCasXml(xml);
      expect(answer.kind).toBe('authenticationFailure');
      expect(answer.code).toBe(code);
      expect(xml).not.toContain('proxyGrantingTicket');

      const again = readCasXml(await validate('/p3/serviceValidate', { service: APP, ticket }));
      expect(again.code).toBe('INVALID_TICKET');

      const seen = [...trusted.hits, ...untrusted.hits].slice(hitsBefore);
      for (const hit of seen) {
        const pgt = hit.query.get('pgtId')!;
        deliveredPgts.push(pgt);
        expect(readCasXml(await proxy({ pgt, targetService: BACKEND })).code).toBe('INVALID_TICKET');
      }
    });

    it('never succeeds for a PGT presented as a ticket, and does not spend it (T-32)', async () => {
      const pgt = await obtainPgt();
      for (const path of ['/serviceValidate', '/proxyValidate', '/p3/proxyValidate']) {
        expect(readCasXml(await validate(path, { service: APP, ticket: pgt })).code).toBe('INVALID_TICKET');
      }
      expect(await proxyTicket(pgt, BACKEND)).toMatch(/^PT-/);
    });
  });

  describe('/proxy and proxy tickets', () => {
    it('gives PTs from one PGT, many times; a PT validates once at /proxyValidate, listing the proxy', async () => {
      const pgtUrl = trusted.url('/ok/app');
      const pgt = await obtainPgt(pgtUrl);
      const pt1 = await proxyTicket(pgt, BACKEND);
      const pt2 = await proxyTicket(pgt, BACKEND);
      expect(pt1).toMatch(/^PT-[A-Za-z0-9]+$/);
      expect(pt2).not.toBe(pt1);

      const answer = readCasXml(await validate('/p3/proxyValidate', { service: BACKEND, ticket: pt1 }));
      expect(answer.kind).toBe('authenticationSuccess');
      expect(answer.text('user')).toBe('test');
      expect(answer.texts('proxy')).toEqual([pgtUrl]);
      expect(answer.text('email')).toBe('anonymous@example.net');
      expect(answer.text('isFromNewLogin')).toBe('false');

      expect(readCasXml(await validate('/proxyValidate', { service: BACKEND, ticket: pt1 })).code).toBe(
        'INVALID_TICKET',
      );
      const json = JSON.parse(await validate('/proxyValidate', { service: BACKEND, ticket: pt2, format: 'JSON' }))
        .serviceResponse.authenticationSuccess;
      expect(json.proxies).toEqual([pgtUrl]);
    });

    it('refuses a PT at /serviceValidate and /p3/serviceValidate with INVALID_TICKET_SPEC, spending it', async () => {
      const pgt = await obtainPgt();
      for (const path of ['/serviceValidate', '/p3/serviceValidate']) {
        const pt = await proxyTicket(pgt, BACKEND);
        expect(readCasXml(await validate(path, { service: BACKEND, ticket: pt })).code).toBe('INVALID_TICKET_SPEC');
        expect(readCasXml(await validate('/proxyValidate', { service: BACKEND, ticket: pt })).code).toBe(
          'INVALID_TICKET',
        );
      }
      const pt = await proxyTicket(pgt, BACKEND);
      expect(await getText(cas.url(`/validate?${q({ service: BACKEND, ticket: pt })}`))).toBe('no\n\n');
    });

    it('binds a PT to its targetService (INVALID_SERVICE)', async () => {
      const pt = await proxyTicket(await obtainPgt(), BACKEND);
      expect(readCasXml(await validate('/proxyValidate', { service: BACKEND2, ticket: pt })).code).toBe(
        'INVALID_SERVICE',
      );
    });

    it('applies the target pattern: proxy flag, allowed users, user_field', async () => {
      const pgt = await obtainPgt();
      const code = async (targetService: string) => readCasXml(await proxy({ pgt, targetService })).code;
      expect(await code('https://noproxy.example.org/')).toBe('UNAUTHORIZED_SERVICE');
      expect(await code('https://unregistered.example.org/')).toBe('UNAUTHORIZED_SERVICE');
      expect(await code('https://restricted.example.org/')).toBe('UNAUTHORIZED_SERVICE');

      const pt = await proxyTicket(pgt, 'https://bymail.example.org/');
      const answer = readCasXml(
        await validate('/proxyValidate', { service: 'https://bymail.example.org/', ticket: pt }),
      );
      expect(answer.text('user')).toBe('anonymous@example.net');
    });

    it('answers the spec codes for bad requests, in XML and JSON', async () => {
      const pgt = await obtainPgt();
      expect(readCasXml(await proxy({ targetService: BACKEND })).code).toBe('INVALID_REQUEST');
      expect(readCasXml(await proxy({ pgt })).code).toBe('INVALID_REQUEST');
      expect(readCasXml(await proxy({ pgt: 'PGT-unknown', targetService: BACKEND })).code).toBe('INVALID_TICKET');
      const st = await serviceTicket(cas);
      expect(readCasXml(await proxy({ pgt: st, targetService: BACKEND })).code).toBe('INVALID_TICKET');
      // The ST was not a PGT, and is not spent by that attempt either.
      expect(readCasXml(await validate('/serviceValidate', { service: APP, ticket: st })).kind).toBe(
        'authenticationSuccess',
      );

      const failure = JSON.parse(await proxy({ pgt: 'PGT-unknown', targetService: BACKEND, format: 'JSON' }));
      expect(failure.serviceResponse.proxyFailure.code).toBe('INVALID_TICKET');
      expect(typeof failure.serviceResponse.proxyFailure.description).toBe('string');
      const success = JSON.parse(await proxy({ pgt, targetService: BACKEND, format: 'JSON' }));
      expect(success.serviceResponse.proxySuccess.proxyTicket).toMatch(/^PT-/);
    });

    it('chains proxies: a PT validated with a pgtUrl gives a new PGT, and the chain is listed most recent first', async () => {
      const first = trusted.url('/ok/first');
      const second = trusted.url('/ok/second');
      const pt1 = await proxyTicket(await obtainPgt(first), BACKEND);

      const hop = readCasXml(await validate('/proxyValidate', { service: BACKEND, ticket: pt1, pgtUrl: second }));
      expect(hop.kind).toBe('authenticationSuccess');
      expect(hop.texts('proxy')).toEqual([first]);
      const pgt2 = trusted.hitFor(hop.text('proxyGrantingTicket')!)!.query.get('pgtId')!;
      deliveredPgts.push(pgt2);

      const pt2 = await proxyTicket(pgt2, BACKEND2);
      const xml = readCasXml(await validate('/p3/proxyValidate', { service: BACKEND2, ticket: pt2 }));
      expect(xml.texts('proxy')).toEqual([second, first]);

      const pt3 = await proxyTicket(pgt2, BACKEND2);
      const json = JSON.parse(await validate('/p3/proxyValidate', { service: BACKEND2, ticket: pt3, format: 'JSON' }));
      expect(json.serviceResponse.authenticationSuccess.proxies).toEqual([second, first]);
    });

    it('ends the PGTs with the SSO session (logout)', async () => {
      const browser = new Browser();
      const ticket = await serviceTicket(cas, APP, browser);
      const answer = readCasXml(
        await validate('/serviceValidate', { service: APP, ticket, pgtUrl: trusted.url('/ok/logout') }),
      );
      const pgt = trusted.hitFor(answer.text('proxyGrantingTicket')!)!.query.get('pgtId')!;
      deliveredPgts.push(pgt);
      expect(await proxyTicket(pgt, BACKEND)).toMatch(/^PT-/);

      await browser.get(cas.url('/logout'));
      expect(readCasXml(await proxy({ pgt, targetService: BACKEND })).code).toBe('INVALID_TICKET');
    });
  });
});

describe.each(DATABASES)('proxy CAS with short-lived PGTs and no certificate checks on %s', (db) => {
  const rogue = new ThrowawayCa('Rogue CA');
  let cas: CasServer;
  let callback: CallbackServer;

  beforeAll(async () => {
    callback = await CallbackServer.start(rogue.issueServerCertificate());
    cas = await CasServer.start({
      db,
      env: { CAS_AUTH_CLASS: 'test', CAS_PROXY_CA_CERTIFICATE_PATH: 'false', CAS_PGT_VALIDITY: '1' },
    });
    await addServices(cas);
  });

  afterAll(async () => {
    await cas?.stop();
    await callback?.stop();
  });

  it('warns at start that certificates are not verified, then trusts any certificate', async () => {
    expect(cas.logs()).toMatch(/CAS_PROXY_CA_CERTIFICATE_PATH is false: pgtUrl certificates are NOT verified/);
    const ticket = await serviceTicket(cas);
    const xml = await getText(cas.url(`/serviceValidate?${q({ service: APP, ticket, pgtUrl: callback.url('/ok') })}`));
    expect(readCasXml(xml).text('proxyGrantingTicket')).toMatch(/^PGTIOU-/);
  });

  it('refuses to start when CAS_PROXY_CA_CERTIFICATE_PATH cannot be read', async () => {
    const testDb = await createTestDb(db);
    try {
      await expect(
        CasServer.start({ db: testDb, env: { CAS_PROXY_CA_CERTIFICATE_PATH: '/nonexistent/ca.pem' } }),
      ).rejects.toThrow(/CAS_PROXY_CA_CERTIFICATE_PATH: cannot read \/nonexistent\/ca\.pem/);
    } finally {
      await testDb.drop();
    }
  });

  it('lets a PGT live CAS_PGT_VALIDITY seconds', async () => {
    const ticket = await serviceTicket(cas);
    const answer = readCasXml(
      await getText(cas.url(`/serviceValidate?${q({ service: APP, ticket, pgtUrl: callback.url('/ok') })}`)),
    );
    const pgt = callback.hitFor(answer.text('proxyGrantingTicket')!)!.query.get('pgtId')!;
    expect(readCasXml(await getText(cas.url(`/proxy?${q({ pgt, targetService: BACKEND })}`))).kind).toBe(
      'proxySuccess',
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(readCasXml(await getText(cas.url(`/proxy?${q({ pgt, targetService: BACKEND })}`))).code).toBe(
      'INVALID_TICKET',
    );
  });
});
