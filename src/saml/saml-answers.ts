import { Answer } from '../protocol/answer';

export const SAML_TYPE = 'text/xml; charset=utf-8';

/** A /samlValidate answer: the SOAP envelope, as text/xml. */
export function samlAnswer(xml: string): Answer {
  return new Answer(SAML_TYPE, xml);
}
