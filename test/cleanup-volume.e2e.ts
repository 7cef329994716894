import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { Browser, login, ticketFrom } from './support/browser';
import { CasServer } from './support/cas-server';
import { APP, q, seedUsersAndServices } from './support/fixtures';
import { DATABASES } from './support/test-db';

const ROWS = 200_000;

const COLUMNS =
  'id, type, session_id, username, login_name, service, service_pattern_id, attributes, from_new_login, ' +
  'authenticated_at, created_at, expires_at, validated_at, single_log_out, proxies, pgt_url';

/** Writes ROWS expired, never-validated service tickets straight into the database. */
async function fillExpiredTickets(url: string): Promise<void> {
  const old = Date.now() - 3600_000;
  const values = `'ST', 's', 'u', 'u', 'https://app.example.org/', NULL, '{}', 0, ${old}, ${old}, ${old + 60_000}, NULL, 0, '[]', NULL`;
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('busy_timeout = 10000');
    db.exec(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS}) ` +
        `INSERT INTO tickets (${COLUMNS}) SELECT 'ST-expired-' || i, ${values} FROM n`,
    );
    db.close();
    return;
  }
  const conn = await createConnection({ uri: url });
  await conn.query(
    `INSERT INTO tickets (${COLUMNS}) SELECT CONCAT('ST-expired-', seq), ${values} FROM seq_1_to_${ROWS}`,
  );
  await conn.end();
}

async function countTickets(url: string): Promise<number> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    const row = db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE id LIKE 'ST-expired-%'").get() as { n: number };
    db.close();
    return row.n;
  }
  const conn = await createConnection({ uri: url });
  const [rows] = await conn.query("SELECT COUNT(*) AS n FROM tickets WHERE id LIKE 'ST-expired-%'");
  await conn.end();
  return Number((rows as Array<{ n: number }>)[0].n);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

describe.each(DATABASES)('cleanup of a large backlog on %s', (db) => {
  it(`deletes ${ROWS} expired tickets in batches while validations keep answering`, async () => {
    const server = await CasServer.start({ db, env: { CAS_SCHEDULER: 'false', CAS_LOG_LEVEL: 'warn' } });
    try {
      await seedUsersAndServices(server);
      await fillExpiredTickets(server.db.url);
      expect(await countTickets(server.db.url)).toBe(ROWS);

      const browser = new Browser();
      await login(browser, server.url('/login'), 'alice', 'wonderland');
      let cleaning = true;
      const latencies: number[] = [];
      let failures = 0;
      const validator = (async () => {
        while (cleaning) {
          const page = await browser.get(server.url(`/login?${q({ service: APP })}`));
          const ticket = ticketFrom(page.location);
          const started = performance.now();
          const xml = await (await fetch(server.url(`/p3/serviceValidate?${q({ service: APP, ticket })}`))).text();
          latencies.push(performance.now() - started);
          if (!xml.includes('authenticationSuccess')) failures++;
        }
      })();

      const started = performance.now();
      const result = await server.cli(['clean-tickets']);
      const seconds = (performance.now() - started) / 1000;
      cleaning = false;
      await validator;

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`deleted (${ROWS}|${ROWS + 1}|\\d{6}) tickets`));
      expect(await countTickets(server.db.url)).toBe(0);
      expect(failures).toBe(0);
      expect(latencies.length).toBeGreaterThan(0);
      const sorted = [...latencies].sort((a, b) => a - b);
      // Figures for the record (no timing assertion: shared machines are noisy).
      process.stdout.write(
        `[cleanup-volume ${db}] ${ROWS} rows cleaned in ${seconds.toFixed(1)} s (CLI process included); ` +
          `${latencies.length} validations meanwhile, p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms\n`,
      );
    } finally {
      await server.stop();
    }
  });
});
