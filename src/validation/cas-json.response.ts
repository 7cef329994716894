import type { Attributes } from '../common/attributes';
import type { ValidationOutcome } from '../protocol/validation-outcome';

type JsonAttributeValue = string | string[] | boolean;

/** CAS 3.0 `format=JSON` validation answer (§1.9): one value a scalar, several an array. */
export function validationJson(outcome: ValidationOutcome, withAttributes: boolean): string {
  if (!outcome.ok) {
    return JSON.stringify({
      serviceResponse: { authenticationFailure: { code: outcome.code, description: outcome.description } },
    });
  }
  const success: Record<string, unknown> = { user: outcome.user };
  if (withAttributes) {
    const attributes: Record<string, JsonAttributeValue> = {
      authenticationDate: outcome.authenticationDate.toISOString(),
      longTermAuthenticationRequestTokenUsed: outcome.longTermAuthenticationRequestTokenUsed,
      isFromNewLogin: outcome.isFromNewLogin,
    };
    Object.assign(attributes, flatten(outcome.attributes));
    success.attributes = attributes;
  }
  if (outcome.pgtIou) success.proxyGrantingTicket = outcome.pgtIou;
  if (outcome.proxies.length > 0) success.proxies = outcome.proxies;
  return JSON.stringify({ serviceResponse: { authenticationSuccess: success } });
}

function flatten(attributes: Attributes): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(attributes)) {
    out[name] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return out;
}
