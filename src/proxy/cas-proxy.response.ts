import { create } from 'xmlbuilder2';
import { CAS_NS } from '../protocol/answer-format';
import type { ValidationFailure } from '../protocol/validation-outcome';
import { xmlText } from '../common/xml-text';

export type ProxyOutcome = { ok: true; proxyTicket: string } | ValidationFailure;

/** /proxy answer (§1.8): `cas:proxySuccess/cas:proxyTicket` or `cas:proxyFailure code=…`. */
export function proxyXml(outcome: ProxyOutcome): string {
  const doc = create({ invalidCharReplacement: '\uFFFD' }).ele(CAS_NS, 'cas:serviceResponse');
  if (outcome.ok) {
    doc.ele(CAS_NS, 'cas:proxySuccess').ele(CAS_NS, 'cas:proxyTicket').txt(xmlText(outcome.proxyTicket));
  } else {
    doc.ele(CAS_NS, 'cas:proxyFailure').att('code', outcome.code).txt(xmlText(outcome.description));
  }
  return doc.end({ headless: true, prettyPrint: true });
}

/** JSON mirror of the XML (X-12, V-42): `proxySuccess` / `proxyFailure`. */
export function proxyJson(outcome: ProxyOutcome): string {
  const body = outcome.ok
    ? { proxySuccess: { proxyTicket: outcome.proxyTicket } }
    : { proxyFailure: { code: outcome.code, description: outcome.description } };
  return JSON.stringify({ serviceResponse: body });
}
