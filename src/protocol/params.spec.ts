import { z } from 'zod';
import { InvalidRequest, ParamError, flagParam, formBody, invalidRequestOf, param, parseQueryString } from './params';

const query = z.object({ ticket: param(8), service: param(16), renew: flagParam });

function refusal(schema: z.ZodType, value: unknown): InvalidRequest {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('accepted');
  return invalidRequestOf(parsed.error);
}

describe('parameter schemas', () => {
  it('read absent parameters as undefined and flags as false', () => {
    expect(query.parse({})).toEqual({ renew: false });
    expect(query.parse({ ticket: 'ST-1', renew: '' })).toEqual({ ticket: 'ST-1', renew: true });
    expect(query.parse({ renew: 'FALSE' }).renew).toBe(false);
  });

  it('refuse repeated, structured and overlong values', () => {
    for (const [value, problem, message] of [
      [['a', 'b'], 'repeated', "parameter 'ticket' was given more than once"],
      [{ a: 1 }, 'malformed', "parameter 'ticket' is malformed"],
      [42, 'malformed', "parameter 'ticket' is malformed"],
      ['123456789', 'tooLong', "parameter 'ticket' is too long"],
    ] as const) {
      const error = refusal(query, { ticket: value });
      expect(error).toBeInstanceOf(ParamError);
      expect(error).toMatchObject({ param: 'ticket', problem, message });
    }
    expect(query.parse({ ticket: '12345678' }).ticket).toBe('12345678');
  });

  it('name the first bad parameter in the order of the schema', () => {
    expect(refusal(query, { renew: ['1', '2'], service: 'x'.repeat(17), ticket: 'ok' }).message).toBe(
      "parameter 'service' is too long",
    );
  });

  it('keep the message of a refinement', () => {
    const schema = z.object({ format: param().refine((v) => v !== 'HTML', 'format must be XML or JSON') });
    const error = refusal(schema, { format: 'HTML' });
    expect(error).not.toBeInstanceOf(ParamError);
    expect(error.message).toBe('format must be XML or JSON');
  });

  it('read a body that is no parsed form as empty', () => {
    const form = formBody(z.object({ username: param() }));
    expect(form.parse('<xml/>')).toEqual({});
    expect(form.parse(null)).toEqual({});
    expect(form.parse({ username: 'u' })).toEqual({ username: 'u' });
  });

  it('collect repeated names of a query string into arrays', () => {
    expect({ ...parseQueryString('a=1&a=2&b=%zz+c') }).toEqual({ a: ['1', '2'], b: '%zz c' });
  });
});
