import type { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import { ParamError, invalidRequestOf, parseQueryString, type ParamProblem } from '../protocol/params';
import { loginFormParams, loginQuery } from './login.params';

const config = { maxServiceUrlLength: 32 } as CasConfig;
const query = loginQuery(config);
const form = loginFormParams(config);
const SERVICE = 'https://app.example/';

function refusal(schema: z.ZodType, value: unknown): { param: string; problem: ParamProblem } {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('accepted');
  const error = invalidRequestOf(parsed.error);
  if (!(error instanceof ParamError)) throw error;
  return { param: error.param, problem: error.problem };
}

describe('GET /login parameters', () => {
  it('read an empty query as no service and no flags', () => {
    expect(query.parse({})).toStrictEqual({
      service: undefined,
      serviceParam: 'service',
      renew: false,
      gateway: false,
      warn: false,
      method: undefined,
    });
  });

  it('read the flags and the method', () => {
    const read = query.parse(parseQueryString('renew=&gateway=FALSE&warn=1&method=POST'));
    expect(read).toMatchObject({ renew: true, gateway: false, warn: true, method: 'POST' });
  });

  it('take TARGET for service only when service is absent, and say which one was sent', () => {
    expect(query.parse({ TARGET: SERVICE })).toMatchObject({ service: SERVICE, serviceParam: 'TARGET' });
    expect(query.parse({ service: SERVICE, TARGET: 'https://other.example/' })).toMatchObject({
      service: SERVICE,
      serviceParam: 'service',
    });
  });

  it('leave TARGET unread beside a service, and refuse a bad one alone', () => {
    expect(query.parse({ service: SERVICE, TARGET: ['a', 'b'] }).service).toBe(SERVICE);
    expect(refusal(query, { TARGET: ['a', 'b'] })).toEqual({ param: 'TARGET', problem: 'repeated' });
  });

  it('bound the service URLs by the setting and the method by 16', () => {
    expect(query.parse({ service: 'x'.repeat(32) }).service).toHaveLength(32);
    expect(refusal(query, { service: 'x'.repeat(33) })).toEqual({ param: 'service', problem: 'tooLong' });
    expect(refusal(query, { TARGET: 'x'.repeat(33) })).toEqual({ param: 'TARGET', problem: 'tooLong' });
    expect(refusal(query, { method: 'x'.repeat(17) })).toEqual({ param: 'method', problem: 'tooLong' });
    expect(refusal(query, { warn: 'x'.repeat(65) })).toEqual({ param: 'warn', problem: 'tooLong' });
  });

  it('name the first bad parameter in the order service, TARGET, renew, gateway, warn, method', () => {
    const bad = { method: ['a', 'b'], warn: ['a', 'b'], gateway: ['a', 'b'], renew: ['a', 'b'] };
    expect(refusal(query, { ...bad, TARGET: ['a', 'b'] }).param).toBe('TARGET');
    expect(refusal(query, bad).param).toBe('renew');
    expect(refusal(query, { method: ['a', 'b'], warn: { a: '1' } })).toEqual({ param: 'warn', problem: 'malformed' });
  });
});

describe('POST /login parameters', () => {
  it('read the form over the query string', () => {
    const read = form.parse({
      query: parseQueryString(`service=${SERVICE}&renew=true&lt=old`),
      body: parseQueryString('lt=LT-1&username=u&password=p&warned=true'),
    });
    expect(read).toStrictEqual({
      service: SERVICE,
      serviceParam: 'service',
      renew: true,
      gateway: false,
      warn: false,
      method: undefined,
      lt: 'LT-1',
      username: 'u',
      password: 'p',
      warned: true,
    });
  });

  it('read a body that is no form as adding nothing', () => {
    for (const body of [undefined, null, '<xml/>']) {
      expect(form.parse({ query: { service: SERVICE }, body })).toMatchObject({ service: SERVICE, lt: undefined });
    }
  });

  it('judge a field by its merged value: the form replaces a bad one of the query string', () => {
    expect(form.parse({ query: { service: ['a', 'b'] }, body: { service: SERVICE } }).service).toBe(SERVICE);
    expect(form.parse({ query: { TARGET: ['a', 'b'] }, body: { service: SERVICE } }).service).toBe(SERVICE);
  });

  it('bound the credentials and check them after the login fields', () => {
    expect(refusal(form, { query: {}, body: { lt: 'x'.repeat(257) } })).toEqual({ param: 'lt', problem: 'tooLong' });
    expect(refusal(form, { query: {}, body: { username: 'x'.repeat(257) } }).param).toBe('username');
    expect(form.parse({ query: {}, body: { password: 'x'.repeat(1024) } }).password).toHaveLength(1024);
    expect(refusal(form, { query: {}, body: { password: 'x'.repeat(1025) } }).param).toBe('password');
    expect(refusal(form, { query: {}, body: { warned: ['1', '2'], lt: ['a', 'b'] } }).param).toBe('lt');
    expect(refusal(form, { query: { method: ['a', 'b'] }, body: { lt: ['a', 'b'] } }).param).toBe('method');
  });
});
