/** The parameters of /login, in the order they are checked: a refusal names the first bad one. */
import { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { flagParam, formBody, param, serviceUrlParam } from '../protocol/params';
import type { CredentialsRequest, LoginRequest } from './login-request';

type Fields = Record<string, unknown>;

/** A parsed query string or form. */
const fieldsObject = z.custom<Fields>((value) => typeof value === 'object' && value !== null);

/** What the request tells besides its parameters: its cookies and its address. */
type NotParams = 'cookie' | 'browser' | 'clientAddress';
export type LoginQuery = Omit<LoginRequest, NotParams>;
export type LoginForm = Omit<CredentialsRequest, NotParams>;

/**
 * TARGET stands for service in the SAML 1.1 browser flow; service wins when both are sent
 * and TARGET is then not read at all, so a bad one beside a service is no error.
 */
function ignoreTargetBesideService(params: Fields): Fields {
  return params.service === undefined ? params : { ...params, TARGET: undefined };
}

function loginFields(config: CasConfig) {
  return z.object({
    service: serviceUrlParam(config),
    TARGET: serviceUrlParam(config),
    renew: flagParam,
    gateway: flagParam,
    warn: flagParam,
    method: param(16),
  });
}

function asLoginQuery(fields: z.output<ReturnType<typeof loginFields>>): LoginQuery {
  const { service, TARGET: target } = fields;
  return {
    service: service ?? target,
    serviceParam: service === undefined && target !== undefined ? 'TARGET' : 'service',
    renew: fields.renew,
    gateway: fields.gateway,
    warn: fields.warn,
    method: fields.method,
  };
}

/** GET /login: the query string. */
export function loginQuery(config: CasConfig) {
  return fieldsObject.transform(ignoreTargetBesideService).pipe(loginFields(config)).transform(asLoginQuery);
}

/**
 * POST /login, given the request's `{ query, body }`: the form's fields over the query string's
 * (the form's action may keep `service` and the flags there); a body that is no form adds nothing.
 */
export function loginFormParams(config: CasConfig) {
  const fields = loginFields(config).extend({
    lt: param(256),
    username: param(256),
    password: param(1024),
    warned: flagParam,
  });
  return z
    .object({ query: fieldsObject, body: formBody(fieldsObject) })
    .transform(({ query, body }) => ignoreTargetBesideService({ ...query, ...body }))
    .pipe(fields)
    .transform((read): LoginForm => ({
      ...asLoginQuery(read),
      lt: read.lt,
      username: read.username,
      password: read.password,
      warned: read.warned,
    }));
}
