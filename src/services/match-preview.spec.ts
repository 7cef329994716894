import { previewMatch } from './match-preview';
import { DEFAULT_DEFINITION } from './service-definition';
import { compileServices } from './service-match';

const services = compileServices([
  {
    id: 1,
    ...DEFAULT_DEFINITION,
    name: 'Staff wiki',
    position: 10,
    pattern: 'https://wiki\\.example\\.org/.*',
    requiredAttributes: [{ attribute: 'group', pattern: 'staff' }],
    releasedAttributes: [{ name: 'mail', renameTo: 'email' }],
    attributeRewrites: [{ attribute: 'mail', pattern: '@old\\.org$', replacement: '@new.org' }],
  },
  { id: 2, ...DEFAULT_DEFINITION, name: 'Everything', pattern: 'https://.*' },
]);

const alice = { username: 'alice', disabled: false, attributes: { mail: 'alice@old.org', group: ['staff'] } };

describe('previewing a service URL', () => {
  it('names the first matching service and the released attributes, renamed and rewritten', () => {
    const preview = previewMatch(services, 'https://wiki.example.org/page', 'alice', alice);
    expect(preview.service?.name).toBe('Staff wiki');
    expect(preview.user).toMatchObject({ ticket: true, casUser: 'alice', attributes: { email: 'alice@new.org' } });
  });

  it('explains a refusal in the words of the login page', () => {
    const bob = { username: 'bob', disabled: false, attributes: { group: 'students' } };
    expect(previewMatch(services, 'https://wiki.example.org/', 'bob', bob).user).toMatchObject({
      ticket: false,
      reason: 'User characteristics not allowed',
    });
  });

  it('says when nothing matches, the user is unknown or disabled', () => {
    expect(previewMatch(services, 'http://plain.example.org/', undefined, null)).toEqual({
      canonicalUrl: 'http://plain.example.org/',
      urlProblem: null,
      service: null,
      user: null,
    });
    expect(previewMatch(services, 'https://x.org/', 'zoe', null).user).toMatchObject({ exists: false, ticket: false });
    expect(previewMatch(services, 'https://x.org/', 'alice', { ...alice, disabled: true }).user).toMatchObject({
      ticket: false,
      reason: 'The user is disabled',
    });
  });

  it('releases nothing from a service with no released attributes', () => {
    expect(previewMatch(services, 'https://x.org/', 'alice', alice).user).toMatchObject({
      ticket: true,
      attributes: {},
    });
  });
});
