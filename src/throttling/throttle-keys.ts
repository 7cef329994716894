import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a counter is kept for. IPv4-mapped IPv6 is the IPv4 address; an IPv6 address
 * counts as its /64, the block one customer usually holds whole, so an attacker cannot walk
 * through the addresses of their own network to dodge the counters.
 */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  // An embedded IPv4 address at the end fills the last two groups.
  const rightGroups = right.length + (right.at(-1)?.includes('.') ? 1 : 0);
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(8 - left.length - rightGroups, 0)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Usernames differing only in case or surrounding spaces are one username to the counters. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Row ids of the three counters of an attempt. Only hashes are stored: people sometimes type
 * their password into the username field.
 */
export function counterKeys(username: string, address: string): { pair: string; username: string; address: string } {
  const user = normalizeUsername(username);
  const network = clientNetwork(address);
  const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  return {
    pair: hash(`pair\u0000${user}\u0000${network}`),
    username: hash(`user\u0000${user}`),
    address: hash(`addr\u0000${network}`),
  };
}
