/**
 * Fuzzing: at least 10 000 generated malformed requests across the protocol endpoints, the
 * admin API (with and without a token) and static files, plus raw broken HTTP. Not one may
 * get a 5xx, and the server must still log people in afterwards. The requests come from a
 * seeded PRNG: CAS_FUZZ_SEED=<n> replays a failing run, CAS_FUZZ_REQUESTS=<n> changes the size.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { Browser, login, ticketFrom } from '../support/browser';
import { CasServer } from '../support/cas-server';
import { q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';
import { FuzzGenerator, RAW_REQUESTS, type FuzzRequest } from './fuzz-requests';

const SEED = Number(process.env.CAS_FUZZ_SEED ?? 20251127);
const COUNT = Number(process.env.CAS_FUZZ_REQUESTS ?? 10_000);
/** The run stops here even if COUNT is not reached (and then fails: the machine was too slow). */
const TIME_BUDGET_MS = 110_000;
const PARALLEL = 12;

type Result = { status: number } | { error: string } | { unsendable: true };

/**
 * One request on its own connection: a request whose body the server refuses unread leaves
 * the rest of that body on the connection, which would then spoil the next request's answer.
 */
function send(port: number, r: FuzzRequest): Promise<Result> {
  return new Promise((resolve) => {
    let req;
    // Node frames no body of a DELETE or OPTIONS by itself: without a length, the body would
    // reach the server as a second, broken request.
    const headers = r.body ? { ...r.headers, 'content-length': String(r.body.length) } : r.headers;
    try {
      req = request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (err) => resolve({ error: err.message }));
      });
    } catch {
      resolve({ unsendable: true }); // Node's client refuses it (e.g. a control character in a header)
      return;
    }
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end(r.body);
  });
}

/** A raw request on its own connection: the first status line of the answer, if any. */
function sendRaw(port: number, text: string): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      resolve(m ? Number(m[1]) : null);
    });
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

describe.each(DATABASES)('fuzzing on %s', (db) => {
  let server: CasServer;
  let token: string;

  beforeAll(async () => {
    server = await CasServer.start({ db, env: { CAS_AUTH_SHARED_SECRET: 'a shared secret for fuzzing' } });
    await seedUsersAndServices(server);
    token = (await server.cli(['tokens:create', 'fuzz'])).stdout.trim().split('\n')[0];
  });

  afterAll(async () => {
    await server?.stop();
  });

  it(`answers ${COUNT} generated malformed requests (seed ${SEED}) without a single 5xx, then still works`, async () => {
    const generator = new FuzzGenerator(SEED, server.prefix, token);
    const requests = Array.from({ length: COUNT }, () => generator.next());
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < requests.length && Date.now() - started < TIME_BUDGET_MS) {
        const index = next++;
        const r = requests[index];
        const result = await send(server.port, r);
        if ('unsendable' in result) continue;
        sent++;
        if ('error' in result) failures.push(`#${index} ${r.method} ${r.path.slice(0, 120)}: ${result.error}`);
        else {
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          if (result.status >= 500) failures.push(`#${index} ${r.method} ${r.path.slice(0, 120)}: ${result.status}`);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    for (const raw of RAW_REQUESTS) {
      const status = await sendRaw(server.port, raw);
      if (status !== null && status >= 500) failures.push(`raw ${JSON.stringify(raw.slice(0, 60))}: ${status}`);
    }

    expect(failures.slice(0, 20)).toEqual([]);
    // Nearly every generated request can be sent; those Node's own client refuses are few.
    expect(sent).toBeGreaterThanOrEqual(Math.min(COUNT, 10_000) * 0.97);
    // The mix reached the endpoints' own answers, not only the parser's refusals.
    for (const status of [200, 302, 400, 401, 404]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);

    // Still healthy: a login, a ticket, a validation. (The fuzzer holds an admin token and may
    // have changed the seeded services, so the check brings its own.)
    expect((await server.cli(['users:create', 'after-fuzz'], 'still works\n')).code).toBe(0);
    const pattern = 'https://after-fuzz\\.example\\.org/.*';
    expect(
      (await server.cli(['services:add', '--name', 'after-fuzz', '--pattern', pattern, '--position', '0'])).code,
    ).toBe(0);
    const service = 'https://after-fuzz.example.org/';
    const browser = new Browser();
    expect((await login(browser, server.url('/login'), 'after-fuzz', 'still works')).status).toBe(200);
    const ticket = ticketFrom((await browser.get(server.url(`/login?${q({ service })}`))).location);
    const xml = await (await fetch(server.url(`/p3/serviceValidate?${q({ service, ticket })}`))).text();
    expect(xml).toContain('<cas:user>after-fuzz</cas:user>');
    expect(server.logs()).not.toMatch(/ERROR/);
  }, 180_000);
});
