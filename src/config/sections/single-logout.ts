import type { Reader } from '../env-reader';

export interface SingleLogoutSection {
  sloMaxParallelRequests: number;
  /** How long a service may take to answer a logout request (CAS_SLO_TIMEOUT, in ms). */
  sloTimeoutMs: number;
}

export function readSingleLogoutSection(r: Reader): SingleLogoutSection {
  return {
    sloMaxParallelRequests: r.int('CAS_SLO_MAX_PARALLEL_REQUESTS', 10, 1, 1000),
    sloTimeoutMs: r.secondsAsMs('CAS_SLO_TIMEOUT', 5, 1, 300),
  };
}
