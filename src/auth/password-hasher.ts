import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import bcrypt from 'bcryptjs';
import type { HashJob, HashReply } from './password-worker';

type JobBody = { op: 'hash'; password: string; rounds: number } | { op: 'compare'; password: string; hash: string };

interface Pending {
  job: HashJob;
  resolve: (value: string | boolean) => void;
  reject: (err: Error) => void;
}

/**
 * bcrypt off the event loop: a small pool of worker threads, started on first use, each
 * hashing one password at a time (bcryptjs, so hashes stay compatible). bcryptjs's own async
 * API only slices the work; it still runs on the main thread and stalls every other request
 * for the whole hash. With size 0, hashing stays on the main thread (bcryptjs async).
 */
export class PasswordHasher {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private started = 0;
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number) {}

  hash(password: string, rounds: number): Promise<string> {
    if (this.size === 0) return bcrypt.hash(password, rounds);
    return this.submit({ op: 'hash', password, rounds }) as Promise<string>;
  }

  compare(password: string, hash: string): Promise<boolean> {
    if (this.size === 0) return bcrypt.compare(password, hash);
    return this.submit({ op: 'compare', password, hash }) as Promise<boolean>;
  }

  /** Nest calls this at shutdown (the pool is an AuthModule provider). */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private submit(body: JobBody): Promise<string | boolean> {
    if (this.closed) return Promise.reject(new Error('password hasher is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...body, id: this.nextId++ } as HashJob, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const pending = this.queue.shift() as Pending;
      this.busy.set(worker, pending);
      // A worker with a job keeps the process alive; an idle one does not (CLI, shutdown).
      worker.ref();
      worker.postMessage(pending.job);
    }
  }

  private spawn(): Worker {
    this.started++;
    // bcrypt needs almost no heap: small limits keep each thread's memory to a few MB.
    const worker = new Worker(workerScript(), {
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16, stackSizeMb: 1 },
    });
    worker.on('message', (reply: HashReply) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      if (!this.closed) this.idle.push(worker);
      if (pending) {
        if ('error' in reply) pending.reject(new Error(reply.error));
        else pending.resolve(reply.result);
      }
      this.dispatch();
    });
    worker.on('error', (err) => this.lose(worker, err));
    worker.on('exit', (code) => this.lose(worker, new Error(`password worker exited with code ${code}`)));
    return worker;
  }

  /** A dead worker fails its job and is replaced on the next dispatch. */
  private lose(worker: Worker, err: Error): void {
    const pending = this.busy.get(worker);
    const wasKnown = pending !== undefined || this.idle.includes(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (!wasKnown) return;
    this.started--;
    pending?.reject(err);
    if (!this.closed) this.dispatch();
  }
}

/** The compiled worker beside this file (dist/src/auth/password-worker.js). */
function workerScript(): string {
  const js = join(__dirname, 'password-worker.js');
  if (!existsSync(js)) throw new Error(`password worker not built: ${js} is missing (npm run build)`);
  return js;
}
