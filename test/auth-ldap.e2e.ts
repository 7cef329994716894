import { Browser, login, ticketFrom } from './support/browser';
import { CasServer } from './support/cas-server';
import { Slapd } from './support/slapd';
import { DATABASES, type DbKind } from './support/test-db';

const SERVICE = 'https://app.example.org/home';
const PASSWORD = 'pässwörd';
const SUFFIX = 'dc=example,dc=org';
const CAS_DN = `cn=cas,${SUFFIX}`;
const CAS_SECRET = 'cas-service-secret';

// userPassword values for PASSWORD made by OpenLDAP's slappasswd: slapd checks them on a bind,
// the server itself with CAS_LDAP_PASSWORD_CHECK=ldap.
const HASHES: Record<string, string> = {
  alice: '{SSHA}IGzQ6qbTkp4AkA2BL4YS8eVpXKupTR2V',
  bob: '{CRYPT}$6$I.bLlWvfAVhHCXR9$/l5lgstIU7OgM7.6GFY1cO.qwxaxH.kD5WD4b2H7nf1FvMtwFQHyuTVDbWiWiCsvfDcCQZ1yEWx00zGFlJg27.',
  carol: '{SMD5}mJF8TKe4FJAb91X57Orfl68pA4A=',
  // Clear text: a bind accepts it, the `ldap` check refuses it as not a hash.
  dave: PASSWORD,
};

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const LDIF = [
  `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example`,
  `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people`,
  `dn: ${CAS_DN}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: cas\nuserPassword: ${CAS_SECRET}`,
  ...Object.entries(HASHES).map(([uid, hash]) =>
    [
      `dn: uid=${uid},ou=people,${SUFFIX}`,
      'objectClass: inetOrgPerson',
      `uid: ${uid}`,
      `cn: ${uid}`,
      `sn: ${uid}`,
      `displayName:: ${b64(`${uid} Lïddell`)}`,
      `mail: ${uid}@example.org`,
      'departmentNumber: staff',
      'departmentNumber: admins',
      `mobile: +33 6 00 00 00 0${uid.length}`,
      `userPassword:: ${b64(hash)}`,
    ].join('\n'),
  ),
].join('\n\n');

const ACCESS = [
  // The service account may read password hashes (for CAS_LDAP_PASSWORD_CHECK=ldap); nobody else.
  `access to attrs=userPassword by dn.exact="${CAS_DN}" read by self read by anonymous auth by * none`,
  // Only the user sees its own phone number: the point of CAS_LDAP_ATTRS_VIEW=1.
  'access to attrs=mobile by self read by * none',
];

const BASE_ENV = {
  CAS_AUTH_CLASS: 'ldap',
  CAS_LDAP_BASE_DN: `ou=people,${SUFFIX}`,
  CAS_LDAP_USER_QUERY: '(&(objectClass=inetOrgPerson)(uid=%(username)s))',
};

let slapd: Slapd;

beforeAll(async () => {
  slapd = await Slapd.start({
    suffix: SUFFIX,
    rootDn: `cn=admin,${SUFFIX}`,
    rootPassword: 'admin',
    access: ACCESS,
    ldif: LDIF,
    tls: true,
  });
});

afterAll(async () => {
  await slapd?.stop();
});

async function startServer(db: DbKind, env: Record<string, string>): Promise<CasServer> {
  const server = await CasServer.start({ db, env: { ...BASE_ENV, CAS_LDAP_SERVER: slapd.url, ...env } });
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
  return server;
}

/** Logs in through the form and validates the ticket on /p3/serviceValidate; the XML answer. */
async function loginAndValidate(server: CasServer, username: string, password: string): Promise<string> {
  const page = await login(
    new Browser(),
    server.url(`/login?service=${encodeURIComponent(SERVICE)}`),
    username,
    password,
  );
  expect(page.status).toBe(302);
  const query = new URLSearchParams({ service: SERVICE, ticket: ticketFrom(page.location) });
  return (await fetch(server.url(`/p3/serviceValidate?${query.toString()}`))).text();
}

function tryLogin(server: CasServer, username: string, password: string) {
  return login(new Browser(), server.url(`/login?service=${encodeURIComponent(SERVICE)}`), username, password);
}

