import { learnAccount, usernameForLog, usernameMarker } from './username-label';

describe('usernames in logs', () => {
  it('show a name only once the source said it names an account', () => {
    expect(usernameForLog('hunter2')).toBe(`an unknown username (${usernameMarker('hunter2')})`);
    expect(usernameForLog('hunter2', false)).not.toContain('hunter2');
    expect(usernameForLog('alice', true)).toBe('"alice"');
    expect(usernameForLog('alice')).toBe('"alice"');
    learnAccount('alice', false);
    expect(usernameForLog('alice')).not.toContain('alice');
  });

  it('give a stable marker that is not a plain hash of the text', () => {
    expect(usernameMarker('hunter2')).toBe(usernameMarker('hunter2'));
    expect(usernameMarker('hunter2')).not.toBe(usernameMarker('hunter3'));
    expect(usernameMarker('hunter2')).toMatch(/^#[0-9a-f]{12}$/);
  });
});
