import { appendParameter, isBrowserUrl, sameService } from './service-url';

describe('appending a ticket to a service URL (L-34)', () => {
  const t = 'ST-abc123';
  it.each([
    ['https://app/x', 'https://app/x?ticket=ST-abc123'],
    ['https://app/x?a=1&b=2', 'https://app/x?a=1&b=2&ticket=ST-abc123'],
    ['https://app/x?', 'https://app/x?ticket=ST-abc123'],
    ['https://app/x#frag', 'https://app/x?ticket=ST-abc123#frag'],
    ['https://app/x?b=2&a=1#f?g', 'https://app/x?b=2&a=1&ticket=ST-abc123#f?g'],
    ['https://app/x?ticket=OLD&z=1', 'https://app/x?z=1&ticket=ST-abc123'],
    ['https://app/x?q=a%20b&r=%2F', 'https://app/x?q=a%20b&r=%2F&ticket=ST-abc123'],
    ['https://app/caf\u00e9?n=\u00e9', 'https://app/caf%C3%A9?n=%C3%A9&ticket=ST-abc123'],
  ])('%s → %s', (service, expected) => {
    expect(appendParameter(service, 'ticket', t)).toBe(expected);
  });
});

describe('comparing services (T-40, T-41)', () => {
  it('ignores the fragment and case', () => {
    expect(sameService('https://App.example/x?a=1', 'https://app.example/X?a=1#top')).toBe(true);
  });
  it('does not ignore a trailing slash, the host or the query', () => {
    expect(sameService('https://a.org/', 'https://a.org')).toBe(false);
    expect(sameService('https://a.org/', 'https://www.a.org/')).toBe(false);
    expect(sameService('https://a.org/?a=1&b=2', 'https://a.org/?b=2&a=1')).toBe(false);
  });
});

describe('URLs a browser may be sent to', () => {
  it.each(['https://app.example.org/', 'http://127.0.0.1:8080/x?y=1#z', 'HTTPS://APP.EXAMPLE.ORG'])(
    '%s: yes',
    (url) => {
      expect(isBrowserUrl(url)).toBe(true);
    },
  );
  it.each([
    'javascript:alert(1)//https://app.example.org/',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example.com/',
    'https:/\\evil.example.com',
    'https:///evil',
    'https:// evil',
    '/cas/login',
    'imap://mail.example.org',
  ])('%j: no', (url) => {
    expect(isBrowserUrl(url)).toBe(false);
  });
});
