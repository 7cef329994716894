import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDb, type DbKind, type TestDb } from './test-db';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A built server (`npm run build`) running as its own process on a loopback port. */
export class CasServer {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly db: TestDb,
    readonly env: Record<string, string>,
    readonly port: number,
    readonly prefix: string,
    readonly scheme = 'http',
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  get origin(): string {
    return `${this.scheme}://127.0.0.1:${this.port}`;
  }

  /** URL of a CAS endpoint, e.g. url('/login'). */
  url(path: string): string {
    return `${this.origin}${this.prefix}${path}`;
  }

  logs(): string {
    return this.output;
  }

  static async start(options: { db?: DbKind | TestDb; env?: Record<string, string> } = {}): Promise<CasServer> {
    const db =
      typeof options.db === 'object' ? options.db : await createTestDb((options.db as DbKind | undefined) ?? 'sqlite');
    const env: Record<string, string> = {
      DATABASE_URL: db.url,
      CAS_BCRYPT_ROUNDS: '4',
      ...options.env,
    };
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let early = '';
    let scheme = 'http';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${early}`)), 30000);
      const onData = (d: Buffer) => {
        early += d.toString();
        const m = /listening on (https?):\/\/[\d.]+:(\d+)/.exec(early);
        if (m) {
          clearTimeout(timer);
          scheme = m[1];
          resolve(Number(m[2]));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${early}`));
      });
    });
    const server = new CasServer(child, db, env, port, env.CAS_PATH_PREFIX ?? '/cas', scheme);
    server.output = early;
    return server;
  }

  /** Runs the command-line tool against the same database. */
  cli(args: string[], stdin = ''): Promise<CliResult> {
    return runCli(args, this.env, stdin);
  }

  /** Kills the process at once (SIGKILL), as a crash or an out-of-memory killer would; keeps the database. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(options: { keepDb?: boolean } = {}): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    if (!options.keepDb) await this.db.drop();
  }
}

export function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
