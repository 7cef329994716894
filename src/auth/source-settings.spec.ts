import { ConfigError, loadConfig, parseLdapServer } from '../config/cas-config';

describe('SQL and LDAP source settings', () => {
  it('accepts sql, its mysql alias and ldap, with django-cas-server defaults', () => {
    expect(loadConfig({ CAS_AUTH_CLASS: 'mysql' }).authClass).toBe('sql');
    const config = loadConfig({ CAS_AUTH_CLASS: 'ldap' });
    expect(config.authClass).toBe('ldap');
    expect(config.sql.passwordCheck).toBe('crypt');
    expect(config.ldap).toMatchObject({
      server: 'ldap://localhost',
      passwordCheck: 'ldap',
      passwordCharset: 'utf-8',
      userQuery: '(uid=%(username)s)',
      startTls: false,
    });
  });

  it('accepts bind only as an LDAP password check', () => {
    expect(loadConfig({ CAS_LDAP_PASSWORD_CHECK: 'bind' }).ldap.passwordCheck).toBe('bind');
    expect(() => loadConfig({ CAS_SQL_PASSWORD_CHECK: 'bind' })).toThrow(ConfigError);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ CAS_SQL_USER_QUERY: 'SELECT * FROM users' })).toThrow(/CAS_SQL_USER_QUERY.*%s/);
    expect(() => loadConfig({ CAS_LDAP_USER_QUERY: '(uid=alice)' })).toThrow(/CAS_LDAP_USER_QUERY.*placeholder/);
    expect(() => loadConfig({ CAS_LDAP_PASSWORD_CHECK: 'sha1' })).toThrow(/CAS_LDAP_PASSWORD_CHECK/);
    expect(() => loadConfig({ CAS_SQL_PASSWORD_CHARSET: 'ebcdic' })).toThrow(/CAS_SQL_PASSWORD_CHARSET/);
    expect(() => loadConfig({ CAS_LDAP_SERVER: 'ldap://host/dc=x' })).toThrow(/CAS_LDAP_SERVER/);
  });

  it('reads LDAP server addresses the way django-cas-server users write them', () => {
    expect(parseLdapServer('ldap.example.org')).toBe('ldap://ldap.example.org');
    expect(parseLdapServer('ldaps://ldap.example.org:636/')).toBe('ldaps://ldap.example.org:636');
    expect(parseLdapServer('127.0.0.1:3890')).toBe('ldap://127.0.0.1:3890');
  });
});
