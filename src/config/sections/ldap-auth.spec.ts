import { checkUserQueryTemplate } from './ldap-auth';

describe('CAS_LDAP_USER_QUERY', () => {
  it('refuses templates without a placeholder or with a stray percent sign', () => {
    expect(() => checkUserQueryTemplate('(uid=%(username)s)')).not.toThrow();
    expect(() => checkUserQueryTemplate('(uid=%s)')).not.toThrow();
    expect(() => checkUserQueryTemplate('(uid=alice)')).toThrow(/placeholder/);
    expect(() => checkUserQueryTemplate('(&(uid=%(username)s)(x=5%))')).toThrow(/lone "%"/);
  });
});
