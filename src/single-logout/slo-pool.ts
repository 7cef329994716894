import pLimit from 'p-limit';

export type SloPool = pLimit.Limit;

export interface SloTarget {
  /** Where the LogoutRequest is POSTed: the service's SLO callback, or the service URL. */
  url: string;
  /** Service name, for the logout page and logs. */
  serviceName: string;
  username: string;
  /** The ticket the service validated (SessionIndex). */
  ticket: string;
}

export interface SloReport {
  sent: number;
  failed: SloTarget[];
  /** Requests still running, or waiting for the pool, when the caller stopped waiting. */
  pending: number;
}

const pools = new Map<number, SloPool>();

/**
 * The process's one pool of back-channel logout requests, shared by whoever ends sessions (a
 * logout, the admin API on its own listener, a cleanup job), so that logouts running at the
 * same time stay together within CAS_SLO_MAX_PARALLEL_REQUESTS. A server process has one
 * configuration, hence one size; the size is the key only so that applications built with
 * other settings in the same process (tests) do not share a pool sized for another.
 */
export function sloPool(size: number): SloPool {
  let pool = pools.get(size);
  if (!pool) {
    pool = pLimit(size);
    pools.set(size, pool);
  }
  return pool;
}

/**
 * Sends to every target through the pool; resolves when all are done or after `waitMs`,
 * whichever comes first. Requests still running or queued then go on in the background.
 */
export async function sendThroughPool(
  pool: SloPool,
  targets: SloTarget[],
  sendOne: (target: SloTarget) => Promise<boolean>,
  waitMs = Number.POSITIVE_INFINITY,
): Promise<SloReport> {
  const report: SloReport = { sent: 0, failed: [], pending: targets.length };
  if (targets.length === 0) return report;
  const all = Promise.all(
    targets.map((target) =>
      pool(async () => {
        const ok = await sendOne(target);
        report.pending--;
        if (ok) report.sent++;
        else report.failed.push(target);
      }),
    ),
  ).then(() => undefined);
  if (!Number.isFinite(waitMs)) {
    await all;
  } else {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
  }
  return { sent: report.sent, failed: [...report.failed], pending: report.pending };
}
