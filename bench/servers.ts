import { ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

const running = new Set<ChildProcess>();
// Servers the benchmark started never outlive it, whatever way it ends.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A server process started by the benchmark, on 127.0.0.1. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    /** From spawn to the first answered request. */
    readonly coldStartMs: number,
    readonly logFile: string,
  ) {}

  static async start(options: {
    script: string;
    args?: string[];
    nodeArgs?: string[];
    env: Record<string, string>;
    readyPath: string;
    logFile: string;
    timeoutMs?: number;
  }): Promise<ServerProcess> {
    const port = await freePort();
    const log = openSync(options.logFile, 'a');
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])], {
      env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port), NO_COLOR: '1' },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    running.add(child);
    child.once('exit', () => running.delete(child));
    const origin = `http://127.0.0.1:${port}`;
    const deadline = started + (options.timeoutMs ?? 30_000);
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`server exited with ${child.exitCode}:\n${tail(options.logFile)}`);
      }
      try {
        const res = await request(`${origin}${options.readyPath}`);
        await res.body.dump();
        if (res.statusCode < 500) break;
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`server did not answer within ${options.timeoutMs ?? 30_000} ms:\n${tail(options.logFile)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return new ServerProcess(child, origin, performance.now() - started, options.logFile);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  }

  /** Peak resident set size since the process started (VmHWM), in MB. */
  peakRssMb(): number {
    return this.statusMb('VmHWM');
  }

  /** Resident set size now (VmRSS), in MB. */
  rssMb(): number {
    return this.statusMb('VmRSS');
  }

  private statusMb(field: string): number {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
      return kb ? Number(kb) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  /** Samples RSS every 100 ms until the returned function is called; it gives the largest, in MB. */
  watchRss(): () => number {
    let peak = this.rssMb();
    const timer = setInterval(() => (peak = Math.max(peak, this.rssMb())), 100);
    return () => {
      clearInterval(timer);
      return Math.max(peak, this.rssMb());
    };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

/** Where a built checkout keeps the server and the command-line tool. */
export function buildPaths(root: string): { main: string; cli: string } {
  return { main: join(root, 'dist', 'src', 'main.js'), cli: join(root, 'dist', 'src', 'cli', 'main.js') };
}

/** Runs the CAS command-line tool of a build against a database. */
export function runCli(cli: string, args: string[], env: Record<string, string>, stdin = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`cas ${args[0]} exited with ${code}: ${output}`)),
    );
    child.stdin.end(stdin);
  });
}
