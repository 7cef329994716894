/**
 * Crash safety: the server is killed with SIGKILL in the middle of logins and ticket issuance,
 * then started again on the same database. Every SSO session and every unexpired ticket whose
 * answer reached the browser before the crash must still work, exactly as before.
 */
import { Browser, login, ticketFrom } from '../support/browser';
import { CasServer } from '../support/cas-server';
import { queryDb } from '../support/db-query';
import { APP, q, seedUsersAndServices } from '../support/fixtures';
import { DATABASES } from '../support/test-db';

const WORKERS = 8;
const LOAD_MS = 2500;

describe.each(DATABASES)('SIGKILL under load on %s', (db) => {
  let server: CasServer;

  afterAll(async () => {
    await server?.stop();
  });

  it('loses no SSO session and no unexpired ticket, and the database stays sound', async () => {
    const env = { CAS_TICKET_VALIDITY: '600' };
    const first = await CasServer.start({ db, env });
    server = first;
    await seedUsersAndServices(first);

    const sessions: Browser[] = [];
    const tickets: string[] = [];
    let killed = false;
    const worker = async () => {
      while (!killed) {
        try {
          const browser = new Browser();
          const page = await login(browser, first.url('/login'), 'alice', 'wonderland');
          if (page.status !== 200 || !browser.cookies.has('TGC')) continue;
          sessions.push(browser);
          for (let i = 0; i < 3 && !killed; i++) {
            const answer = await browser.get(first.url(`/login?${q({ service: APP })}`));
            tickets.push(ticketFrom(answer.location));
          }
        } catch {
          // The server died under this request: whatever it was, no answer reached the browser.
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    await first.kill();
    killed = true;
    await load;
    expect(sessions.length).toBeGreaterThan(5);
    expect(tickets.length).toBeGreaterThan(10);

    server = await CasServer.start({ db: first.db, env });
    if (db === 'sqlite') {
      expect(await queryDb(server.db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    }
    for (const ticket of tickets) {
      const xml = await (await fetch(server.url(`/p3/serviceValidate?${q({ service: APP, ticket })}`))).text();
      expect(xml).toContain('<cas:user>alice</cas:user>');
    }
    for (const browser of sessions) {
      const page = await browser.get(server.url(`/login?${q({ service: APP })}`));
      expect(page.location).toMatch(/ticket=ST-/);
    }
  });
});
