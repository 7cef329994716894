import { clientNetwork, counterKeys } from './throttle-keys';

describe('throttle keys', () => {
  it('counts IPv4 addresses as they are, IPv4-mapped IPv6 as IPv4, IPv6 by its /64', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002::ffff')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('treats a username in another case or with spaces as the same, and stores only hashes', () => {
    const a = counterKeys('Alice ', '203.0.113.7');
    expect(a).toEqual(counterKeys('alice', '203.0.113.7'));
    expect(a.pair).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([a.pair, a.username, a.address]).size).toBe(3);
    expect(counterKeys('alice', '203.0.113.8').pair).not.toBe(a.pair);
    expect(counterKeys('alice', '203.0.113.8').username).toBe(a.username);
    expect(counterKeys('bob', '203.0.113.7').address).toBe(a.address);
  });
});
