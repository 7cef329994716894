/** The parameters of /proxy, in the order they are checked. */
import { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { param, serviceUrlParam } from '../protocol/params';
import { formatParam } from '../protocol/answer-format';

export function proxyQuery(config: CasConfig) {
  return z.object({ format: formatParam, pgt: param(256), targetService: serviceUrlParam(config) });
}

export type ProxyQuery = z.output<ReturnType<typeof proxyQuery>>;
