import { randomBytes } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { Browser, login, ticketFrom } from './support/browser';
import { CasServer } from './support/cas-server';
import { TcpProxy } from './support/tcp-proxy';
import { DATABASES, MYSQL_ADMIN_URL } from './support/test-db';

const SERVICE = 'https://app.example.org/home';
const PASSWORD = 'pässwörd';

// crypt(3) of PASSWORD by glibc/libxcrypt, one user per format.
const USERS: [string, string][] = [
  ['md5user', '$1$saltstri$k6fkWv7SA1Y5Xb2m0E34n/'],
  ['sha256user', '$5$saltstring$bWOoCRTKNT.aiY/gJjvk1HjBYuRpcYQmcc5hqf6H4T4'],
  [
    'sha512user',
    '$6$saltstring$6PSVl254uv0cWCoUS0qzSX5NenRA/YFCwPzGA9ONu.MmmxqXTWHerEzD8WyuBl3ukfIZZU9uxLD6Bn6p7S3rG.',
  ],
  ['bcryptuser', '$2b$04$abcdefghijklmnopqrstuuyx2n0Zzopyr9QuYTMCfOJJOj526QVoC'],
  ['desuser', 'abzp3RXJm5gNA'],
];

/** A users table of an application, in a MariaDB database of its own. */
async function createUserDatabase(): Promise<{ name: string; admin: Connection }> {
  const url = new URL(MYSQL_ADMIN_URL);
  const admin = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
  });
  const name = `cas_users_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.query(
    `CREATE TABLE \`${name}\`.users (user VARCHAR(64) PRIMARY KEY, pass VARCHAR(255), mail VARCHAR(255),
     display_name VARCHAR(255), uid_number INT, nickname VARCHAR(64) NULL)`,
  );
  const rows = [
    ...USERS.map(([user, pass], i) => [user, pass, `${user}@example.org`, `User Nümber ${i}`, 1000 + i, null]),
    ['broken', '$6$saltstring$truncated', 'broken@example.org', 'Broken', 2000, null],
  ];
  await admin.query(`INSERT INTO \`${name}\`.users VALUES ?`, [rows]);
  return { name, admin };
}

function validate(server: CasServer, ticket: string): Promise<Response> {
  const query = new URLSearchParams({ service: SERVICE, ticket });
  return fetch(server.url(`/p3/serviceValidate?${query.toString()}`));
}

describe.each(DATABASES)('SQL user source (CAS database on %s)', (db) => {
  let server: CasServer;
  let proxy: TcpProxy;
  let userDb: { name: string; admin: Connection };
  const loginUrl = () => server.url(`/login?service=${encodeURIComponent(SERVICE)}`);

  beforeAll(async () => {
    userDb = await createUserDatabase();
    const mysql = new URL(MYSQL_ADMIN_URL);
    // The CAS server reaches MariaDB through a relay that the tests can cut.
    proxy = await TcpProxy.start(mysql.hostname, Number(mysql.port || 3306));
    server = await CasServer.start({
      db,
      env: {
        CAS_AUTH_CLASS: 'mysql',
        CAS_SQL_HOST: `127.0.0.1:${proxy.port}`,
        CAS_SQL_USERNAME: decodeURIComponent(mysql.username) || 'root',
        CAS_SQL_PASSWORD: decodeURIComponent(mysql.password),
        CAS_SQL_DBNAME: userDb.name,
        CAS_SQL_DBCHARSET: 'utf8mb4',
        // CAS_SQL_USER_QUERY and CAS_SQL_PASSWORD_CHECK keep their defaults (users.* and crypt).
      },
    });
    const added = await server.cli([
      'services:add',
      '--name',
      'app',
      '--pattern',
      'https://app\\.example\\.org/.*',
      '--release',
      '*',
    ]);
    expect(added.code).toBe(0);
  });

  afterAll(async () => {
    await server?.stop();
    await proxy?.pause();
    await userDb?.admin.query(`DROP DATABASE IF EXISTS \`${userDb.name}\``);
    await userDb?.admin.end();
  });

  it.each(USERS)('logs %s in with its crypt hash and releases the row as attributes', async (user) => {
    const page = await login(new Browser(), loginUrl(), user, PASSWORD);
    expect(page.status).toBe(302);
    const res = await validate(server, ticketFrom(page.location));
    const xml = await res.text();
    expect(xml).toContain(`<cas:user>${user}</cas:user>`);
    expect(xml).toContain(`<cas:mail>${user}@example.org</cas:mail>`);
    expect(xml).toMatch(/<cas:display_name>User Nümber \d<\/cas:display_name>/);
    expect(xml).toMatch(/<cas:uid_number>10\d\d<\/cas:uid_number>/);
    // The hash is never released, neither as `password` nor as the `pass` column of users.*.
    expect(xml).not.toMatch(/<cas:pass(word)?>/);
    expect(xml).not.toContain('<cas:nickname');
  });

  it('refuses a wrong password and an unknown user with the usual message', async () => {
    for (const [user, password] of [
      ['sha512user', 'passwörd'],
      ['nobody', PASSWORD],
    ]) {
      const page = await login(new Browser(), loginUrl(), user, password);
      expect(page.status).toBe(401);
      expect(page.body).toContain('Wrong username or password.');
    }
  });

  it('binds the username as a parameter: SQL in it is only a strange username', async () => {
    for (const user of ["' OR '1'='1", "sha512user' -- ", 'sha512user" OR 1=1 #']) {
      const page = await login(new Browser(), loginUrl(), user, PASSWORD);
      expect(page.status).toBe(401);
    }
    expect(server.logs()).not.toMatch(/SQL database .*syntax/i);
  });

  it('fails a row with a malformed hash as a wrong password and logs why', async () => {
    const page = await login(new Browser(), loginUrl(), 'broken', PASSWORD);
    expect(page.status).toBe(401);
    expect(server.logs()).toMatch(/cannot check the password of "broken": \$6\$ hash has the wrong length/);
  });

  it('says the service is unavailable while the database is down, and recovers when it is back', async () => {
    await proxy.pause();
    const down = await login(new Browser(), loginUrl(), 'sha512user', PASSWORD);
    expect(down.status).toBe(503);
    expect(down.body).toContain('The authentication service is unavailable');
    expect(server.logs()).toMatch(
      new RegExp(`authentication source sql failed: SQL database 127\\.0\\.0\\.1:${proxy.port}`),
    );

    await proxy.resume();
    const back = await login(new Browser(), loginUrl(), 'sha512user', PASSWORD);
    expect(back.status).toBe(302);
    expect(await (await validate(server, ticketFrom(back.location))).text()).toContain(
      '<cas:user>sha512user</cas:user>',
    );
  });
});
