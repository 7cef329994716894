/**
 * Single sign-on across clients written by different people in different languages: a login
 * at one needs no password at the next, and one logout at the server ends every session.
 * On SQLite only: the database changes nothing the clients see (see phpcas.e2e.ts).
 */
import { appAnswer, eventually } from './support/expect-app';
import { NodeClientApp, PhpApp } from './support/client-apps';
import { ALICE, InteropEnv } from './support/interop-env';
import { Visitor } from './support/visitor';

jest.setTimeout(60_000);

describe('single sign-on across phpCAS and http-cas-client', () => {
  let env: InteropEnv;
  let php: PhpApp;
  let node: NodeClientApp;

  beforeAll(async () => {
    env = await InteropEnv.start('sqlite');
    php = await PhpApp.start({ ...env.clientSettings(), tls: env.appCertificate() });
    node = await NodeClientApp.start({ casUrl: env.casUrl, caFile: env.caFile, protocol: 3 });
    await env.addService('phpcas', php.base, '/(cas30|saml11)/', ['--single-log-out']);
    await env.addService('node', node.base, '/', ['--single-log-out']);
  });

  afterAll(async () => {
    await node?.stop();
    await php?.stop();
    await env?.stop();
  });

  it('one password for three clients, and one logout for all of them', async () => {
    const sides = { phpCAS: php, 'http-cas-client': node, 'CAS server': env.cas };
    const visitor = new Visitor(env.ca.certPem);
    const apps = [
      { name: 'http-cas-client (CAS 3.0)', url: node.url('/home') },
      { name: 'phpCAS (CAS 3.0)', url: php.url('/cas30/') },
      { name: 'phpCAS (SAML 1.1)', url: php.url('/saml11/') },
    ];

    const first = await visitor.open(apps[0].url, ALICE);
    expect(appAnswer<object>(first, sides)).toMatchObject({ principal: { user: 'alice' } });
    expect(first.askedForPassword).toBe(true);
    for (const app of apps.slice(1)) {
      const visit = await visitor.open(app.url); // no credentials: a password form would stop here
      expect({ app: app.name, answer: appAnswer<object>(visit, sides) }).toMatchObject({
        app: app.name,
        answer: { user: 'alice' },
      });
      expect({ app: app.name, askedForPassword: visit.askedForPassword }).toEqual({
        app: app.name,
        askedForPassword: false,
      });
    }

    expect((await visitor.open(env.cas.url('/logout'))).status).toBe(200);

    for (const app of apps) {
      await eventually(async () => (await visitor.open(app.url)).askedForPassword, `${app.name} logged out`, sides);
    }
  });
});
