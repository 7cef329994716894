import { callbackUrl, checkPgtUrl, isLoopbackHost } from './pgt-url';

describe('pgtUrl rules', () => {
  it('accept https callbacks', () => {
    expect(checkPgtUrl('https://proxy.example.org/cb', false)).toEqual({ ok: true });
  });

  it('accept plain http only to a loopback host, and only while that is allowed (P-10)', () => {
    expect(checkPgtUrl('http://127.0.0.1:8000/cb', true)).toEqual({ ok: true });
    expect(checkPgtUrl('http://[::1]:8000/cb', true)).toEqual({ ok: true });
    expect(checkPgtUrl('http://localhost/cb', true)).toEqual({ ok: true });
    expect(checkPgtUrl('http://127.0.0.1:8000/cb', false)).toEqual({ ok: false, reason: 'must use https' });
    expect(checkPgtUrl('http://proxy.example.org/cb', true)).toEqual({ ok: false, reason: 'must use https' });
    expect(checkPgtUrl('http://127.0.0.1.example.org/cb', true).ok).toBe(false);
  });

  it('refuse other schemes and relative URLs', () => {
    expect(checkPgtUrl('ftp://proxy.example.org/cb', true).ok).toBe(false);
    expect(checkPgtUrl('/cb', true)).toEqual({ ok: false, reason: 'is not an absolute URL' });
  });

  it('know the loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.8.9.10')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.org')).toBe(false);
  });

  it('keep the pgtUrl query and append pgtId then pgtIou (P-13)', () => {
    expect(callbackUrl('https://p.example.org/cb?a=1&b=2', 'PGT-1', 'PGTIOU-2')).toBe(
      'https://p.example.org/cb?a=1&b=2&pgtId=PGT-1&pgtIou=PGTIOU-2',
    );
    expect(callbackUrl('https://p.example.org/cb', 'PGT-1', 'PGTIOU-2')).toBe(
      'https://p.example.org/cb?pgtId=PGT-1&pgtIou=PGTIOU-2',
    );
  });
});
