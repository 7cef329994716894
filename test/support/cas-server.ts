import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDb, type DbKind, type TestDb } from './test-db';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** One JSON line of the server's log (pino). */
export interface LogEntry {
  level: string;
  msg: string;
  time: string;
  pid: number;
  context?: string;
  reqId?: string;
  [field: string]: unknown;
}

function parseLogLine(line: string): LogEntry | null {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line) as Partial<LogEntry>;
    return typeof entry.level === 'string' && typeof entry.msg === 'string' ? (entry as LogEntry) : null;
  } catch {
    return null;
  }
}

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

  /**
   * What the server logged, one line per entry: `LEVEL [context] message {other fields}` for
   * its JSON lines (so tests match messages as written in the code), other output verbatim.
   */
  logs(): string {
    return this.output
      .split('\n')
      .map((line) => {
        const entry = parseLogLine(line);
        if (!entry) return line;
        const { level, msg, context, ...rest } = entry;
        const fields = Object.entries(rest).filter(([name]) => name !== 'time' && name !== 'hostname');
        return `${level.toUpperCase()} [${context ?? ''}] ${msg} ${JSON.stringify(Object.fromEntries(fields))}`;
      })
      .join('\n');
  }

  /** The server's JSON log lines, parsed. */
  logEntries(): LogEntry[] {
    return this.output
      .split('\n')
      .map(parseLogLine)
      .filter((e): e is LogEntry => e !== null);
  }

  /** Everything the server wrote on stdout and stderr, as written. */
  rawOutput(): string {
    return this.output;
  }

  /** The operating system's process of the server. */
  get pid(): number {
    return this.child.pid ?? -1;
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

  /** SIGTERM, then waits for the exit; resolves with the exit code (null if killed by a signal). */
  async stop(options: { keepDb?: boolean } = {}): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    if (!options.keepDb) await this.db.drop();
    return this.child.exitCode;
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
