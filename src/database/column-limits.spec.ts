import { assertFits, COLUMN_LIMITS, fitsLimit, overflows, ValueTooLongError } from './column-limits';

describe('column limits', () => {
  it('count characters as the database does: a 4-byte character is one', () => {
    expect(fitsLimit('\u{1F600}'.repeat(255), { chars: 255 })).toBe(true);
    expect(fitsLimit('\u{1F600}'.repeat(256), { chars: 255 })).toBe(false);
    expect(fitsLimit('a'.repeat(255), { chars: 255 })).toBe(true);
    expect(fitsLimit('a'.repeat(256), { chars: 255 })).toBe(false);
    // A lone surrogate is stored as one replacement character.
    expect(fitsLimit('\uD800'.repeat(255), { chars: 255 })).toBe(true);
  });

  it('count bytes of UTF-8 for long text columns', () => {
    expect(fitsLimit('é'.repeat(5), { bytes: 10 })).toBe(true);
    expect(fitsLimit('é'.repeat(6), { bytes: 10 })).toBe(false);
    expect(fitsLimit('\u{1F600}'.repeat(2), { bytes: 8 })).toBe(true);
    expect(fitsLimit('\u{1F600}'.repeat(3), { bytes: 8 })).toBe(false);
  });

  it('name every column that would overflow, and ignore the ones without a limit', () => {
    const found = overflows('tickets', { username: 'u'.repeat(256), login_name: 'ok', service: 'x' });
    expect(found).toEqual([{ table: 'tickets', column: 'username', limit: COLUMN_LIMITS.tickets.username }]);
    expect(() => assertFits('sso_sessions', { username: 'u'.repeat(300), auth_source: 's'.repeat(33) })).toThrow(
      new ValueTooLongError([
        { table: 'sso_sessions', column: 'username', limit: { chars: 255 } },
        { table: 'sso_sessions', column: 'auth_source', limit: { chars: 32 } },
      ]),
    );
    expect(() => assertFits('users', { username: 'alice', attributes: null })).not.toThrow();
  });
});
