import { parsePasswordCharset, parsePasswordCheckMethod } from './password-settings';

describe('password check settings', () => {
  it('knows the django-cas-server method names', () => {
    expect(parsePasswordCheckMethod('crypt')).toBe('crypt');
    expect(parsePasswordCheckMethod(' HEX_SHA256 ')).toBe('hex_sha256');
    expect(() => parsePasswordCheckMethod('md5')).toThrow(/expected one of plain, crypt, ldap/);
  });

  it('knows the usual charset names', () => {
    expect(parsePasswordCharset('UTF-8')).toBe('utf-8');
    expect(parsePasswordCharset('utf8')).toBe('utf-8');
    expect(parsePasswordCharset('ISO-8859-1')).toBe('latin-1');
    expect(() => parsePasswordCharset('koi8-r')).toThrow(/expected utf-8/);
  });
});
