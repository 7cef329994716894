import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const SCHEMAS = ['core', 'cosine', 'inetorgperson', 'nis'];

export interface SlapdOptions {
  suffix: string;
  rootDn: string;
  rootPassword: string;
  /** slapd.conf `access` lines, evaluated before a final `access to * by * read`. */
  access: string[];
  /** Entries loaded before the server starts, LDIF. */
  ldif: string;
  /** Also serve TLS (StartTLS and ldaps://) with a self-signed certificate for 127.0.0.1. */
  tls?: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, (err, stdout, stderr) =>
      err ? reject(new Error(`${file} ${args.join(' ')} failed: ${stderr || err.message}`)) : resolve(),
    );
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * A throwaway OpenLDAP server (Debian's slapd) on 127.0.0.1 and a free port, with a temporary
 * slapd.conf and database that the test writes. Missing slapd is an error, never a skip.
 */
export class Slapd {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    private readonly dir: string,
    private readonly conf: string,
    readonly port: number,
    /** The ldaps:// port when started with TLS, else 0. */
    readonly tlsPort: number,
  ) {}

  get url(): string {
    return `ldap://127.0.0.1:${this.port}`;
  }

  get ldapsUrl(): string {
    return `ldaps://127.0.0.1:${this.tlsPort}`;
  }

  /** The self-signed certificate, to be trusted as a CA bundle. */
  get certificate(): string {
    return join(this.dir, 'cert.pem');
  }

  static async start(options: SlapdOptions): Promise<Slapd> {
    if (!existsSync(SLAPD)) {
      throw new Error(`${SLAPD} is missing: apt-get install slapd ldap-utils (listed in .ci/apt-packages)`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'cas-slapd-'));
    mkdirSync(join(dir, 'data'));
    const conf = join(dir, 'slapd.conf');
    const tls: string[] = [];
    if (options.tls) {
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]);
      tls.push(`TLSCertificateFile ${join(dir, 'cert.pem')}`, `TLSCertificateKeyFile ${join(dir, 'key.pem')}`);
    }
    writeFileSync(
      conf,
      [
        ...SCHEMAS.map((s) => `include /etc/ldap/schema/${s}.schema`),
        `pidfile ${join(dir, 'slapd.pid')}`,
        ...tls,
        'modulepath /usr/lib/ldap',
        'moduleload back_mdb',
        'database mdb',
        'maxsize 16777216',
        `suffix "${options.suffix}"`,
        `rootdn "${options.rootDn}"`,
        `rootpw ${options.rootPassword}`,
        `directory ${join(dir, 'data')}`,
        ...options.access,
        'access to * by * read',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'data.ldif'), options.ldif);
    await run(SLAPADD, ['-q', '-f', conf, '-l', join(dir, 'data.ldif')]);
    const slapd = new Slapd(dir, conf, await freePort(), options.tls ? await freePort() : 0);
    await slapd.resume();
    return slapd;
  }

  /** Starts slapd (again) on the same port and data. */
  async resume(): Promise<void> {
    // -d keeps slapd in the foreground, tied to this process; level 0 logs nothing but errors.
    const urls = this.tlsPort ? `${this.url}/ ${this.ldapsUrl}/` : `${this.url}/`;
    const child = spawn(SLAPD, ['-d', '0', '-f', this.conf, '-h', urls], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}:\n${this.output}`);
      if ((await accepts(this.port)) && (!this.tlsPort || (await accepts(this.tlsPort)))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`slapd did not listen on ${this.url}:\n${this.output}`);
  }

  /** Stops slapd, keeping its data for resume(). */
  async pause(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
