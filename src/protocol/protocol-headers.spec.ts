import { PAGE_CSP_DIRECTIVES } from './page-csp';
import { helmetHeaders } from './protocol-headers';

describe('helmetHeaders', () => {
  it('are the page policy, no framing, no referrer and no sniffing, and nothing helmet adds by default', () => {
    expect(helmetHeaders()).toEqual({
      'content-security-policy': Object.entries(PAGE_CSP_DIRECTIVES)
        .map(([name, values]) => [name, ...values].join(' '))
        .join(';'),
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
  });

  it('refuse at start a policy helmet cannot write', () => {
    expect(() =>
      helmetHeaders({ contentSecurityPolicy: { useDefaults: false, directives: { 'bad name': [] } } }),
    ).toThrow();
  });
});
