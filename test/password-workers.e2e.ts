import { Browser, login, ticketFrom } from './support/browser';
import { CasServer } from './support/cas-server';
import { APP, q, seedUsersAndServices } from './support/fixtures';
import { DATABASES } from './support/test-db';

/**
 * Passwords are checked on a pool of worker threads (CAS_PASSWORD_WORKERS), or on the main
 * thread with 0. Either way the hashes are bcryptjs's and logins behave the same.
 */
describe.each(DATABASES)('password hashing workers on %s', (db) => {
  describe.each(['1', '0'])('CAS_PASSWORD_WORKERS=%s', (workers) => {
    let server: CasServer;

    beforeAll(async () => {
      // Brute-force protection would (rightly) block some of the concurrent wrong passwords
      // from one address; this suite is about the hashing pool, so it is off here.
      server = await CasServer.start({ db, env: { CAS_PASSWORD_WORKERS: workers, CAS_THROTTLE_ENABLED: 'false' } });
      await seedUsersAndServices(server);
    });

    afterAll(async () => {
      await server?.stop();
    });

    const loginUrl = () => server.url(`/login?${q({ service: APP })}`);

    it('accepts the right password and refuses a wrong one or an unknown user', async () => {
      const ok = await login(new Browser(), loginUrl(), 'alice', 'wonderland');
      expect(ok.status).toBe(302);
      expect(ticketFrom(ok.location)).toMatch(/^ST-/);
      expect((await login(new Browser(), loginUrl(), 'alice', 'not her password')).status).toBe(401);
      expect((await login(new Browser(), loginUrl(), 'nobody', 'wonderland')).status).toBe(401);
    });

    it('answers concurrent logins, more than there are workers, each with its own outcome', async () => {
      const attempts = Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0 ? (['alice', 'wonderland'] as const) : (['bob', 'wrong'] as const),
      );
      const pages = await Promise.all(attempts.map(([u, p]) => login(new Browser(), loginUrl(), u, p)));
      expect(pages.map((p) => p.status)).toEqual([302, 401, 302, 401, 302, 401]);
    });

    it('checks passwords set by the command-line tool with the same hashing', async () => {
      const created = await server.cli(['users:create', `carol${workers}`], 'through the looking glass\n');
      expect(created.code).toBe(0);
      const page = await login(new Browser(), loginUrl(), `carol${workers}`, 'through the looking glass');
      expect(page.status).toBe(302);
    });
  });
});
