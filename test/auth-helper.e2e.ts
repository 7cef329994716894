import { CasServer } from './support/cas-server';
import { DATABASES } from './support/test-db';

const SECRET = 'a shared secret';
const APP = 'https://app.example.org/';

async function addServices(cas: CasServer): Promise<void> {
  for (const args of [
    ['--name', 'app', '--pattern', 'https://app\\.example\\.org/.*'],
    ['--name', 'restricted', '--pattern', 'https://restricted\\.example\\.org/.*', '--allow-user', 'bob'],
    ['--name', 'staff', '--pattern', 'https://staff\\.example\\.org/.*', '--require', 'alias=^staff$'],
  ]) {
    const result = await cas.cli(['services:add', ...args]);
    if (result.code !== 0) throw new Error(result.stderr);
  }
}

async function auth(
  cas: CasServer,
  form: Record<string, string>,
): Promise<{ status: number; body: string; cookie: string | null }> {
  const res = await fetch(cas.url('/auth'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: await res.text(), cookie: res.headers.get('set-cookie') };
}

const GOOD = { username: 'test', password: 'test', service: APP, secret: SECRET };

describe.each(DATABASES)('/auth helper on %s', (db) => {
  let cas: CasServer;

  beforeAll(async () => {
    cas = await CasServer.start({ db, env: { CAS_AUTH_CLASS: 'test', CAS_AUTH_SHARED_SECRET: SECRET } });
    await addServices(cas);
  });

  afterAll(async () => {
    await cas?.stop();
  });

  it('answers yes for good credentials, the right secret and an allowed service, and opens no session', async () => {
    const answer = await auth(cas, GOOD);
    expect(answer).toEqual({ status: 200, body: 'yes\n', cookie: null });
  });

  it.each([
    ['a wrong password', { password: 'nope' }],
    ['an unknown user', { username: 'nobody' }],
    ['a wrong secret', { secret: 'a shared secreT' }],
    ['an empty secret', { secret: '' }],
    ['a service no pattern allows', { service: 'https://unknown.example.org/' }],
    ['a service restricted to other users', { service: 'https://restricted.example.org/' }],
    ['a service requiring attribute values the user lacks', { service: 'https://staff.example.org/' }],
  ])('answers no for %s', async (_name, change) => {
    const answer = await auth(cas, { ...GOOD, ...change });
    expect(answer).toEqual({ status: 200, body: 'no\n', cookie: null });
  });

  it.each(['username', 'password', 'service', 'secret'])('answers no when %s is missing', async (field) => {
    const form: Record<string, string> = { ...GOOD };
    delete form[field];
    expect((await auth(cas, form)).body).toBe('no\n');
  });

  it('answers no, not an error, to an unreadable body', async () => {
    const res = await fetch(cas.url('/auth'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(await res.text()).toBe('no\n');
  });
});

describe.each(DATABASES)('/auth helper without CAS_AUTH_SHARED_SECRET on %s', (db) => {
  let cas: CasServer;

  beforeAll(async () => {
    cas = await CasServer.start({ db, env: { CAS_AUTH_CLASS: 'test' } });
    await addServices(cas);
  });

  afterAll(async () => {
    await cas?.stop();
  });

  it('is off: 404 and no, even for good credentials and an empty secret', async () => {
    expect(await auth(cas, { ...GOOD, secret: '' })).toEqual({ status: 404, body: 'no\n', cookie: null });
    expect(await auth(cas, GOOD)).toEqual({ status: 404, body: 'no\n', cookie: null });
  });
});
