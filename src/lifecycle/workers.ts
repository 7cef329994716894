import cluster, { type Worker } from 'node:cluster';
import type { LoggerService } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { migrateDatabase } from '../database/migrate';
import { servePrimaryMetrics } from '../metrics/cluster-metrics';

/** A worker dying sooner than this after its start is a crash loop, not an accident. */
const MIN_UPTIME_MS = 10_000;

/**
 * CAS_WORKERS=N: this primary process runs the migrations once, then starts N workers that
 * share HOST:PORT (Node's cluster module hands each new connection to one of them). State is
 * in the database, so any worker serves any request. A worker that dies is replaced; SIGTERM
 * is passed on to the workers, and the primary exits once they all have.
 */
export async function runPrimary(
  config: CasConfig,
  logger: LoggerService,
  announce: (port: number) => void,
): Promise<void> {
  const applied = await migrateDatabase(config.database);
  for (const name of applied) logger.log(`applied migration ${name}`, 'workers');
  if (config.metrics.enabled) servePrimaryMetrics();

  const startedAt = new Map<Worker, number>();
  const listening = new Set<number>();
  let stopping = false;
  let announced = false;
  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on('listening', (worker, address) => {
    // The first listener of each worker is the main one (the admin API's comes after).
    if (listening.has(worker.id)) return;
    listening.add(worker.id);
    logger.log(`worker ${worker.process.pid} listening`, 'workers');
    if (!announced && listening.size === config.workers) {
      announced = true;
      announce(address.port);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    listening.delete(worker.id);
    if (stopping) {
      if (startedAt.size === 0) {
        logger.log('all workers stopped', 'workers');
        process.exit();
      }
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!announced || uptime < MIN_UPTIME_MS) {
      logger.error(`worker ${worker.process.pid} exited with ${how} right after its start: stopping`, 'workers');
      stopping = true;
      for (const other of startedAt.keys()) other.process.kill('SIGTERM');
      process.exitCode = 1;
      if (startedAt.size === 0) process.exit(1);
      return;
    }
    logger.error(`worker ${worker.process.pid} exited with ${how}: starting another`, 'workers');
    fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: stopping ${startedAt.size} workers`, 'workers');
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  for (let i = 0; i < config.workers; i++) fork();
}
