/** The parameters of /samlValidate: the service in the query, the SOAP envelope as the body. */
import { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { serviceUrlParam } from '../protocol/params';

export function samlQuery(config: CasConfig) {
  return z.object({ TARGET: serviceUrlParam(config) });
}

/** The body as text, or null when it was not sent as XML (it was parsed as a form, or absent). */
export const samlBody = z.unknown().transform((body) => (typeof body === 'string' ? body : null));

export type SamlQuery = z.output<ReturnType<typeof samlQuery>>;
