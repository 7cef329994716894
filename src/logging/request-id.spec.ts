import { requestId } from './request-id';

describe('requestId', () => {
  it('keeps the X-Request-Id of a trusted proxy', () => {
    expect(requestId('lb-1234.abcd', true)).toBe('lb-1234.abcd');
  });

  it('ignores the header from anyone else', () => {
    const id = requestId('forged-id', false);
    expect(id).not.toBe('forged-id');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('replaces values that could break a log line, even from a trusted proxy', () => {
    expect(requestId('a b\n{"level":"info"}', true)).toMatch(/^[0-9a-f]{16}$/);
    expect(requestId('x'.repeat(200), true)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('generates a fresh id for each request without one', () => {
    expect(requestId(undefined, true)).not.toBe(requestId(undefined, true));
  });
});
