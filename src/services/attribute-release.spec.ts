import { decideAccess, releaseAttributes } from './attribute-release';
import { compileServices, findService } from './service-match';
import type { ServiceRules } from './service-rules';

function service(overrides: Partial<ServiceRules> = {}): ServiceRules {
  return {
    id: 1,
    position: 100,
    name: 'app',
    pattern: 'https://app\\.example\\.org/.*',
    userField: '',
    restrictUsers: false,
    allowedUsers: [],
    proxy: false,
    proxyCallback: false,
    singleLogOut: false,
    singleLogOutCallback: '',
    frontChannelLogout: false,
    releasedAttributes: [],
    attributeRewrites: [],
    requiredAttributes: [],
    ...overrides,
  };
}

const alice = { email: 'alice@example.org', groups: ['staff', 'admins'], uid: 'alice01', empty: '' };

describe('attribute release', () => {
  it('releases nothing when no attribute is listed', () => {
    expect(releaseAttributes(service(), alice)).toEqual({});
  });

  it('releases the listed attributes, renamed, and everything with *', () => {
    const rules = service({
      releasedAttributes: [
        { name: 'email', renameTo: 'mail' },
        { name: 'groups', renameTo: '' },
      ],
    });
    expect(releaseAttributes(rules, alice)).toEqual({ mail: 'alice@example.org', groups: ['staff', 'admins'] });
    expect(releaseAttributes(service({ releasedAttributes: [{ name: '*', renameTo: '' }] }), alice)).toEqual(alice);
  });

  it('rewrites every value by the original name with Python-style back-references', () => {
    const rules = service({
      releasedAttributes: [
        { name: 'groups', renameTo: 'roles' },
        { name: 'email', renameTo: '' },
      ],
      attributeRewrites: [
        { attribute: 'groups', pattern: '^(\\w+)$', replacement: 'role-\\1' },
        { attribute: 'email', pattern: '@(?P<dom>.*)$', replacement: ' at \\g<dom> $1' },
      ],
    });
    expect(releaseAttributes(rules, alice)).toEqual({
      roles: ['role-staff', 'role-admins'],
      email: 'alice at example.org $1',
    });
  });
});

describe('access decisions', () => {
  it('refuses users outside the allowed list', () => {
    const rules = service({ restrictUsers: true, allowedUsers: ['bob'] });
    expect(decideAccess(rules, 'alice', alice)).toMatchObject({ allowed: false, reason: 'user_not_allowed' });
    expect(decideAccess(rules, 'bob', {})).toEqual({ allowed: true, username: 'bob' });
  });

  it('requires one value matching from its start', () => {
    const rules = service({ requiredAttributes: [{ attribute: 'groups', pattern: 'admin' }] });
    expect(decideAccess(rules, 'alice', alice)).toEqual({ allowed: true, username: 'alice' });
    expect(decideAccess(rules, 'alice', { groups: ['sysadmins'] })).toMatchObject({
      allowed: false,
      message: 'User characteristics not allowed',
    });
  });

  it('sends the user field instead of the login name, and refuses when it is missing or empty', () => {
    expect(decideAccess(service({ userField: 'uid' }), 'alice', alice)).toEqual({ allowed: true, username: 'alice01' });
    expect(decideAccess(service({ userField: 'groups' }), 'alice', alice)).toEqual({
      allowed: true,
      username: 'staff',
    });
    expect(decideAccess(service({ userField: 'empty' }), 'alice', alice)).toMatchObject({
      allowed: false,
      message: 'The attribute empty is needed to use that service',
    });
  });
});

describe('service matching', () => {
  const compiled = compileServices([
    service({ id: 1, position: 200, name: 'catch-all', pattern: 'https://.*' }),
    service({ id: 2, position: 100, name: 'app', pattern: '^https://app\\.example\\.org/.*$' }),
    service({ id: 3, position: 50, name: 'exact', pattern: 'https://a\\.org/' }),
  ]);

  it('takes the first match in position order', () => {
    expect(findService(compiled, 'https://app.example.org/x')?.rules.name).toBe('app');
    expect(findService(compiled, 'https://other.example.org/')?.rules.name).toBe('catch-all');
  });

  it('matches the whole URL, so a prefix pattern does not cover a longer host', () => {
    // A bare host is matched in its canonical form, with `/` as its path.
    expect(findService(compiled, 'https://a.org')?.rules.name).toBe('exact');
    const onlyExact = compileServices([service({ pattern: 'https://a\\.org/' })]);
    expect(findService(onlyExact, 'https://a.org.evil.com')).toBeNull();
    expect(findService(onlyExact, 'http://app.example.org/')).toBeNull();
  });

  it('matches a pattern written for the bare host when the URL is written without a path', () => {
    const bare = compileServices([service({ pattern: 'https://a\\.org' })]);
    expect(findService(bare, 'https://a.org')?.url).toBe('https://a.org');
    expect(findService(bare, 'https://A.org:443')?.url).toBe('https://a.org');
    // Written with a path, the URL is matched as written only.
    expect(findService(bare, 'https://a.org/')).toBeNull();
    expect(findService(bare, 'https://a.org.evil.com')).toBeNull();
  });
});
