/**
 * A ticket validates once, also when many validations of it race: 50 rounds of 20 concurrent
 * validations of one ticket must give exactly 50 successes. On SQLite with one process; on
 * MariaDB with two processes sharing the database, the validations split between them.
 */
import { Browser, login, ticketFrom } from '../support/browser';
import { CasServer } from '../support/cas-server';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';

const ROUNDS = 50;
const CONCURRENT = 20;

describe.each(DATABASES)('racing validations on %s', (db) => {
  const servers: CasServer[] = [];

  beforeAll(async () => {
    const first = await CasServer.start({ db });
    servers.push(first);
    await seedUsersAndServices(first);
    if (db === 'mysql') servers.push(await CasServer.start({ db: first.db }));
  });

  afterAll(async () => {
    for (const server of servers.slice(1).reverse()) await server.stop({ keepDb: true });
    await servers[0]?.stop();
  });

  it(`${ROUNDS} rounds of ${CONCURRENT} concurrent validations of one ticket: exactly ${ROUNDS} successes`, async () => {
    const browser = new Browser();
    expect((await login(browser, servers[0].url('/login'), 'alice', 'wonderland')).status).toBe(200);
    let successes = 0;
    let failures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const ticket = ticketFrom((await browser.get(servers[0].url(`/login?${q({ service: APP })}`))).location);
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT }, async (_, i) => {
          const server = servers[i % servers.length];
          const res = await fetch(server.url(`/p3/serviceValidate?${q({ service: APP, ticket })}`));
          expect(res.status).toBe(200);
          return res.text();
        }),
      );
      const won = answers.filter((a) => a.includes('<cas:user>alice</cas:user>')).length;
      const lost = answers.filter((a) => a.includes('code="INVALID_TICKET"')).length;
      expect([won, lost]).toEqual([1, CONCURRENT - 1]);
      successes += won;
      failures += lost;
    }
    expect(successes).toBe(ROUNDS);
    expect(failures).toBe(ROUNDS * (CONCURRENT - 1));
  });
});
