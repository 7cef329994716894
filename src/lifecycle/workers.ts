import cluster, { type Worker } from 'node:cluster';
import type { LoggerService } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { migrateDatabase } from '../database/migrate';
import { servePrimaryMetrics } from '../metrics/cluster-metrics';
import { EXIT_WINDOW_MS, RestartPolicy } from './worker-restarts';

interface Running {
  slot: number;
  startedAt: number;
  /** The ports it listens on, in order: the main listener, then the admin API's if separate. */
  ports: number[];
}

/**
 * CAS_WORKERS=N: this primary process runs the migrations once, then starts N workers that
 * share HOST:PORT (Node's cluster module hands each new connection to one of them). State is
 * in the database, so any worker serves any request. A worker that dies is replaced after a
 * back-off, and the primary gives up only when workers keep dying (src/lifecycle/
 * worker-restarts.ts). SIGTERM is passed on to the workers; the primary exits once they all have.
 */
export async function runPrimary(
  config: CasConfig,
  logger: LoggerService,
  announce: (port: number, adminPort: number | null) => void,
): Promise<void> {
  const applied = await migrateDatabase(config.database);
  for (const name of applied)
    logger.log({ msg: `applied migration ${name}`, event: 'migration.applied', migration: name }, 'workers');
  if (config.metrics.enabled) servePrimaryMetrics();

  const listeners = config.admin.enabled && config.admin.listen ? 2 : 1;
  const policy = new RestartPolicy(config.workers);
  const running = new Map<Worker, Running>();
  const waiting = new Set<NodeJS.Timeout>();
  let stopping = false;
  let announced = false;

  const fork = (slot: number) => running.set(cluster.fork(), { slot, startedAt: Date.now(), ports: [] });
  const exitWhenDone = (code: number) => {
    if (running.size > 0) return;
    logger.log({ msg: 'all workers stopped', event: 'workers.stopped' }, 'workers');
    process.exit(code);
  };
  const stopAll = () => {
    stopping = true;
    for (const timer of waiting) clearTimeout(timer);
    waiting.clear();
    for (const worker of running.keys()) worker.process.kill('SIGTERM');
  };

  cluster.on('listening', (worker, address) => {
    const state = running.get(worker);
    if (!state || state.ports.length >= listeners) return;
    state.ports.push(address.port);
    if (state.ports.length < listeners) return;
    const pid = worker.process.pid;
    logger.log({ msg: `worker ${pid} listening`, event: 'worker.listening', worker: pid }, 'workers');
    const ready = [...running.values()].filter((r) => r.ports.length === listeners);
    if (!announced && ready.length === config.workers) {
      announced = true;
      announce(state.ports[0], listeners === 2 ? state.ports[1] : null);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const state = running.get(worker);
    running.delete(worker);
    if (!state) return;
    if (stopping) return exitWhenDone(process.exitCode === 1 ? 1 : 0);
    const pid = worker.process.pid;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const uptime = Date.now() - state.startedAt;
    const delay = policy.exited(state.slot, uptime, Date.now());
    const facts = { worker: pid, exitCode: code, signal, uptimeMs: uptime };
    if (delay === null) {
      logger.error(
        {
          msg: `workers keep dying (${policy.recentExits} exits within ${EXIT_WINDOW_MS / 1000} s, the last: worker ${pid} exited with ${how}): stopping the server; see the workers' messages above`,
          event: 'workers.crash_loop',
          ...facts,
          exits: policy.recentExits,
        },
        'workers',
      );
      process.exitCode = 1;
      stopAll();
      return exitWhenDone(1);
    }
    logger.error(
      {
        msg: `worker ${pid} exited with ${how}: starting another in ${delay / 1000} s`,
        event: 'worker.exited',
        ...facts,
        restartInMs: delay,
      },
      'workers',
    );
    const timer = setTimeout(() => {
      waiting.delete(timer);
      if (!stopping) fork(state.slot);
    }, delay);
    waiting.add(timer);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    logger.log({ msg: `${signal} received: stopping ${running.size} workers`, event: 'shutdown', signal }, 'workers');
    stopAll();
    exitWhenDone(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  for (let slot = 0; slot < config.workers; slot++) fork(slot);
}
