/**
 * The npm client http-cas-client, unmodified, against our server: CAS 2.0 and CAS 3.0 with
 * attributes, and its Single Logout handling. The database behind the server changes nothing
 * the client sees (the phpCAS suite runs a login on MariaDB too), so this runs on SQLite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appAnswer, eventually } from './support/expect-app';
import { NodeClientApp } from './support/client-apps';
import { ALICE, ALICE_ATTRIBUTES, InteropEnv } from './support/interop-env';
import { Visitor } from './support/visitor';

jest.setTimeout(60_000);

const VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'node_modules', 'http-cas-client', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

interface NodeClientAnswer {
  client: string;
  protocol: number;
  principal: { user: string; attributes?: Record<string, string | string[]> };
}

describe(`http-cas-client ${VERSION} with our server`, () => {
  let env: InteropEnv;
  let cas2: NodeClientApp;
  let cas3: NodeClientApp;

  beforeAll(async () => {
    env = await InteropEnv.start('sqlite');
    cas2 = await NodeClientApp.start({ casUrl: env.casUrl, caFile: env.caFile, protocol: 2 });
    cas3 = await NodeClientApp.start({ casUrl: env.casUrl, caFile: env.caFile, protocol: 3 });
    await env.addService('node-cas2', cas2.base, '/', ['--single-log-out']);
    await env.addService('node-cas3', cas3.base, '/', ['--single-log-out']);
  });

  afterAll(async () => {
    await cas2?.stop();
    await cas3?.stop();
    await env?.stop();
  });

  const sides = () => ({ 'CAS 2.0 app': cas2, 'CAS 3.0 app': cas3, 'CAS server': env.cas });

  it('CAS 2.0 (/serviceValidate): logs in', async () => {
    const visit = await new Visitor(env.ca.certPem).open(cas2.url('/reports?year=2026'), ALICE);
    const answer = appAnswer<NodeClientAnswer>(visit, sides());
    expect(visit.askedForPassword).toBe(true);
    // Back where the user was going, query string included, ticket gone.
    expect(visit.url).toBe(cas2.url('/reports?year=2026'));
    expect(answer.principal.user).toBe('alice');
    expect(env.cas.logs()).toContain(
      `/serviceValidate: ticket for alice validated by ${cas2.url('/reports?year=2026')}`,
    );
  });

  it('CAS 3.0 (/p3/serviceValidate): logs in with every attribute, multi-valued and escaped ones intact', async () => {
    const visit = await new Visitor(env.ca.certPem).open(cas3.url('/'), ALICE);
    const answer = appAnswer<NodeClientAnswer>(visit, sides());
    expect(answer.principal.user).toBe('alice');
    expect(answer.principal.attributes).toMatchObject(ALICE_ATTRIBUTES);
    expect(env.cas.logs()).toContain(`/p3/serviceValidate: ticket for alice validated by ${cas3.url('/')}`);
  });

  it('Single Logout: the server’s logoutRequest ends the client’s session', async () => {
    const visitor = new Visitor(env.ca.certPem);
    appAnswer<NodeClientAnswer>(await visitor.open(cas3.url('/'), ALICE), sides());
    const again = await visitor.open(cas3.url('/'));
    expect(appAnswer<NodeClientAnswer>(again, sides()).principal.user).toBe('alice');
    expect(again.hops).toHaveLength(1); // its own session cookie, no trip to the server

    expect((await visitor.open(env.cas.url('/logout'))).status).toBe(200);

    await eventually(
      async () => (await visitor.open(cas3.url('/'))).askedForPassword,
      'the CAS 3.0 app logged out',
      sides(),
    );
  });
});
