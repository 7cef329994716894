import { parseBool } from '../env-parsers';
import type { Reader } from '../env-reader';

/**
 * CAS_FEDERATE and CAS_FEDERATE_REMEMBER_TIMEOUT (django-cas-server's, documented in
 * .env.example): checked so that a federation setting is refused rather than ignored, carried
 * nowhere since this release has no federation.
 */
export function checkFederationSettings(r: Reader): void {
  r.read('CAS_FEDERATE', false, (raw) => {
    if (parseBool(raw)) throw new Error('federation is not available in this release');
    return false;
  });
  r.int('CAS_FEDERATE_REMEMBER_TIMEOUT', 604800, 0);
}
