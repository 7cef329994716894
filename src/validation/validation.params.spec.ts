import type { CasConfig } from '../config/cas-config';
import { formatOf } from '../protocol/answer-format';
import { validationQuery } from './validation.params';

describe('validation parameters', () => {
  const schema = validationQuery({ maxServiceUrlLength: 64 } as CasConfig);

  it('read the format in any case, XML by default', () => {
    expect(schema.parse({}).format).toBe('XML');
    expect(schema.parse({ format: 'json' }).format).toBe('JSON');
    expect(schema.safeParse({ format: 'HTML' }).error?.issues[0].message).toBe('format must be XML or JSON');
  });

  it('check the format first, as the answer depends on it', () => {
    const issues = schema.safeParse({ ticket: ['a', 'b'], format: 'HTML' }).error?.issues ?? [];
    expect(issues[0].path).toEqual(['format']);
  });

  it('answer a request it cannot read in the format asked for, or XML', () => {
    expect(formatOf({ format: 'Json', ticket: ['a', 'b'] })).toBe('JSON');
    expect(formatOf({ format: ['JSON', 'JSON'] })).toBe('XML');
    expect(formatOf({ format: 'HTML' })).toBe('XML');
    expect(formatOf(undefined)).toBe('XML');
  });
});
