import { join } from 'node:path';
import { passwordLogin, loginPage, ssoValidate, tgcIn } from './cas-flows';
import type { BenchDb } from './database';
import { Connection, Recorder, runLoad, type Operation } from './load';
import type { BenchOptions } from './options';
import type { ServerProcess } from './servers';
import { percentile } from './stats';

/** The figures of one measured round, by measure name. */
export type Figures = Record<string, number>;

/** A CAS server under test, with the SSO cookies of sessions opened at setup. */
export interface CasTarget {
  label: string;
  cas: ServerProcess;
  db: BenchDb;
  tgcs: string[];
}

/** Opens `count` SSO sessions through the login form and keeps their cookies. */
export async function openSessions(origin: string, count: number): Promise<string[]> {
  const recorder = new Recorder();
  return Promise.all(
    Array.from({ length: count }, async () => {
      const connection = new Connection(origin, recorder);
      try {
        return tgcIn(await passwordLogin(connection, false));
      } finally {
        await connection.close();
      }
    }),
  );
}

function latency(recorder: Recorder, label: string, prefix = label): Figures {
  const values = recorder.latencies.get(label) ?? [];
  return { [`${prefix} p50 ms`]: percentile(values, 50), [`${prefix} p99 ms`]: percentile(values, 99) };
}

function rate(recorder: Recorder & { elapsedMs: number }): number {
  return (recorder.ops / recorder.elapsedMs) * 1000;
}

/** Runs a load and adds the server's CPU time per request. */
async function loadWithCpu(
  cas: ServerProcess,
  options: BenchOptions,
  durationMs: number,
  operation: Operation,
  concurrency = options.concurrency,
): Promise<{ recorder: Recorder & { elapsedMs: number }; cpuMsPerRequest: number; rssMb: number }> {
  const before = cas.cpuMs();
  const rss = cas.watchRss();
  const recorder = await runLoad({ origin: cas.origin, concurrency, durationMs, operation });
  return { recorder, cpuMsPerRequest: (cas.cpuMs() - before) / Math.max(1, recorder.requests), rssMb: rss() };
}

export type RoundRunner = (durationMs: number) => Promise<{ figures: Figures; recorder: Recorder }>;

export function ceilingRound(server: ServerProcess, options: BenchOptions): RoundRunner {
  return async (durationMs) => {
    const operation: Operation = async (c) => {
      const answer = await c.request('hello', '/');
      if (answer.status !== 200) throw new Error(`hello world answered ${answer.status}`);
    };
    const { recorder, cpuMsPerRequest } = await loadWithCpu(server, options, durationMs, operation);
    return {
      recorder,
      figures: { 'req/s': rate(recorder), ...latency(recorder, 'hello'), 'cpu ms/req': cpuMsPerRequest },
    };
  };
}

const validateOperation =
  (tgcs: string[]): Operation =>
  (c, vu) =>
    ssoValidate(c, tgcs[vu % tgcs.length]);

export function validateRound(target: CasTarget, options: BenchOptions): RoundRunner {
  return async (durationMs) => {
    const { recorder, cpuMsPerRequest, rssMb } = await loadWithCpu(
      target.cas,
      options,
      durationMs,
      validateOperation(target.tgcs),
    );
    return {
      recorder,
      figures: {
        'pairs/s': rate(recorder),
        ...latency(recorder, 'sso', 'SSO login 302'),
        ...latency(recorder, 'validate', 'serviceValidate'),
        'cpu ms/req': cpuMsPerRequest,
        'RSS MB': rssMb,
      },
    };
  };
}

export function loginRound(target: CasTarget, options: BenchOptions): RoundRunner {
  return async (durationMs) => {
    const { recorder, cpuMsPerRequest, rssMb } = await loadWithCpu(
      target.cas,
      options,
      durationMs,
      (c) => passwordLogin(c).then(() => undefined),
      options.loginConcurrency,
    );
    return {
      recorder,
      figures: {
        'logins/s': rate(recorder),
        ...latency(recorder, 'form', 'form GET'),
        ...latency(recorder, 'post', 'POST'),
        'cpu ms/req': cpuMsPerRequest,
        'RSS MB': rssMb,
      },
    };
  };
}

export function loginPageRound(target: CasTarget, options: BenchOptions): RoundRunner {
  return async (durationMs) => {
    const { recorder, cpuMsPerRequest, rssMb } = await loadWithCpu(target.cas, options, durationMs, loginPage);
    return {
      recorder,
      figures: {
        'pages/s': rate(recorder),
        ...latency(recorder, 'page'),
        'cpu ms/req': cpuMsPerRequest,
        'RSS MB': rssMb,
      },
    };
  };
}

/** Validation at full concurrency while password logins keep the hashing busy. */
export function underLoginRound(target: CasTarget, options: BenchOptions): RoundRunner {
  return async (durationMs) => {
    const origin = target.cas.origin;
    const rss = target.cas.watchRss();
    const [validate, login] = await Promise.all([
      runLoad({ origin, concurrency: options.concurrency, durationMs, operation: validateOperation(target.tgcs) }),
      runLoad({
        origin,
        concurrency: options.loginConcurrency,
        durationMs,
        operation: (c) => passwordLogin(c).then(() => undefined),
      }),
    ]);
    const recorder = new Recorder();
    recorder.errors = validate.errors + login.errors;
    recorder.firstError = validate.firstError ?? login.firstError;
    return {
      recorder,
      figures: {
        'pairs/s': rate(validate),
        ...latency(validate, 'sso', 'SSO login 302'),
        ...latency(validate, 'validate', 'serviceValidate'),
        'logins/s': rate(login),
        'RSS MB': rss(),
      },
    };
  };
}

/** Where the V8 CPU profiles of a server go, when asked for. */
export function profileArgs(options: BenchOptions, name: string): string[] {
  if (!options.cpuProfDir) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, `--cpu-prof-name=${name}.cpuprofile`];
}

export function logFile(db: BenchDb, name: string): string {
  return join(db.dir, `${name}.log`);
}
