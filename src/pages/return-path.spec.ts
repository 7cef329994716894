import { safeReturnPath } from './return-path';

describe('return path of the language switcher and dismissals', () => {
  it('keeps a path of the CAS prefix with its query', () => {
    expect(safeReturnPath('/cas/login?service=https%3A%2F%2Fapp.example.org%2F', '/cas')).toBe(
      '/cas/login?service=https%3A%2F%2Fapp.example.org%2F',
    );
    expect(safeReturnPath('/logout', '')).toBe('/logout');
  });

  it('sends anything else to the login page: other hosts, other paths, tricks', () => {
    for (const next of [
      undefined,
      '',
      'https://evil.example.com/',
      '//evil.example.com/cas/login',
      '/\\evil.example.com',
      '/admin',
      '/cassette',
      'javascript:alert(1)',
      '/cas/login\r\nSet-Cookie: x=1',
    ]) {
      expect(safeReturnPath(next, '/cas')).toBe('/cas/login');
    }
  });

  it('resolves dot segments before checking the prefix', () => {
    expect(safeReturnPath('/cas/../admin', '/cas')).toBe('/cas/login');
    expect(safeReturnPath('/cas/x/../login?a=1', '/cas')).toBe('/cas/login?a=1');
  });

  // Issue 14 item 4: at the prefix `/` every path is "under the prefix", and these resolve to
  // `//evil.com`, which a browser reads as another host.
  it.each(['/.//evil.com', '/%2e//evil.com/x', '/a/..//evil.com', '/./%2E//evil.com', '/x/%2e%2e//evil.com'])(
    'never answers %j with a path that leaves the server, at prefix / and /cas',
    (next) => {
      expect(safeReturnPath(next, '')).toBe('/login');
      expect(safeReturnPath(next, '/cas')).toBe('/cas/login');
      // Under the prefix it is a harmless path of this server.
      const inside = safeReturnPath(`/cas${next}`, '/cas');
      expect(new URL(inside, 'https://cas.example.org').host).toBe('cas.example.org');
    },
  );

  it('keeps ordinary paths at the prefix /', () => {
    expect(safeReturnPath('/login?service=https%3A%2F%2Fapp.example.org%2F', '')).toBe(
      '/login?service=https%3A%2F%2Fapp.example.org%2F',
    );
    expect(safeReturnPath('/a/../logout', '')).toBe('/logout');
    expect(safeReturnPath('/', '')).toBe('/');
  });
});
