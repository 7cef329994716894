import { randomBytes } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Attributes } from '../config/env-parsers';
import { SAMLP_NS, SOAP_NS } from './saml-request';
import { xmlText } from '../common/xml-text';

export const SAML_NS = 'urn:oasis:names:tc:SAML:1.0:assertion';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export const CAS_ATTRIBUTE_NS = 'http://www.ja-sig.org/products/cas/';
const ARTIFACT_CONFIRMATION = 'urn:oasis:names:tc:SAML:1.0:cm:artifact';
const PASSWORD_METHOD = 'urn:oasis:names:tc:SAML:1.0:am:password';
/** How long the assertion may be relied on (SA-16; the spec's example uses 30 s). */
export const ASSERTION_VALIDITY_MS = 30_000;

/**
 * Failure status: RequestDenied for a refused ticket (the reference server's form, SA-14),
 * Requester for a request we cannot read, Responder for our own failure.
 */
export type SamlStatus = 'RequestDenied' | 'Requester' | 'Responder';

interface Common {
  now: Date;
  /** The TARGET service; the Recipient and the Audience. */
  target: string | null;
  requestId: string | null;
}

export interface SamlSuccessInput extends Common {
  target: string;
  issuer: string;
  user: string;
  authenticationDate: Date;
  /** Released attributes; empty (as for a non-https TARGET, SA-03) means no AttributeStatement. */
  attributes: Attributes;
}

export interface SamlFailureInput extends Common {
  status: SamlStatus;
  message: string;
}

/** An XML ID (starts with `_`) drawn from the CSPRNG. */
export function samlId(): string {
  return `_${randomBytes(16).toString('hex')}`;
}

function response(input: Common): { doc: XMLBuilder; response: XMLBuilder } {
  const doc = create({ invalidCharReplacement: '\uFFFD' }).ele(SOAP_NS, 'SOAP-ENV:Envelope');
  doc.ele(SOAP_NS, 'SOAP-ENV:Header');
  const res = doc
    .ele(SOAP_NS, 'SOAP-ENV:Body')
    .ele(SAMLP_NS, 'samlp:Response')
    // The `samlp` prefix is bound where `samlp:Success` is used as a QName value (SA-13).
    .att(XMLNS_NS, 'xmlns:samlp', SAMLP_NS)
    .att(XMLNS_NS, 'xmlns:saml', SAML_NS)
    .att(XMLNS_NS, 'xmlns:xsd', 'http://www.w3.org/2001/XMLSchema')
    .att(XMLNS_NS, 'xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance')
    .att('IssueInstant', input.now.toISOString())
    .att('MajorVersion', '1')
    .att('MinorVersion', '1')
    .att('ResponseID', samlId());
  if (input.target !== null) res.att('Recipient', xmlText(input.target));
  if (input.requestId !== null) res.att('InResponseTo', xmlText(input.requestId));
  return { doc, response: res };
}

function subject(parent: XMLBuilder, user: string): void {
  const s = parent.ele(SAML_NS, 'saml:Subject');
  s.ele(SAML_NS, 'saml:NameIdentifier').txt(xmlText(user));
  s.ele(SAML_NS, 'saml:SubjectConfirmation').ele(SAML_NS, 'saml:ConfirmationMethod').txt(ARTIFACT_CONFIRMATION);
}

function finish(doc: XMLBuilder): string {
  return doc.end({ headless: true, prettyPrint: true });
}

/** SAML 1.1 success (§6): Status, then one Assertion with Conditions and the statements. */
export function samlSuccessXml(input: SamlSuccessInput): string {
  const { doc, response: res } = response(input);
  res.ele(SAMLP_NS, 'samlp:Status').ele(SAMLP_NS, 'samlp:StatusCode').att('Value', 'samlp:Success');
  const issued = input.now.toISOString();
  const assertion = res
    .ele(SAML_NS, 'saml:Assertion')
    .att('AssertionID', samlId())
    .att('IssueInstant', issued)
    .att('Issuer', xmlText(input.issuer))
    .att('MajorVersion', '1')
    .att('MinorVersion', '1');
  assertion
    .ele(SAML_NS, 'saml:Conditions')
    .att('NotBefore', issued)
    .att('NotOnOrAfter', new Date(input.now.getTime() + ASSERTION_VALIDITY_MS).toISOString())
    .ele(SAML_NS, 'saml:AudienceRestrictionCondition')
    .ele(SAML_NS, 'saml:Audience')
    .txt(xmlText(input.target));

  const attributes = Object.entries(input.attributes);
  // An empty AttributeStatement would be schema-invalid (SA-21).
  if (attributes.length > 0) {
    const statement = assertion.ele(SAML_NS, 'saml:AttributeStatement');
    subject(statement, input.user);
    for (const [name, value] of attributes) {
      const attribute = statement
        .ele(SAML_NS, 'saml:Attribute')
        .att('AttributeName', xmlText(name))
        .att('AttributeNamespace', CAS_ATTRIBUTE_NS);
      for (const v of Array.isArray(value) ? value : [value])
        attribute.ele(SAML_NS, 'saml:AttributeValue').txt(xmlText(v));
    }
  }

  const authentication = assertion
    .ele(SAML_NS, 'saml:AuthenticationStatement')
    .att('AuthenticationInstant', input.authenticationDate.toISOString())
    .att('AuthenticationMethod', PASSWORD_METHOD);
  subject(authentication, input.user);
  return finish(doc);
}

/** SAML 1.1 failure (SA-14): a status code and message, no Assertion. */
export function samlFailureXml(input: SamlFailureInput): string {
  const { doc, response: res } = response(input);
  const status = res.ele(SAMLP_NS, 'samlp:Status');
  status.ele(SAMLP_NS, 'samlp:StatusCode').att('Value', `samlp:${input.status}`);
  status.ele(SAMLP_NS, 'samlp:StatusMessage').txt(xmlText(input.message));
  return finish(doc);
}
