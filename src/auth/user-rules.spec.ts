import { MAX_PASSWORD_BYTES, passwordProblem, usernameProblem } from './user-rules';

describe('password rule', () => {
  it('accepts exactly 72 bytes and refuses 73, counting UTF-8 bytes rather than characters', () => {
    expect(passwordProblem('a'.repeat(MAX_PASSWORD_BYTES))).toBeNull();
    expect(passwordProblem('a'.repeat(MAX_PASSWORD_BYTES + 1))).toMatch(/72 bytes/);
    // 36 characters of 2 bytes each fit; one more ASCII letter (37 characters) does not.
    expect(passwordProblem('é'.repeat(36))).toBeNull();
    expect(passwordProblem(`${'é'.repeat(36)}a`)).toMatch(/72 bytes/);
    // 18 four-byte emoji are 72 bytes although JavaScript counts 36 code units.
    expect(passwordProblem('🔑'.repeat(18))).toBeNull();
    expect(passwordProblem('🔑'.repeat(19))).toMatch(/72 bytes/);
  });

  it('refuses an empty password', () => {
    expect(passwordProblem('')).toBe('must not be empty');
  });
});

describe('username rule', () => {
  it('refuses empty, over-long, padded and control-character names', () => {
    expect(usernameProblem('alice')).toBeNull();
    expect(usernameProblem('jean pierre')).toBeNull();
    expect(usernameProblem('')).toBe('must not be empty');
    expect(usernameProblem('a'.repeat(256))).toMatch(/255/);
    // 255 emoji are 510 UTF-16 units but 255 characters, which the column holds.
    expect(usernameProblem('🙂'.repeat(255))).toBeNull();
    expect(usernameProblem('🙂'.repeat(256))).toMatch(/255/);
    expect(usernameProblem(' alice')).toMatch(/surrounding spaces/);
    expect(usernameProblem('alice\n')).toMatch(/control/);
    expect(usernameProblem('al\u0000ice')).toMatch(/control/);
  });
});
