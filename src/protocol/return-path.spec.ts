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
  });
});
