import { FilterParser } from 'ldapts';
import { escapeFilterValue, userFilter } from './ldap-filter';

describe('LDAP user filter', () => {
  it('puts the username into the template', () => {
    expect(userFilter('(uid=%(username)s)', 'alice')).toBe('(uid=alice)');
    expect(userFilter('(&(objectClass=person)(|(uid=%(username)s)(mail=%(username)s)))', 'bob')).toBe(
      '(&(objectClass=person)(|(uid=bob)(mail=bob)))',
    );
  });

  it("accepts django-cas-server's older %s placeholder and %% for a percent sign", () => {
    expect(userFilter('(&(uid=%s)(note=100%%))', 'alice')).toBe('(&(uid=alice)(note=100%))');
  });

  it.each([
    ['*', '\\2a'],
    ['admin)(uid=*', 'admin\\29\\28uid=\\2a'],
    ['a\\b', 'a\\5cb'],
    ['\0', '\\00'],
    ['x*)(|(objectClass=*', 'x\\2a\\29\\28|\\28objectClass=\\2a'],
  ])('escapes the filter metacharacters of %j per RFC 4515', (raw, escaped) => {
    expect(escapeFilterValue(raw)).toBe(escaped);
  });

  it('leaves other characters, UTF-8 included, as they are', () => {
    expect(escapeFilterValue('jöhn.doe@example.org')).toBe('jöhn.doe@example.org');
  });

  it('builds a filter that is a single equality test whatever the username', () => {
    const filter = FilterParser.parseString(userFilter('(uid=%(username)s)', 'admin)(uid=*'));
    expect(filter.constructor.name).toBe('EqualityFilter');
    expect(filter.toString()).toBe('(uid=admin\\29\\28uid=\\2a)');
  });
});
