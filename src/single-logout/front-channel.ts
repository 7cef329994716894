import { deflateRawSync } from 'node:zlib';
import { appendParameter } from '../services/service-url';
import { logoutRequestXml } from './logout-request';

/**
 * Front-channel logout (S-20): the browser itself requests the service with the LogoutRequest,
 * DEFLATE-compressed and Base64-encoded, in a `logoutRequest` parameter — for applications the
 * server cannot reach.
 */
export function frontChannelLogoutUrl(serviceUrl: string, username: string, ticket: string): string {
  const encoded = deflateRawSync(Buffer.from(logoutRequestXml(username, ticket), 'utf8')).toString('base64');
  return appendParameter(serviceUrl, 'logoutRequest', encoded);
}
