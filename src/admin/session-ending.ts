import type { EndReport } from '../sessions/session-terminator.service';

/** What ending a user's SSO sessions did, for the caller to show. */
export interface SessionsEnded {
  ended: number;
  /** Back-channel logout requests the applications accepted, and those that failed or timed out. */
  sloSent: number;
  sloFailed: number;
}

export const NO_SESSIONS_ENDED: SessionsEnded = { ended: 0, sloSent: 0, sloFailed: 0 };

export function summarise(reports: EndReport[]): SessionsEnded {
  return reports.reduce(
    (sum, r) => ({
      ended: sum.ended + (r.ended ? 1 : 0),
      sloSent: sum.sloSent + r.slo.sent,
      sloFailed: sum.sloFailed + r.slo.failed.length + r.slo.pending,
    }),
    NO_SESSIONS_ENDED,
  );
}