describe.each(DATABASES)('LDAP user source (CAS database on %s)', (db) => {
  describe('CAS_LDAP_PASSWORD_CHECK=bind with a service account', () => {
    let server: CasServer;
    beforeAll(async () => {
      server = await startServer(db, {
        CAS_LDAP_PASSWORD_CHECK: 'bind',
        CAS_LDAP_USER: CAS_DN,
        CAS_LDAP_PASSWORD: CAS_SECRET,
      });
    });
    afterAll(() => server?.stop());

    it.each(Object.keys(HASHES))('logs %s in by binding as the user', async (uid) => {
      const xml = await loginAndValidate(server, uid, PASSWORD);
      expect(xml).toContain(`<cas:user>${uid}</cas:user>`);
      expect(xml).toContain(`<cas:mail>${uid}@example.org</cas:mail>`);
      expect(xml).toContain(`<cas:displayName>${uid} Lïddell</cas:displayName>`);
      expect(xml).toContain('<cas:departmentNumber>staff</cas:departmentNumber>');
      expect(xml).toContain('<cas:departmentNumber>admins</cas:departmentNumber>');
      expect(xml).toContain(`<cas:dn>uid=${uid},ou=people,${SUFFIX}</cas:dn>`);
      // The service account sees the hash, but it is never released; the phone is the user's own.
      expect(xml).not.toContain('userPassword');
      expect(xml).not.toContain('<cas:mobile>');
    });

    it('refuses a wrong password, an empty one and an unknown user', async () => {
      for (const [user, password] of [
        ['alice', 'passwörd'],
        ['alice', ''],
        ['nobody', PASSWORD],
      ]) {
        const page = await tryLogin(server, user, password);
        expect([400, 401]).toContain(page.status);
      }
      expect((await tryLogin(server, 'alice', 'wrong')).body).toContain('Wrong username or password.');
    });

    it.each(['*', 'al*', 'alice)(uid=*', 'alice)(|(uid=*', '\0', 'alice\0', '*)(objectClass=*'])(
      'treats the username %j as a literal value, not filter syntax',
      async (username) => {
        // Unescaped, `al*` would find alice and log in as her with her own password.
        const page = await tryLogin(server, username, PASSWORD);
        expect(page.status).toBe(401);
        expect(page.body).toContain('Wrong username or password.');
      },
    );

    it('says the service is unavailable while the directory is down, and recovers when it is back', async () => {
      await loginAndValidate(server, 'alice', PASSWORD); // the kept connections are open
      await slapd.pause();
      try {
        const down = await tryLogin(server, 'alice', PASSWORD);
        expect(down.status).toBe(503);
        expect(down.body).toContain('The authentication service is unavailable');
        expect(server.logs()).toContain(`authentication source ldap failed: LDAP directory ${slapd.url}`);
      } finally {
        await slapd.resume();
      }
      expect(await loginAndValidate(server, 'alice', PASSWORD)).toContain('<cas:user>alice</cas:user>');
    });
  });

  describe('CAS_LDAP_PASSWORD_CHECK=ldap: the server checks the stored hash', () => {
    let server: CasServer;
    beforeAll(async () => {
      server = await startServer(db, {
        CAS_LDAP_PASSWORD_CHECK: 'ldap',
        CAS_LDAP_USER: CAS_DN,
        CAS_LDAP_PASSWORD: CAS_SECRET,
      });
    });
    afterAll(() => server?.stop());

    it.each(['alice', 'bob', 'carol'])('logs %s in against its userPassword hash', async (uid) => {
      const xml = await loginAndValidate(server, uid, PASSWORD);
      expect(xml).toContain(`<cas:user>${uid}</cas:user>`);
      expect(xml).not.toContain('userPassword');
      expect(xml).not.toContain('{S');
    });

    it('refuses a wrong password', async () => {
      expect((await tryLogin(server, 'bob', 'passwörd')).status).toBe(401);
    });

    it('fails a clear-text userPassword as a wrong password and logs why', async () => {
      expect((await tryLogin(server, 'dave', PASSWORD)).status).toBe(401);
      expect(server.logs()).toMatch(/cannot check the password of "dave": stored value has no \{SCHEME\} prefix/);
    });
  });

  describe('CAS_LDAP_ATTRS_VIEW=1: attributes read with the user’s own bind', () => {
    let server: CasServer;
    beforeAll(async () => {
      // No CAS_LDAP_USER: the search is anonymous.
      server = await startServer(db, { CAS_LDAP_PASSWORD_CHECK: 'bind', CAS_LDAP_ATTRS_VIEW: '1' });
    });
    afterAll(() => server?.stop());

    it('releases what only the user may read, and still never the password', async () => {
      const xml = await loginAndValidate(server, 'carol', PASSWORD);
      expect(xml).toContain('<cas:user>carol</cas:user>');
      expect(xml).toContain('<cas:mobile>+33 6 00 00 00 05</cas:mobile>');
      expect(xml).not.toContain('userPassword');
    });
  });

  describe.each([
    ['StartTLS', () => ({ CAS_LDAP_SERVER: slapd.url, CAS_LDAP_START_TLS: 'true' })],
    ['ldaps://', () => ({ CAS_LDAP_SERVER: slapd.ldapsUrl })],
  ])('%s', (_, tlsEnv) => {
    it('logs in when the directory certificate is trusted (CAS_LDAP_CA_FILE)', async () => {
      const server = await startServer(db, {
        ...tlsEnv(),
        CAS_LDAP_CA_FILE: slapd.certificate,
        CAS_LDAP_PASSWORD_CHECK: 'bind',
      });
      try {
        expect(await loginAndValidate(server, 'alice', PASSWORD)).toContain('<cas:user>alice</cas:user>');
      } finally {
        await server.stop();
      }
    });

    it('sends no password to a directory whose certificate is not trusted', async () => {
      const server = await startServer(db, { ...tlsEnv(), CAS_LDAP_PASSWORD_CHECK: 'bind' });
      try {
        const page = await tryLogin(server, 'alice', PASSWORD);
        expect(page.status).toBe(503);
        expect(server.logs()).toMatch(/authentication source ldap failed: LDAP directory .*certificate/i);
      } finally {
        await server.stop();
      }
    });
  });
});
