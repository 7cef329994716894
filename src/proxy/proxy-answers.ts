import { Answer, JSON_TYPE, XML_TYPE } from '../protocol/answer';
import type { Format } from '../protocol/answer-format';
import { proxyJson, proxyXml, type ProxyOutcome } from './cas-proxy.response';

/** A /proxy answer, in the format asked for. */
export function proxyAnswer(format: Format, outcome: ProxyOutcome): Answer {
  return format === 'JSON' ? new Answer(JSON_TYPE, proxyJson(outcome)) : new Answer(XML_TYPE, proxyXml(outcome));
}
