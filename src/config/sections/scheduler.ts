import type { Reader } from '../env-reader';

export interface SchedulerSection {
  /** Whether this process runs the cleanup jobs. */
  scheduler: boolean;
  /** Time between two runs of each job (CAS_CLEANUP_INTERVAL, in ms). */
  cleanupIntervalMs: number;
  cleanupBatchSize: number;
}

export function readSchedulerSection(r: Reader): SchedulerSection {
  return {
    scheduler: r.bool('CAS_SCHEDULER', true),
    cleanupIntervalMs: r.secondsAsMs('CAS_CLEANUP_INTERVAL', 60, 1, 86400),
    cleanupBatchSize: r.int('CAS_CLEANUP_BATCH_SIZE', 1000, 1, 100000),
  };
}
