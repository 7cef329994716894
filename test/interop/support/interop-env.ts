/**
 * Our CAS server as the clients meet it in production: over https with a certificate from a
 * CA that exists only for this run, trusting that CA (and nothing looser) for the proxy
 * callbacks and Single Logout requests it sends back to the applications.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CasServer } from '../../support/cas-server';
import type { DbKind } from '../../support/test-db';
import { ThrowawayCa, type KeyAndCert } from '../../support/tls';

/** The user every client logs in as, with attributes that test each client's parsing. */
export const ALICE = { username: 'alice', password: 'wonderland' };
export const ALICE_ATTRIBUTES = {
  email: 'alice@example.org',
  groups: ['staff', 'admins'],
  displayName: 'Alice <Liddell> & "Co"',
  city: 'Zürich',
};

export class InteropEnv {
  private constructor(
    readonly ca: ThrowawayCa,
    readonly caFile: string,
    /** A CA that signed nothing here: a client trusting only it must refuse the server. */
    readonly otherCaFile: string,
    readonly cas: CasServer,
    private readonly dir: string,
  ) {}

  static async start(db: DbKind): Promise<InteropEnv> {
    const ca = new ThrowawayCa('CAS interop test CA');
    const dir = mkdtempSync(join(tmpdir(), 'cas-interop-'));
    const caFile = join(dir, 'ca.pem');
    const pair = ca.issueServerCertificate();
    writeFileSync(caFile, ca.certPem);
    const otherCaFile = join(dir, 'other-ca.pem');
    writeFileSync(otherCaFile, new ThrowawayCa('Some other CA').certPem);
    writeFileSync(join(dir, 'cert.pem'), pair.cert);
    writeFileSync(join(dir, 'key.pem'), pair.key);
    const cas = await CasServer.start({
      db,
      env: {
        TLS_CERT_FILE: join(dir, 'cert.pem'),
        TLS_KEY_FILE: join(dir, 'key.pem'),
        CAS_PROXY_CA_CERTIFICATE_PATH: caFile,
        CAS_PROXY_ALLOW_HTTP_LOOPBACK: 'false',
        CAS_SCHEDULER: 'false',
      },
    });
    const env = new InteropEnv(ca, caFile, otherCaFile, cas, dir);
    const attrs = Object.entries(ALICE_ATTRIBUTES).flatMap(([name, value]) =>
      ([] as string[]).concat(value).flatMap((v) => ['--attr', `${name}=${v}`]),
    );
    await env.run(['users:create', ALICE.username, ...attrs], `${ALICE.password}\n`);
    return env;
  }

  /** The CAS server's prefix as the clients are configured with it. */
  get casUrl(): string {
    return this.cas.url('');
  }

  /** What an application needs to reach the server: its URL and the CA files. */
  clientSettings(): { casUrl: string; caFile: string; otherCaFile: string } {
    return { casUrl: this.casUrl, caFile: this.caFile, otherCaFile: this.otherCaFile };
  }

  /** A certificate for an application's own https front, from the same CA. */
  appCertificate(): KeyAndCert {
    return this.ca.issueServerCertificate();
  }

  /**
   * Registers a service for the URLs under an application's base whose path matches `pathRegex`
   * (a regular expression), with all attributes released.
   */
  async addService(name: string, base: string, pathRegex: string, flags: string[] = []): Promise<void> {
    const pattern = `${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${pathRegex}.*`;
    await this.run(['services:add', '--name', name, '--pattern', pattern, '--release', '*', ...flags]);
  }

  async run(args: string[], stdin = ''): Promise<void> {
    const r = await this.cas.cli(args, stdin);
    if (r.code !== 0) throw new Error(`cas ${args.join(' ')} failed:\n${r.stderr}`);
  }

  async stop(): Promise<void> {
    await this.cas.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
