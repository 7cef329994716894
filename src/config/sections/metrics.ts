import type { Reader } from '../env-reader';
import { parseBearerToken } from './bearer-token';

export interface MetricsSection {
  /** Prometheus metrics at /metrics; a non-empty token must come as `Authorization: Bearer`. */
  metrics: { enabled: boolean; token: string };
}

export function readMetricsSection(r: Reader): MetricsSection {
  return {
    metrics: {
      enabled: r.bool('CAS_METRICS', true),
      token: r.read('CAS_METRICS_TOKEN', '', parseBearerToken),
    },
  };
}
