import { randomBytes } from 'node:crypto';

/** What an incoming X-Request-Id may look like: it goes verbatim into every log line. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: the proxy's X-Request-Id when the peer is a trusted proxy and the value
 * is plain, so one id follows the request from the load balancer to our logs; otherwise a new one.
 */
export function requestId(header: string | string[] | undefined, fromTrustedProxy: boolean): string {
  const incoming = Array.isArray(header) ? header[0] : header;
  if (fromTrustedProxy && incoming !== undefined && INCOMING_ID.test(incoming)) return incoming;
  return randomBytes(8).toString('hex');
}
