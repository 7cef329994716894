import { DOMParser } from '@xmldom/xmldom';
import { logoutRequestXml } from './logout-request';

describe('SAML LogoutRequest (S-12)', () => {
  it('carries ID, Version, IssueInstant, the user as NameID and the ticket as SessionIndex', () => {
    const xml = logoutRequestXml('alice <&>', 'ST-abc', new Date('2026-01-02T03:04:05.678Z'));
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const root = doc.documentElement!;
    expect(root.localName).toBe('LogoutRequest');
    expect(root.namespaceURI).toBe('urn:oasis:names:tc:SAML:2.0:protocol');
    expect(root.getAttribute('Version')).toBe('2.0');
    expect(root.getAttribute('IssueInstant')).toBe('2026-01-02T03:04:05Z');
    expect(root.getAttribute('ID')).toMatch(/^LR-[A-Za-z0-9]{30}$/);
    const nameId = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'NameID')[0];
    expect(nameId.textContent).toBe('alice <&>');
    const index = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:protocol', 'SessionIndex')[0];
    expect(index.textContent).toBe('ST-abc');
  });

  it('uses a fresh ID for every message', () => {
    const ids = new Set(Array.from({ length: 50 }, () => /ID="([^"]+)"/.exec(logoutRequestXml('a', 'ST-1'))![1]));
    expect(ids.size).toBe(50);
  });
});
