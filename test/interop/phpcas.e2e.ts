/**
 * phpCAS (Debian's php-cas), unmodified, against our server: every protocol it speaks, proxying
 * and Single Logout. The server's database does not change what phpCAS sees, so the full set
 * runs on SQLite and the CAS 3.0 login, which goes through every table a login touches, on
 * MariaDB too.
 */
import { DATABASES } from '../support/test-db';
import { appAnswer, eventually } from './support/expect-app';
import { PhpApp, phpCasVersion } from './support/client-apps';
import { ALICE, ALICE_ATTRIBUTES, InteropEnv } from './support/interop-env';
import { Visitor } from './support/visitor';

jest.setTimeout(60_000);

interface PhpCasAnswer {
  client: string;
  mode: string;
  user: string;
  attributes: Record<string, string | string[]>;
  proxies?: string[];
  backend?: { status: number; answer: PhpCasAnswer | string };
}

const VERSION = phpCasVersion();

describe.each(DATABASES)(`phpCAS ${VERSION} with our server on %s`, (db) => {
  let env: InteropEnv;
  let php: PhpApp;

  beforeAll(async () => {
    env = await InteropEnv.start(db);
    php = await PhpApp.start({ ...env.clientSettings(), tls: env.appCertificate() });
    // One service for the login clients (each CLI call starts a process: fewer is quicker).
    await env.addService('phpcas', php.base, '/(cas10|cas20|cas30|saml11)/', ['--single-log-out']);
    // The control for Single Logout: the same client, but the server is not asked to tell it.
    await env.addService('phpcas-quiet', php.base, '/quiet/');
    await env.addService('phpcas-proxy', php.base, '/proxy/', ['--proxy-callback', '--single-log-out']);
    await env.addService('phpcas-backend', php.base, '/backend/', ['--proxy']);
    await env.addService('phpcas-wary', php.base, '/wary/');
  });

  afterAll(async () => {
    await php?.stop();
    await env?.stop();
  });

  const sides = () => ({ phpCAS: php, 'CAS server': env.cas });

  async function logIn(path: string, visitor = new Visitor(env.ca.certPem)): Promise<PhpCasAnswer> {
    const visit = await visitor.open(php.url(path), ALICE);
    const answer = appAnswer<PhpCasAnswer>(visit, sides());
    expect(visit.askedForPassword).toBe(true);
    return answer;
  }

  it('CAS 3.0 (/p3/serviceValidate): logs in with every attribute, multi-valued and escaped ones intact', async () => {
    const answer = await logIn('/cas30/');
    expect(answer).toMatchObject({ mode: 'cas30', user: 'alice' });
    expect(answer.attributes).toMatchObject(ALICE_ATTRIBUTES);
    expect(env.cas.logs()).toMatch(/p3\/serviceValidate/);
  });

  if (db !== 'sqlite') return;

  it('CAS 1.0 (/validate): logs in with the user name only', async () => {
    const answer = await logIn('/cas10/');
    expect(answer).toMatchObject({ mode: 'cas10', user: 'alice', attributes: [] });
  });

  it('CAS 2.0 (/serviceValidate): logs in with attributes', async () => {
    const answer = await logIn('/cas20/');
    expect(answer).toMatchObject({ mode: 'cas20', user: 'alice' });
    expect(answer.attributes).toMatchObject(ALICE_ATTRIBUTES);
  });

  it('SAML 1.1 (/samlValidate): logs in with attributes', async () => {
    const answer = await logIn('/saml11/');
    expect(answer).toMatchObject({ mode: 'saml11', user: 'alice' });
    expect(answer.attributes).toMatchObject(ALICE_ATTRIBUTES);
  });

  it('proxy: the PGT reaches the https callback, a proxy ticket opens the back end, which validates it', async () => {
    const answer = await logIn('/proxy/');
    expect(answer).toMatchObject({ mode: 'proxy', user: 'alice' });
    expect(answer.backend).toEqual({
      status: 200,
      answer: expect.objectContaining({ mode: 'backend', user: 'alice', proxies: [php.url('/proxy/callback')] }),
    });
    const logs = env.cas.logs();
    expect(logs).toContain(`proxy-granting ticket delivered to ${php.url('/proxy/callback')}`);
    expect(logs).toMatch(/proxy ticket issued to alice for phpcas-backend/);
    expect(logs).toContain(`/proxyValidate: ticket for alice validated by ${php.url('/backend/')}`);
  });

  it('Single Logout: one logout at the server ends every phpCAS session it had opened', async () => {
    const visitor = new Visitor(env.ca.certPem);
    await logIn('/cas30/', visitor);
    const sso = await visitor.open(php.url('/cas20/'));
    expect(appAnswer<PhpCasAnswer>(sso, sides()).user).toBe('alice');
    expect(sso.askedForPassword).toBe(false);
    const quiet = await visitor.open(php.url('/quiet/'));
    expect(appAnswer<PhpCasAnswer>(quiet, sides()).user).toBe('alice');

    const logout = await visitor.open(env.cas.url('/logout'));
    expect(logout.status).toBe(200);

    // Each client's own session is gone: it sends the browser back to the (now empty) login form.
    for (const path of ['/cas30/', '/cas20/']) {
      await eventually(
        async () => (await visitor.open(php.url(path))).askedForPassword,
        `phpCAS ${path} logged out`,
        sides(),
      );
    }
    // The control: the service without Single Logout was not told, so phpCAS still knows alice.
    const stillIn = await visitor.open(php.url('/quiet/'));
    expect(appAnswer<PhpCasAnswer>(stillIn, sides()).user).toBe('alice');
  });

  it('refuses a CAS server whose certificate its CA file does not vouch for', async () => {
    const visit = await new Visitor(env.ca.certPem).open(php.url('/wary/'), ALICE);
    expect(visit.body).not.toContain('"user"');
    expect(visit.body).toContain('CAS Authentication failed!');
    expect(visit.body).toContain('no response from the CAS server');
    expect(env.cas.logs()).toContain('service ticket issued to alice for phpcas-wary');
    expect(env.cas.logs()).not.toContain(`validated by ${php.url('/wary/')}`);
  });
});
