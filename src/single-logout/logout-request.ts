import { create } from 'xmlbuilder2';
import { randomAlphanumeric } from '../common/random';
import { xmlText } from '../common/xml-text';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** ISO-8601 UTC to the second, as in the spec's example (`yyyy-MM-ddTHH:mm:ssZ`). */
export function issueInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The SAML 2.0 LogoutRequest of a Single Logout message (S-12). */
export function logoutRequestXml(nameId: string, sessionIndex: string, now = new Date()): string {
  const doc = create({ invalidCharReplacement: '\uFFFD' })
    .ele(SAMLP, 'samlp:LogoutRequest')
    .att('ID', `LR-${randomAlphanumeric(30)}`)
    .att('Version', '2.0')
    .att('IssueInstant', issueInstant(now));
  doc.ele(SAML, 'saml:NameID').txt(xmlText(nameId));
  doc.ele(SAMLP, 'samlp:SessionIndex').txt(xmlText(sessionIndex));
  return doc.end({ headless: true });
}
