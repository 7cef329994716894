/** The parameters of the validation endpoints, in the order they are checked. */
import { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { formatParam } from '../protocol/answer-format';
import { flagParam, param, serviceUrlParam } from '../protocol/params';

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
