import type { Reader } from '../env-reader';

/** The services' URLs, and the calls made to them (proxy callbacks, Single Logout). */
export interface ServicesSection {
  maxServiceUrlLength: number;
  /** true: the system's CAs; false: no certificate check; a string: a CA bundle file. */
  proxyCaCertificatePath: boolean | string;
  proxyAllowHttpLoopback: boolean;
}

function parseCaCertificatePath(raw: string): boolean | string {
  const word = raw.trim().toLowerCase();
  if (word === 'true' || word === '1') return true;
  if (word === 'false' || word === '0') return false;
  if (raw.trim() === '') throw new Error('expected true, false or a path to a CA bundle');
  return raw.trim();
}

export function readServicesSection(r: Reader): ServicesSection {
  return {
    proxyCaCertificatePath: r.read('CAS_PROXY_CA_CERTIFICATE_PATH', true, parseCaCertificatePath),
    proxyAllowHttpLoopback: r.bool('CAS_PROXY_ALLOW_HTTP_LOOPBACK', true),
    maxServiceUrlLength: r.int('CAS_MAX_SERVICE_URL_LENGTH', 4096, 64, 65536),
  };
}
