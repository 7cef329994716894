import { performance } from 'node:perf_hooks';
import { Client } from 'undici';

/** One HTTP answer, body read in full. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Latencies (ms) per request label, and a count of completed operations. */
export class Recorder {
  readonly latencies = new Map<string, number[]>();
  ops = 0;
  requests = 0;
  errors = 0;
  firstError: string | null = null;

  add(label: string, ms: number): void {
    let list = this.latencies.get(label);
    if (!list) this.latencies.set(label, (list = []));
    list.push(ms);
    this.requests++;
  }

  fail(err: unknown): void {
    this.errors++;
    this.firstError ??= err instanceof Error ? err.message : String(err);
  }
}

/** A virtual user's connection: one keep-alive HTTP/1.1 connection, requests timed one by one. */
export class Connection {
  private readonly client: Client;

  constructor(
    origin: string,
    private readonly recorder: Recorder,
  ) {
    this.client = new Client(origin, { pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 30_000 });
  }

  async request(
    label: string,
    path: string,
    options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Answer> {
    const started = performance.now();
    const res = await this.client.request({
      path,
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
    });
    const body = await res.body.text();
    this.recorder.add(label, performance.now() - started);
    return { status: res.statusCode, headers: res.headers, body };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** What one virtual user does over and over; resolves when one operation is complete. */
export type Operation = (connection: Connection, vu: number) => Promise<void>;

/**
 * Closed-loop load: `concurrency` virtual users, each on its own connection, repeat the
 * operation until the time is up (an operation started before the deadline is finished).
 */
export async function runLoad(options: {
  origin: string;
  concurrency: number;
  durationMs: number;
  operation: Operation;
}): Promise<Recorder & { elapsedMs: number }> {
  const recorder = new Recorder();
  const started = performance.now();
  const deadline = started + options.durationMs;
  const users = Array.from({ length: options.concurrency }, async (_, vu) => {
    const connection = new Connection(options.origin, recorder);
    try {
      while (performance.now() < deadline) {
        try {
          await options.operation(connection, vu);
          recorder.ops++;
        } catch (err) {
          recorder.fail(err);
          // A failing server must not turn the loop into a busy spin.
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    } finally {
      await connection.close();
    }
  });
  await Promise.all(users);
  return Object.assign(recorder, { elapsedMs: performance.now() - started });
}

export function header(answer: Answer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
}
