import { parseSamlRequest } from './saml-request';

function envelope(inner: string, prefix = 'SOAP-ENV'): string {
  return (
    `<${prefix}:Envelope xmlns:${prefix}="http://schemas.xmlsoap.org/soap/envelope/">` +
    `<${prefix}:Header/><${prefix}:Body>${inner}</${prefix}:Body></${prefix}:Envelope>`
  );
}

const REQUEST = (artifact: string, id = '_192.168.16.51.1024506224022') =>
  `<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" MajorVersion="1" MinorVersion="1" ` +
  `RequestID="${id}" IssueInstant="2002-06-19T17:03:44.022Z">` +
  `<samlp:AssertionArtifact>${artifact}</samlp:AssertionArtifact></samlp:Request>`;

describe('SAML 1.1 request parsing', () => {
  it('reads the artifact and the RequestID of the spec example', () => {
    expect(parseSamlRequest(envelope(REQUEST('ST-1-u4hrm3td92cLxpCvrjyl')))).toEqual({
      ok: true,
      requestId: '_192.168.16.51.1024506224022',
      artifact: 'ST-1-u4hrm3td92cLxpCvrjyl',
    });
  });

  it('trims the artifact and accepts any prefixes, by namespace (SA-05)', () => {
    const body = envelope(
      '<p:Request xmlns:p="urn:oasis:names:tc:SAML:1.0:protocol" RequestID="r1">' +
        '<p:AssertionArtifact>\n      ST-abc\n    </p:AssertionArtifact></p:Request>',
      'soap',
    );
    expect(parseSamlRequest(body)).toEqual({ ok: true, requestId: 'r1', artifact: 'ST-abc' });
  });

  it('does not take an element of another namespace for the artifact', () => {
    const body = envelope(
      '<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol">' +
        '<x:AssertionArtifact xmlns:x="urn:other">ST-abc</x:AssertionArtifact></samlp:Request>',
    );
    expect(parseSamlRequest(body).ok).toBe(false);
  });

  it('refuses empty, malformed and non-SOAP bodies', () => {
    expect(parseSamlRequest('')).toMatchObject({ ok: false, reason: 'the request body is empty' });
    expect(parseSamlRequest('<a><b></a>')).toMatchObject({ ok: false });
    expect(parseSamlRequest('not xml at all')).toMatchObject({ ok: false });
    expect(parseSamlRequest(REQUEST('ST-1'))).toMatchObject({ ok: false, reason: expect.stringMatching(/SOAP/) });
    expect(parseSamlRequest(envelope(''))).toMatchObject({ ok: false });
    expect(parseSamlRequest(envelope(REQUEST('  ')))).toMatchObject({ ok: false });
  });

  it('refuses any DTD, so no entity is ever expanded (XXE)', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      envelope(REQUEST('&x;')).replace('<SOAP-ENV:Envelope', '<SOAP-ENV:Envelope');
    expect(parseSamlRequest(xxe)).toMatchObject({ ok: false, reason: expect.stringMatching(/document type/) });
  });

  it('drops an unusable RequestID rather than echoing it', () => {
    const result = parseSamlRequest(envelope(REQUEST('ST-1', 'a b&amp;c')));
    expect(result).toMatchObject({ ok: true, requestId: null });
  });
});
