import { DOMParser, type Element } from '@xmldom/xmldom';
import { Browser } from './support/browser';
import { loginForTicket, q } from './support/cas-client';
import { CasServer } from './support/cas-server';
import { DATABASES } from './support/test-db';

const APP = 'https://app.example.org/saml?x=1';
const PLAIN = 'http://plain.example.org/';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SAMLP = 'urn:oasis:names:tc:SAML:1.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:1.0:assertion';

/** The request of the spec (§6), as the Java client sends it. */
function samlRequest(artifact: string, requestId = '_192.168.16.51.1024506224022'): string {
  return `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">
  <SOAP-ENV:Header/>
  <SOAP-ENV:Body>
    <samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol"
        MajorVersion="1" MinorVersion="1"
        RequestID="${requestId}" IssueInstant="2002-06-19T17:03:44.022Z">
      <samlp:AssertionArtifact>
        ${artifact}
      </samlp:AssertionArtifact>
    </samlp:Request>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`;
}

interface SamlAnswer {
  status: number;
  contentType: string | null;
  statusCode: string | null;
  message: string | null;
  all: (ns: string, name: string) => Element[];
  one: (ns: string, name: string) => Element;
}

function read(status: number, contentType: string | null, xml: string): SamlAnswer {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  if (doc.documentElement?.namespaceURI !== SOAP_NS) throw new Error(`not SOAP: ${xml}`);
  const all = (ns: string, name: string) => Array.from(doc.getElementsByTagNameNS(ns, name));
  const one = (ns: string, name: string) => {
    const found = all(ns, name);
    if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}: ${xml}`);
    return found[0];
  };
  return {
    status,
    contentType,
    statusCode: all(SAMLP, 'StatusCode')[0]?.getAttribute('Value') ?? null,
    message: all(SAMLP, 'StatusMessage')[0]?.textContent ?? null,
    all,
    one,
  };
}

describe.each(DATABASES)('SAML 1.1 /samlValidate on %s', (db) => {
  let cas: CasServer;

  beforeAll(async () => {
    cas = await CasServer.start({ db, env: { CAS_AUTH_CLASS: 'test' } });
    for (const args of [
      ['--name', 'app', '--pattern', 'https://app\\.example\\.org/.*', '--release', '*'],
      ['--name', 'other', '--pattern', 'https://other\\.example\\.org/.*', '--release', '*'],
      ['--name', 'plain', '--pattern', 'http://plain\\.example\\.org/.*', '--release', '*'],
    ]) {
      const result = await cas.cli(['services:add', ...args]);
      if (result.code !== 0) throw new Error(result.stderr);
    }
  });

  afterAll(async () => {
    await cas?.stop();
  });

  /** Logs in with TARGET, as SAML clients do: the ticket comes back as SAMLart. */
  const artifact = (target = APP) =>
    loginForTicket(
      new Browser(),
      cas.url(`/login?${q({ TARGET: target })}`),
      { username: 'test', password: 'test' },
      'SAMLart',
    );

  async function post(query: string, body: string, contentType = 'text/xml'): Promise<SamlAnswer> {
    const res = await fetch(cas.url(`/samlValidate${query}`), {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return read(res.status, res.headers.get('content-type'), await res.text());
  }

  const validate = (target: string | null, body: string) =>
    post(target === null ? '' : `?${q({ TARGET: target })}`, body, 'text/xml; charset=utf-8');

  it('answers a valid artifact with a SOAP-wrapped SAML 1.1 assertion (SA-10..SA-19)', async () => {
    const before = Date.now();
    const answer = await validate(APP, samlRequest(await artifact()));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/xml/);
    expect(answer.statusCode).toBe('samlp:Success');
    expect(answer.one(SAMLP, 'StatusCode').lookupNamespaceURI('samlp')).toBe(SAMLP);

    const response = answer.one(SAMLP, 'Response');
    expect(response.getAttribute('MajorVersion')).toBe('1');
    expect(response.getAttribute('MinorVersion')).toBe('1');
    expect(response.getAttribute('Recipient')).toBe(APP);
    expect(response.getAttribute('InResponseTo')).toBe('_192.168.16.51.1024506224022');

    const assertion = answer.one(SAML, 'Assertion');
    expect(assertion.getAttribute('Issuer')).toBe('127.0.0.1');
    const conditions = answer.one(SAML, 'Conditions');
    const notBefore = Date.parse(conditions.getAttribute('NotBefore')!);
    expect(notBefore).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(conditions.getAttribute('NotOnOrAfter')!) - notBefore).toBe(30_000);
    expect(answer.one(SAML, 'Audience').textContent).toBe(APP);

    const authn = answer.one(SAML, 'AuthenticationStatement');
    expect(authn.getAttribute('AuthenticationMethod')).toBe('urn:oasis:names:tc:SAML:1.0:am:password');
    expect(Date.parse(authn.getAttribute('AuthenticationInstant')!)).toBeGreaterThanOrEqual(before - 1000);
    expect(answer.all(SAML, 'NameIdentifier').map((n) => n.textContent)).toEqual(['test', 'test']);

    const values = Object.fromEntries(
      answer
        .all(SAML, 'Attribute')
        .map((a) => [
          a.getAttribute('AttributeName'),
          Array.from(a.getElementsByTagNameNS(SAML, 'AttributeValue')).map((v) => v.textContent),
        ]),
    );
    expect(values).toEqual({
      nom: ['Nymous'],
      prenom: ['Ano'],
      email: ['anonymous@example.net'],
      alias: ['demo1', 'demo2'],
    });
  });

  it('spends the ticket: a second validation is denied (SA-06)', async () => {
    const ticket = await artifact();
    expect((await validate(APP, samlRequest(ticket))).statusCode).toBe('samlp:Success');
    const again = await validate(APP, samlRequest(ticket));
    expect(again.statusCode).toBe('samlp:RequestDenied');
    expect(again.message).toContain('not recognized');
    expect(again.all(SAML, 'Assertion')).toHaveLength(0);
  });

  it('denies another TARGET, and the ticket is spent by that attempt', async () => {
    const ticket = await artifact();
    const wrong = await validate('https://other.example.org/', samlRequest(ticket));
    expect(wrong.statusCode).toBe('samlp:RequestDenied');
    expect(wrong.message).toMatch(/not issued for this service/);
    expect((await validate(APP, samlRequest(ticket))).statusCode).toBe('samlp:RequestDenied');
  });

  it('denies a request without TARGET, spending the ticket (SA-02)', async () => {
    const ticket = await artifact();
    const answer = await validate(null, samlRequest(ticket));
    expect(answer.statusCode).toBe('samlp:RequestDenied');
    expect(answer.message).toMatch(/TARGET/);
    expect((await validate(APP, samlRequest(ticket))).statusCode).toBe('samlp:RequestDenied');
  });

  it('denies unknown tickets and requests without an artifact', async () => {
    expect((await validate(APP, samlRequest('ST-unknown'))).statusCode).toBe('samlp:RequestDenied');
    const empty = samlRequest('').replace(/<samlp:AssertionArtifact>[\s\S]*<\/samlp:AssertionArtifact>/, '');
    expect((await validate(APP, empty)).statusCode).toBe('samlp:RequestDenied');
  });

  it('releases no attributes to a plain-http TARGET (SA-03)', async () => {
    const answer = await validate(PLAIN, samlRequest(await artifact(PLAIN)));
    expect(answer.statusCode).toBe('samlp:Success');
    expect(answer.all(SAML, 'AttributeStatement')).toHaveLength(0);
    expect(answer.one(SAML, 'AuthenticationStatement')).toBeDefined();
  });

  const malformed: Array<[string, string, string]> = [
    ['an empty body', '', 'text/xml'],
    ['a body that is not XML', 'ticket=ST-1', 'text/xml'],
    ['unbalanced XML', '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">', 'text/xml'],
    ['XML that is not SOAP', '<Request><AssertionArtifact>ST-1</AssertionArtifact></Request>', 'text/xml'],
    [
      'a DTD with an external entity (XXE)',
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${samlRequest('&xxe;')}`,
      'text/xml',
    ],
    ['a form body', 'a=1', 'application/x-www-form-urlencoded'],
    ['a JSON body', '{"ticket": "ST-1"}', 'application/json'],
    ['broken JSON', '{', 'application/json'],
    ['an oversized body', samlRequest(`ST-${'a'.repeat(70_000)}`), 'text/xml'],
  ];

  it.each(malformed)('answers %s with a SAML Requester error, never a 500', async (_name, body, type) => {
    const answer = await post(`?${q({ TARGET: APP })}`, body, type);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/xml/);
    expect(answer.statusCode).toBe('samlp:Requester');
    expect(answer.all(SAML, 'Assertion')).toHaveLength(0);
    expect(answer.message).not.toContain('root:');
  });
});
