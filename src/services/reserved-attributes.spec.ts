import { releaseAttributes } from './attribute-release';
import { isReservedAttributeName, RESERVED_ATTRIBUTE_NAMES } from './reserved-attributes';
import { checkDefinition, DEFAULT_DEFINITION } from './service-definition';
import type { ServiceRules } from './service-rules';

const rules = (released: Array<{ name: string; renameTo: string }>): ServiceRules => ({
  ...DEFAULT_DEFINITION,
  id: 1,
  name: 'app',
  pattern: 'https://app\\.example\\.org/.*',
  releasedAttributes: released,
});

describe('reserved attribute names', () => {
  it('cover what the response builders emit, compared without case', () => {
    for (const name of ['authenticationDate', 'isFromNewLogin', 'longTermAuthenticationRequestTokenUsed']) {
      expect(RESERVED_ATTRIBUTE_NAMES).toContain(name);
    }
    expect(isReservedAttributeName('ISFROMNEWLOGIN')).toBe(true);
    expect(isReservedAttributeName('authnContextClass')).toBe(true);
    expect(isReservedAttributeName('mail')).toBe(false);
  });

  it('are never released, even with `*`, unless renamed to a free name', () => {
    const attributes = { isFromNewLogin: 'true', authnContextClass: 'mfa', mail: 'a@example.org' };
    expect(releaseAttributes(rules([{ name: '*', renameTo: '' }]), attributes)).toEqual({ mail: 'a@example.org' });
    expect(releaseAttributes(rules([{ name: 'mail', renameTo: 'authenticationDate' }]), attributes)).toEqual({});
    expect(releaseAttributes(rules([{ name: 'isFromNewLogin', renameTo: 'sourceNewLogin' }]), attributes)).toEqual({
      sourceNewLogin: 'true',
    });
  });

  it('are refused where an administrator chooses the released name', () => {
    const def = rules([
      { name: 'mail', renameTo: 'AuthenticationDate' },
      { name: 'credentialType', renameTo: '' },
      { name: 'isFromNewLogin', renameTo: 'fromSource' },
    ]);
    expect(checkDefinition(def).map((e) => e.field)).toEqual([
      'releasedAttributes[0].renameTo',
      'releasedAttributes[1].name',
    ]);
  });
});
