import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Attributes } from '../common/attributes';
import type { ValidationOutcome } from '../protocol/validation-outcome';
import { xmlText } from '../common/xml-text';
import { CAS_NS } from '../protocol/answer-format';

/** Attribute names become element names: they must be XML NCNames. */
const NCNAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;

export function isXmlName(name: string): boolean {
  return NCNAME.test(name);
}

function root(): XMLBuilder {
  // Characters XML 1.0 cannot carry (echoed from hostile input) become U+FFFD instead of
  // throwing.
  return create({ invalidCharReplacement: '\uFFFD' }).ele(CAS_NS, 'cas:serviceResponse');
}

function addAttributes(parent: XMLBuilder, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (!isXmlName(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      parent.ele(CAS_NS, `cas:${name}`).txt(xmlText(v));
    }
  }
}

/** CAS 2.0/3.0 validation answer (Appendix A): user, attributes, PGTIOU, proxies, in order. */
export function validationXml(outcome: ValidationOutcome, withAttributes: boolean): string {
  const doc = root();
  if (!outcome.ok) {
    doc.ele(CAS_NS, 'cas:authenticationFailure').att('code', outcome.code).txt(xmlText(outcome.description));
    return doc.end({ headless: true, prettyPrint: true });
  }
  const success = doc.ele(CAS_NS, 'cas:authenticationSuccess');
  success.ele(CAS_NS, 'cas:user').txt(xmlText(outcome.user));
  if (withAttributes) {
    const attrs = success.ele(CAS_NS, 'cas:attributes');
    attrs.ele(CAS_NS, 'cas:authenticationDate').txt(outcome.authenticationDate.toISOString());
    attrs
      .ele(CAS_NS, 'cas:longTermAuthenticationRequestTokenUsed')
      .txt(String(outcome.longTermAuthenticationRequestTokenUsed));
    attrs.ele(CAS_NS, 'cas:isFromNewLogin').txt(String(outcome.isFromNewLogin));
    addAttributes(attrs, outcome.attributes);
  }
  if (outcome.pgtIou) success.ele(CAS_NS, 'cas:proxyGrantingTicket').txt(xmlText(outcome.pgtIou));
  if (outcome.proxies.length > 0) {
    const proxies = success.ele(CAS_NS, 'cas:proxies');
    for (const proxy of outcome.proxies) proxies.ele(CAS_NS, 'cas:proxy').txt(xmlText(proxy));
  }
  return doc.end({ headless: true, prettyPrint: true });
}
