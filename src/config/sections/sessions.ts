import { parseOptionalInteger } from '../env-parsers';
import type { Reader } from '../env-reader';

export interface SessionsSection {
  /** Idle time after which an SSO session ends (SESSION_COOKIE_AGE, in ms). */
  sessionCookieAgeMs: number;
  /** Maximum age of an SSO session whatever its activity (CAS_TGT_VALIDITY, in ms); null = no limit. */
  tgtValidityMs: number | null;
}

export function readSessionsSection(r: Reader): SessionsSection {
  const tgtValiditySeconds = r.read('CAS_TGT_VALIDITY', null, (raw) => parseOptionalInteger(raw, 1));
  return {
    tgtValidityMs: tgtValiditySeconds === null ? null : tgtValiditySeconds * 1000,
    sessionCookieAgeMs: r.secondsAsMs('SESSION_COOKIE_AGE', 1209600, 1),
  };
}
