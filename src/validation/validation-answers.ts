import { Answer, JSON_TYPE, TEXT_TYPE, XML_TYPE } from '../protocol/answer';
import { validationJson } from './cas-json.response';
import { validateV1 } from './cas-v1.response';
import { validationXml } from './cas-xml.response';
import type { Format } from '../protocol/answer-format';
import type { ValidationOutcome } from '../protocol/validation-outcome';

/** A CAS 2.0/3.0 validation answer; attributes are released on every URI (V-58). */
export function validationAnswer(format: Format, outcome: ValidationOutcome): Answer {
  return format === 'JSON'
    ? new Answer(JSON_TYPE, validationJson(outcome, true))
    : new Answer(XML_TYPE, validationXml(outcome, true));
}

/** A CAS 1.0 answer: `yes\n<user>\n` or `no\n\n`. */
export function validateV1Answer(user: string | null): Answer {
  return new Answer(TEXT_TYPE, validateV1(user));
}
