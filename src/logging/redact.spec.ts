import { secretRedactor } from './redact';

describe('secretRedactor', () => {
  const redact = secretRedactor(['ST', 'PT', 'PGT', 'PGTIOU', 'LT', 'TGT']);

  it('shortens service tickets, proxy-granting tickets and SSO cookies to their first characters', () => {
    const st = `ST-${'a1'.repeat(30)}`;
    const pgt = `PGT-${'Zx'.repeat(30)}`;
    const out = redact(`validated ${st} and delivered ${pgt}; cookie TGT-${'q'.repeat(48)}`);
    expect(out).toBe('validated ST-a1a1a1a1… and delivered PGT-ZxZxZxZx…; cookie TGT-qqqqqqqq…');
  });

  it('leaves words that only start like a ticket, and already shortened tickets, alone', () => {
    expect(redact('ST-abc PT- LT-12345678… STATUS-ok')).toBe('ST-abc PT- LT-12345678… STATUS-ok');
  });

  it('follows custom prefixes', () => {
    expect(secretRedactor(['SVC'])(`SVC-${'x'.repeat(40)}`)).toBe('SVC-xxxxxxxx…');
  });
});
