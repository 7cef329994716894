import { randomBytes } from 'node:crypto';
import { checkLoginTicket, isIssuedBrowserId, issueLoginTicket, newBrowserId } from './login-ticket-codec';

const KEY = randomBytes(32);
const NOW = 1_700_000_000_000;
const LATER = NOW + 7_200_000;

describe('pre-session cookie values', () => {
  it('accepts the values it issued and nothing a client made up', () => {
    const browser = newBrowserId(KEY);
    expect(browser).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(isIssuedBrowserId(KEY, browser)).toBe(true);
    expect(isIssuedBrowserId(randomBytes(32), browser)).toBe(false);
    const flipped = browser.slice(0, 5) + (browser[5] === 'a' ? 'b' : 'a') + browser.slice(6);
    expect(isIssuedBrowserId(KEY, flipped)).toBe(false);
    for (const forged of [undefined, '', 'a'.repeat(32), 'a'.repeat(64), `${browser}0`, browser.toUpperCase()]) {
      expect(isIssuedBrowserId(KEY, forged)).toBe(false);
    }
  });
});

describe('login tickets', () => {
  const browser = newBrowserId(KEY);

  it('are CAS_LT_LEN characters of [A-Za-z0-9] after the prefix, longer only when that is too short', () => {
    expect(issueLoginTicket(KEY, browser, 'LT', 64, LATER)).toMatch(/^LT-[A-Za-z0-9]{61}$/);
    expect(issueLoginTicket(KEY, browser, 'LT', 256, LATER)).toHaveLength(256);
    expect(issueLoginTicket(KEY, browser, 'LT', 26, LATER)).toMatch(/^LT-[A-Za-z0-9]{55}$/);
  });

  it('verify themselves: genuine, live and shown with this cookie', () => {
    const ticket = issueLoginTicket(KEY, browser, 'LT', 64, LATER);
    const checked = checkLoginTicket(KEY, ticket, browser, 'LT', NOW);
    expect(checked).toEqual({ nonce: ticket.slice(3, 25), expiresAt: LATER });
    expect(checkLoginTicket(KEY, ticket, browser, 'LT', LATER - 1)).not.toBeNull();
    expect(checkLoginTicket(KEY, ticket, browser, 'LT', LATER)).toBeNull();
  });

  it('refuse another browser, another key, another prefix, and any altered character', () => {
    const ticket = issueLoginTicket(KEY, browser, 'LT', 64, LATER);
    expect(checkLoginTicket(KEY, ticket, newBrowserId(KEY), 'LT', NOW)).toBeNull();
    expect(checkLoginTicket(randomBytes(32), ticket, browser, 'LT', NOW)).toBeNull();
    expect(checkLoginTicket(KEY, ticket, browser, 'LX', NOW)).toBeNull();
    for (let i = 3; i < ticket.length; i++) {
      const altered = ticket.slice(0, i) + (ticket[i] === '0' ? '1' : '0') + ticket.slice(i + 1);
      expect(checkLoginTicket(KEY, altered, browser, 'LT', NOW)).toBeNull();
    }
  });

  it('cannot have their expiry pushed back, nor be made of junk', () => {
    const ticket = issueLoginTicket(KEY, browser, 'LT', 64, NOW + 10_000);
    const expiry = Math.ceil((NOW + 10_000_000) / 1000)
      .toString(36)
      .padStart(7, '0');
    const pushed = `${ticket.slice(0, 25)}${expiry}${ticket.slice(32)}`;
    expect(checkLoginTicket(KEY, pushed, browser, 'LT', NOW + 20_000)).toBeNull();
    for (const junk of ['', 'LT-', 'LT-abc', `LT-${'-'.repeat(61)}`, `LT-${'a'.repeat(61)}`, 'ST-x']) {
      expect(checkLoginTicket(KEY, junk, browser, 'LT', NOW)).toBeNull();
    }
  });
});
