import { appendParameter, canonicalServiceUrl, isBrowserUrl, sameService } from './service-url';

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
  it('does not ignore a trailing slash after a path, the host or the query', () => {
    expect(sameService('https://a.org/x/', 'https://a.org/x')).toBe(false);
    expect(sameService('https://a.org/', 'https://www.a.org/')).toBe(false);
    expect(sameService('https://a.org/?a=1&b=2', 'https://a.org/?b=2&a=1')).toBe(false);
  });
  it('compares canonical forms: what the browser requests is what counts (T-40)', () => {
    // A bare host is its `/` path; a default port, dot segments and unescaped spaces are spelling.
    expect(sameService('https://a.org/', 'https://a.org')).toBe(true);
    expect(sameService('https://a.org/x', 'https://A.org:443/y/../x')).toBe(true);
    expect(sameService('https://a.org/x?q=a%20b', 'https://a.org/x?q=a b')).toBe(true);
    expect(sameService('https://a.org/x?q=a%20b', 'https://a.org/x?q=a%20b#f')).toBe(true);
  });
  it('never matches a URL that was refused, even against the same string', () => {
    const trick = 'https://evil.com\\.example.org/';
    expect(sameService(trick, trick)).toBe(false);
    expect(sameService('https://evil.com/.example.org/', trick)).toBe(false);
  });
});

describe('the canonical form of a service URL', () => {
  it.each([
    ['https://app.example.org/x?a=1&b=2#f', 'https://app.example.org/x?a=1&b=2#f'],
    ['HTTPS://App.Example.ORG/X', 'https://app.example.org/X'],
    ['https://app.example.org', 'https://app.example.org/'],
    ['https://app.example.org:443/x', 'https://app.example.org/x'],
    ['http://127.0.0.1:8080/cb', 'http://127.0.0.1:8080/cb'],
    ['https://app.example.org/a/../b/%2e%2e/c', 'https://app.example.org/c'],
    ['https://app.example.org/a\\b', 'https://app.example.org/a/b'],
    ['https://app.example.org/caf\u00e9?n=\u00e9', 'https://app.example.org/caf%C3%A9?n=%C3%A9'],
    ['https://app.example.org/x?q="<> x', 'https://app.example.org/x?q=%22%3C%3E%20x'],
    ['https://[::1]:8443/x', 'https://[::1]:8443/x'],
    ['imap://mail.example.org', 'imap://mail.example.org'],
  ])('%j is matched and redirected to as %j', (raw, canonical) => {
    expect(canonicalServiceUrl(raw)).toEqual({ ok: true, url: canonical });
  });

  it.each([
    // The parser differential of issue 14: a browser goes to evil.com.
    ['https://evil.com\\.example.org/', 'has something other than a path after its host'],
    ['https://evil.com?.example.org/', 'has something other than a path after its host'],
    ['https://evil.com#.example.org/', 'has something other than a path after its host'],
    ['https://app.example.org@evil.com/', 'carries a user name or password'],
    ['https://user:pw@app.example.org/', 'carries a user name or password'],
    ['https://app.example.org\t.evil.com/', 'contains a control character (tab, newline...)'],
    ['https://app.example.org\n.evil.com/', 'contains a control character (tab, newline...)'],
    [' https://app.example.org/', 'starts or ends with a space'],
    ['https://app.example.org/ ', 'starts or ends with a space'],
    ['https://app.example.org/\u0000', 'contains a control character (tab, newline...)'],
    ['https://ev%69l.com/', 'does not start with the scheme and host it leads to (https://evil.com)'],
    ['https://evil\u3002com/', 'does not start with the scheme and host it leads to (https://evil.com)'],
    [
      'https://b\u00fccher.example/',
      'does not start with the scheme and host it leads to (https://xn--bcher-kva.example)',
    ],
    ['http://127.1/', 'does not start with the scheme and host it leads to (http://127.0.0.1)'],
    ['http://0x7f.0.0.1/', 'does not start with the scheme and host it leads to (http://127.0.0.1)'],
    ['https:/\\evil.example.com/', 'does not start with the scheme and host it leads to (https://evil.example.com)'],
    ['https:evil.example.com/', 'does not start with the scheme and host it leads to (https://evil.example.com)'],
    ['https://app.example.org:/x', 'has something other than a path after its host'],
    ['https://app.example.org:443?x', 'has something other than a path after its host'],
    ['//evil.example.com/', 'is not an absolute URL'],
    ['/cas/login', 'is not an absolute URL'],
    ['file:///etc/passwd', 'has no host'],
    ['javascript:alert(1)', 'has no host'],
  ])('%j is refused: it %s', (raw, reason) => {
    expect(canonicalServiceUrl(raw)).toEqual({ ok: false, reason });
  });

  it('is idempotent, so a URL carried through the login form stays the same', () => {
    for (const raw of ['HTTPS://App.Example.ORG:443/a/./b?q="a b"#f', 'https://app.example.org/caf\u00e9']) {
      const once = canonicalServiceUrl(raw);
      expect(once.ok && canonicalServiceUrl(once.url)).toEqual(once);
    }
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
