/**
 * The relying applications, each a real third-party CAS client in its own process on 127.0.0.1:
 * phpCAS under PHP's built-in web server (behind a TLS front, since phpCAS insists on https
 * for proxy callbacks), and the npm client http-cas-client under node:http.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyAndCert } from '../../support/tls';

const INTEROP = join(__dirname, '..');

/** A child process whose output is kept for failure messages; stopped with its process group. */
class Child {
  output = '';

  constructor(readonly process: ChildProcess) {
    process.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    process.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  waitFor(pattern: RegExp, what: string): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${this.output}`)), 20_000);
      const check = () => {
        const m = pattern.exec(this.output);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      };
      this.process.stdout?.on('data', check);
      this.process.stderr?.on('data', check);
      this.process.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${what} exited with ${code}:\n${this.output}`));
      });
      check();
    });
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    // The PHP server forks workers: end the whole group this test started, by its id.
    process.kill(-this.process.pid!, 'SIGTERM');
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createTcpServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Fails early, and clearly, on a machine without the Debian packages of .ci/apt-packages. */
export function phpCasVersion(): string {
  try {
    const script = 'error_reporting(E_ALL & ~E_USER_DEPRECATED); require_once "CAS.php"; echo phpCAS::getVersion();';
    return execFileSync('php', ['-r', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (err) {
    throw new Error(
      `phpCAS is not usable (${(err as Error).message.split('\n')[0]}): ` +
        'install the Debian packages php-cli php-cas php-curl php-xml (listed in .ci/apt-packages)',
      { cause: err },
    );
  }
}

export interface PhpAppSettings {
  /** The CAS server: https://host:port/prefix. */
  casUrl: string;
  /** The CA file phpCAS verifies the CAS server (and the proxied back end) with. */
  caFile: string;
  /** The CA file of a CA that did not sign the server's certificate (for /wary/). */
  otherCaFile: string;
  /** The certificate of the app's own https front. */
  tls: KeyAndCert;
}

/**
 * phpCAS's test application (test/interop/php/app.php) under `php -S`, with several workers:
 * while the proxy client waits on /p3/serviceValidate, the CAS server calls its pgtUrl back.
 * An https front on another port forwards to PHP with X-Forwarded-Proto: https, as the
 * TLS-terminating reverse proxy of a production PHP site does; phpCAS reads that header.
 */
export class PhpApp {
  private constructor(
    private readonly child: Child,
    private readonly front: https.Server,
    private readonly dir: string,
    readonly base: string,
  ) {}

  static async start(settings: PhpAppSettings): Promise<PhpApp> {
    const phpPort = await freePort();
    const front = https.createServer({ key: settings.tls.key, cert: settings.tls.cert }, (req, res) =>
      forward(req, res, phpPort),
    );
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const base = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'cas-phpcas-'));
    const cas = new URL(settings.casUrl);
    const process_ = spawn(
      'php',
      [
        // Errors on the page (a failing case shows them), but not Debian's notice that phpCAS
        // should come from composer, which would precede every answer.
        '-d',
        'display_errors=1',
        '-d',
        'error_reporting=E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED',
        '-d',
        `session.save_path=${dir}`,
        '-S',
        `127.0.0.1:${phpPort}`,
        'app.php',
      ],
      {
        cwd: join(INTEROP, 'php'),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          PHP_CLI_SERVER_WORKERS: '4',
          APP_BASE_URL: base,
          CAS_HOST: cas.hostname,
          CAS_PORT: cas.port || '443',
          CAS_URI: cas.pathname,
          CAS_CA_FILE: settings.caFile,
          OTHER_CA_FILE: settings.otherCaFile,
          PGT_DIR: dir,
        },
      },
    );
    const child = new Child(process_);
    const app = new PhpApp(child, front, dir, base);
    await child.waitFor(/Development Server \(http:\/\/127\.0\.0\.1:\d+\) started/, 'php -S');
    return app;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** What PHP printed (one line per request, and errors). */
  logs(): string {
    return this.child.output;
  }

  async stop(): Promise<void> {
    await this.child.stop();
    this.front.closeAllConnections();
    await new Promise<void>((resolve) => this.front.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, port: number): void {
  const headers = { ...req.headers, 'x-forwarded-proto': 'https', 'x-forwarded-for': req.socket.remoteAddress ?? '' };
  const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502).end(`the PHP server did not answer: ${err.message}\n`);
  });
  // A caller that hangs up early (the CAS server reads only a callback's status line) is fine.
  res.on('error', () => upstream.destroy());
  req.pipe(upstream);
}

/** test/interop/node/http-cas-client-app.mjs: the npm client guarding a node:http server. */
export class NodeClientApp {
  private constructor(
    private readonly child: Child,
    readonly base: string,
  ) {}

  static async start(settings: { casUrl: string; caFile: string; protocol: 2 | 3 }): Promise<NodeClientApp> {
    const process_ = spawn(process.execPath, [join(INTEROP, 'node', 'http-cas-client-app.mjs')], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        CAS_URL: settings.casUrl,
        CAS_PROTOCOL: String(settings.protocol),
        NODE_EXTRA_CA_CERTS: settings.caFile,
        DEBUG: 'cas*',
      },
    });
    const child = new Child(process_);
    const m = await child.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 'http-cas-client app');
    return new NodeClientApp(child, m[1]);
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  logs(): string {
    return this.child.output;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
