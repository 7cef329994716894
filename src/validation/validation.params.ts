/** The parameters of the validation endpoints, in the order they are checked. */
import { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { flagParam, param, serviceUrlParam } from '../protocol/params';

export type Format = 'XML' | 'JSON';

/** `format` (CAS 3.0 §2.5.1): XML unless JSON is asked for, any case. */
export const formatParam = param(16)
  .refine((value) => value === undefined || ['XML', 'JSON'].includes(value.toUpperCase()), 'format must be XML or JSON')
  .transform((value): Format => (value?.toUpperCase() === 'JSON' ? 'JSON' : 'XML'));

/** The answer format a request asked for; XML when it cannot be read. */
export function formatOf(query: unknown): Format {
  const format = formatParam.safeParse((query as Record<string, unknown> | null | undefined)?.format);
  return format.success ? format.data : 'XML';
}

/** /validate (CAS 1.0). */
export function validateV1Query(config: CasConfig) {
  return z.object({ ticket: param(256), service: serviceUrlParam(config), renew: flagParam });
}

/** /serviceValidate, /proxyValidate and their /p3 versions. */
export function validationQuery(config: CasConfig) {
  return z.object({
    format: formatParam,
    ticket: param(256),
    service: serviceUrlParam(config),
    pgtUrl: serviceUrlParam(config),
    renew: flagParam,
  });
}

export type ValidationQuery = z.output<ReturnType<typeof validationQuery>>;
export type ValidateV1Query = z.output<ReturnType<typeof validateV1Query>>;
