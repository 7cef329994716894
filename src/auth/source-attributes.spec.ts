import { sourceAttributes } from './source-attributes';

describe('attributes from a SQL row or LDAP entry', () => {
  it('keeps text, turns numbers and dates into text and drops empty values', () => {
    const row = {
      username: 'alice',
      email: 'alice@example.org',
      age: 42,
      big: 9007199254740993n,
      active: true,
      born: new Date('2000-01-02T03:04:05.000Z'),
      nickname: null,
      photo: Buffer.from('hé'),
    };
    expect(sourceAttributes(row, ['password'], '$6$x')).toEqual({
      username: 'alice',
      email: 'alice@example.org',
      age: '42',
      big: '9007199254740993',
      active: 'true',
      born: '2000-01-02T03:04:05.000Z',
      photo: 'hé',
    });
  });

  it('keeps multi-valued attributes as lists', () => {
    expect(sourceAttributes({ memberOf: ['cn=a', 'cn=b'], mail: 'a@x' }, [], null)).toEqual({
      memberOf: ['cn=a', 'cn=b'],
      mail: 'a@x',
    });
  });

  it('never releases the password, under its own name or any other column', () => {
    const row = { username: 'alice', password: '{SSHA}abc', pass: '{SSHA}abc', mail: 'a@x' };
    expect(sourceAttributes(row, ['password'], row.password)).toEqual({ username: 'alice', mail: 'a@x' });
  });

  it('skips names case-insensitively', () => {
    expect(sourceAttributes({ userPassword: 'x', uid: 'alice' }, ['userpassword'], null)).toEqual({ uid: 'alice' });
  });
});
