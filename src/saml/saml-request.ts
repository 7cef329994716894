import { DOMParser, type Document } from '@xmldom/xmldom';

export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SAMLP_NS = 'urn:oasis:names:tc:SAML:1.0:protocol';

export type SamlRequest =
  | { ok: true; requestId: string | null; artifact: string }
  /** `unreadable`: not a SAML request at all; `incomplete`: a request without a ticket. */
  | { ok: false; requestId: string | null; reason: string; problem: 'unreadable' | 'incomplete' };

function unreadable(reason: string): SamlRequest {
  return { ok: false, requestId: null, reason, problem: 'unreadable' };
}

/** RequestID is echoed as InResponseTo: keep it to a sane XML-ID-like shape and size. */
const REQUEST_ID = /^[\p{L}\p{N}_.:-]{1,256}$/u;

/**
 * Reads a SOAP 1.1 `samlp:Request` (SA-01, SA-04): the `AssertionArtifact` is found by name
 * and namespace, wherever the client put it, and trimmed (SA-05). Documents with a DTD are
 * refused outright: no entity is ever expanded, internal or external (SEC-25).
 */
export function parseSamlRequest(body: string): SamlRequest {
  if (body.trim() === '') return unreadable('the request body is empty');
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) return unreadable('document type declarations are not accepted');
  const errors: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(body, 'text/xml');
  } catch {
    return unreadable('the request body is not well-formed XML');
  }
  if (errors.length > 0 || !doc.documentElement) return unreadable('the request body is not well-formed XML');
  const root = doc.documentElement;
  if (root.namespaceURI !== SOAP_NS || root.localName !== 'Envelope') {
    return unreadable('the request is not a SOAP 1.1 envelope');
  }
  const requests = doc.getElementsByTagNameNS(SAMLP_NS, 'Request');
  if (requests.length !== 1) return unreadable('the envelope must hold exactly one samlp:Request');
  const request = requests[0];
  const rawId = request.getAttribute('RequestID');
  const requestId = rawId && REQUEST_ID.test(rawId) ? rawId : null;
  const artifacts = request.getElementsByTagNameNS(SAMLP_NS, 'AssertionArtifact');
  if (artifacts.length !== 1) {
    return {
      ok: false,
      requestId,
      reason: 'the request must hold exactly one samlp:AssertionArtifact',
      problem: 'incomplete',
    };
  }
  const artifact = (artifacts[0].textContent ?? '').trim();
  if (artifact === '') {
    return { ok: false, requestId, reason: 'the samlp:AssertionArtifact is empty', problem: 'incomplete' };
  }
  return { ok: true, requestId, artifact };
}
