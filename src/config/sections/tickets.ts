import { ConfigError, type Reader } from '../env-reader';

export type TicketKind = 'LT' | 'ST' | 'PT' | 'PGT' | 'PGTIOU';

export interface TicketsSection {
  ticketLen: Record<TicketKind, number>;
  ticketPrefix: Record<TicketKind, string>;
  /** How long a service or proxy ticket waits for its validation (CAS_TICKET_VALIDITY, in ms). */
  ticketValidityMs: number;
  /** Lifetime of a proxy-granting ticket (CAS_PGT_VALIDITY, in ms). */
  pgtValidityMs: number;
  /** How long validated tickets of Single Logout services are kept (CAS_TICKET_TIMEOUT, in ms). */
  ticketTimeoutMs: number;
  /** How long a login form stays usable (CAS_LOGIN_TICKET_VALIDITY, in ms). */
  loginTicketValidityMs: number;
}

function parsePrefix(raw: string): string {
  if (!/^[A-Za-z0-9]{1,16}$/.test(raw)) throw new Error('a ticket prefix is 1 to 16 letters or digits');
  return raw;
}

function readPrefixes(r: Reader): Record<TicketKind, string> {
  const prefix = {
    LT: r.read('CAS_LOGIN_TICKET_PREFIX', 'LT', parsePrefix),
    ST: r.read('CAS_SERVICE_TICKET_PREFIX', 'ST', parsePrefix),
    PT: r.read('CAS_PROXY_TICKET_PREFIX', 'PT', parsePrefix),
    PGT: r.read('CAS_PROXY_GRANTING_TICKET_PREFIX', 'PGT', parsePrefix),
    PGTIOU: r.read('CAS_PROXY_GRANTING_TICKET_IOU_PREFIX', 'PGTIOU', parsePrefix),
  };
  if (new Set([prefix.ST, prefix.PT, prefix.PGT, prefix.PGTIOU, prefix.LT]).size !== 5) {
    throw new ConfigError('CAS_SERVICE_TICKET_PREFIX', 'the five ticket prefixes must differ');
  }
  return prefix;
}

export function readTicketsSection(r: Reader): TicketsSection {
  const lenDefault = r.int('CAS_TICKET_LEN', 64, 32, 256);
  const prefix = readPrefixes(r);
  // 22 characters of a 62-letter alphabet carry more than 128 bits of randomness.
  const lenFor = (name: string, p: string): number => r.int(name, lenDefault, p.length + 1 + 22, 256);
  return {
    ticketValidityMs: r.secondsAsMs('CAS_TICKET_VALIDITY', 60, 1, 86400),
    pgtValidityMs: r.secondsAsMs('CAS_PGT_VALIDITY', 3600, 1),
    ticketTimeoutMs: r.secondsAsMs('CAS_TICKET_TIMEOUT', 86400, 1),
    loginTicketValidityMs: r.secondsAsMs('CAS_LOGIN_TICKET_VALIDITY', 7200, 10),
    ticketLen: {
      LT: lenFor('CAS_LT_LEN', prefix.LT),
      ST: lenFor('CAS_ST_LEN', prefix.ST),
      PT: lenFor('CAS_PT_LEN', prefix.PT),
      PGT: lenFor('CAS_PGT_LEN', prefix.PGT),
      PGTIOU: lenFor('CAS_PGTIOU_LEN', prefix.PGTIOU),
    },
    ticketPrefix: prefix,
  };
}
