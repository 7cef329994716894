import { DOMParser, type Element } from '@xmldom/xmldom';
import { SAMLP_NS, SOAP_NS } from './saml-request';
import { CAS_ATTRIBUTE_NS, SAML_NS, samlFailureXml, samlSuccessXml } from './saml.response';

const NOW = new Date('2008-12-10T14:12:14.817Z');

function parse(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  const all = (ns: string, name: string): Element[] => Array.from(doc.getElementsByTagNameNS(ns, name));
  const one = (ns: string, name: string): Element => {
    const found = all(ns, name);
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { root, all, one };
}

const children = (el: Element): Array<string | null> =>
  Array.from(el.childNodes)
    .filter((n) => n.nodeType === 1)
    .map((n) => (n as Element).localName);

describe('SAML 1.1 responses', () => {
  const success = () =>
    samlSuccessXml({
      now: NOW,
      target: 'https://app.example.org/?a=1&b=<2>',
      requestId: '_192.168.16.51.1024506224022',
      issuer: 'cas.example.org',
      user: 'johnq',
      authenticationDate: new Date('2008-12-10T14:12:14.741Z'),
      attributes: { eduPersonAffiliation: ['staff', 'faculty'], mail: 'j<q>@example.org' },
    });

  it('wrap a SAML 1.1 Response in a SOAP 1.1 envelope, with the spec namespaces (SA-10, SA-11, SA-12)', () => {
    const { root, one } = parse(success());
    expect(root.namespaceURI).toBe(SOAP_NS);
    expect(root.localName).toBe('Envelope');
    const response = one(SAMLP_NS, 'Response');
    expect(response.getAttribute('MajorVersion')).toBe('1');
    expect(response.getAttribute('MinorVersion')).toBe('1');
    expect(response.getAttribute('IssueInstant')).toBe('2008-12-10T14:12:14.817Z');
    expect(response.getAttribute('Recipient')).toBe('https://app.example.org/?a=1&b=<2>');
    expect(response.getAttribute('InResponseTo')).toBe('_192.168.16.51.1024506224022');
    expect(response.getAttribute('ResponseID')).toMatch(/^_[0-9a-f]{32}$/);
  });

  it('say samlp:Success with the samlp prefix bound to the protocol namespace (SA-13)', () => {
    const { one } = parse(success());
    const code = one(SAMLP_NS, 'StatusCode');
    expect(code.getAttribute('Value')).toBe('samlp:Success');
    expect(code.lookupNamespaceURI('samlp')).toBe(SAMLP_NS);
  });

  it('carry one Assertion with Conditions, Audience and both statements (SA-15..SA-19)', () => {
    const { one, all } = parse(success());
    const assertion = one(SAML_NS, 'Assertion');
    expect(assertion.getAttribute('Issuer')).toBe('cas.example.org');
    expect(assertion.getAttribute('AssertionID')).toMatch(/^_[0-9a-f]{32}$/);
    expect(children(assertion)).toEqual(['Conditions', 'AttributeStatement', 'AuthenticationStatement']);
    const conditions = one(SAML_NS, 'Conditions');
    expect(conditions.getAttribute('NotBefore')).toBe('2008-12-10T14:12:14.817Z');
    expect(conditions.getAttribute('NotOnOrAfter')).toBe('2008-12-10T14:12:44.817Z');
    expect(one(SAML_NS, 'Audience').textContent).toBe('https://app.example.org/?a=1&b=<2>');
    const authn = one(SAML_NS, 'AuthenticationStatement');
    expect(authn.getAttribute('AuthenticationInstant')).toBe('2008-12-10T14:12:14.741Z');
    expect(authn.getAttribute('AuthenticationMethod')).toBe('urn:oasis:names:tc:SAML:1.0:am:password');
    expect(all(SAML_NS, 'NameIdentifier').map((n) => n.textContent)).toEqual(['johnq', 'johnq']);
    expect(all(SAML_NS, 'ConfirmationMethod').map((n) => n.textContent)).toEqual([
      'urn:oasis:names:tc:SAML:1.0:cm:artifact',
      'urn:oasis:names:tc:SAML:1.0:cm:artifact',
    ]);
  });

  it('give each attribute one Attribute and each value one AttributeValue, escaped (SA-19, SA-22)', () => {
    const { all } = parse(success());
    const attributes = all(SAML_NS, 'Attribute');
    expect(attributes.map((a) => a.getAttribute('AttributeName'))).toEqual(['eduPersonAffiliation', 'mail']);
    expect(attributes.every((a) => a.getAttribute('AttributeNamespace') === CAS_ATTRIBUTE_NS)).toBe(true);
    const values = (a: Element) =>
      Array.from(a.getElementsByTagNameNS(SAML_NS, 'AttributeValue')).map((v) => v.textContent);
    expect(values(attributes[0])).toEqual(['staff', 'faculty']);
    expect(values(attributes[1])).toEqual(['j<q>@example.org']);
  });

  it('leave the AttributeStatement out when nothing is released (SA-21)', () => {
    const xml = samlSuccessXml({
      now: NOW,
      target: 'http://app.example.org/',
      requestId: null,
      issuer: 'cas',
      user: 'johnq',
      authenticationDate: NOW,
      attributes: {},
    });
    const { all, one } = parse(xml);
    expect(all(SAML_NS, 'AttributeStatement')).toHaveLength(0);
    expect(one(SAMLP_NS, 'Response').hasAttribute('InResponseTo')).toBe(false);
  });

  it('refuse with a status and a message and no Assertion (SA-14)', () => {
    const xml = samlFailureXml({
      now: NOW,
      target: 'https://app.example.org/',
      requestId: 'r1',
      status: 'RequestDenied',
      message: 'Ticket ST-1 not recognized',
    });
    const { all, one } = parse(xml);
    expect(one(SAMLP_NS, 'StatusCode').getAttribute('Value')).toBe('samlp:RequestDenied');
    expect(one(SAMLP_NS, 'StatusMessage').textContent).toBe('Ticket ST-1 not recognized');
    expect(all(SAML_NS, 'Assertion')).toHaveLength(0);
  });
});
