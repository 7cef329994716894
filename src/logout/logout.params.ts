/** The parameters of /logout. */
import { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { flagParam, serviceUrlParam } from '../protocol/params';

export interface LogoutQuery {
  service?: string;
  url?: string;
  all: boolean;
}

/**
 * Read in order; a malformed parameter and those after it are ignored rather than refused: the
 * session still ends, a malformed extra parameter must not keep anyone logged in.
 */
export function logoutQuery(config: CasConfig) {
  const service = serviceUrlParam(config);
  const url = serviceUrlParam(config);
  return z.unknown().transform((raw): LogoutQuery => {
    const query = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const read: LogoutQuery = { all: false };
    const first = service.safeParse(query.service);
    if (!first.success) return read;
    read.service = first.data;
    const second = url.safeParse(query.url);
    if (!second.success) return read;
    read.url = second.data;
    const all = flagParam.safeParse(query.all);
    if (all.success) read.all = all.data;
    return read;
  });
}
