import type { AttributeValue, Attributes } from '../common/attributes';
import { compileRegex, matchesStart, substitute } from './regex';
import { isReservedAttributeName } from './reserved-attributes';
import type { ServiceRules } from './service-rules';

export type AccessDecision =
  | { allowed: true; username: string }
  | { allowed: false; reason: 'user_not_allowed' | 'attributes_not_allowed' | 'user_field_missing'; message: string };

function valuesOf(value: AttributeValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Whether this user may get a ticket for the service, and the name the service receives.
 * Order as in django-cas-server: allowed users, then required values, then the user field.
 */
export function decideAccess(rules: ServiceRules, loginName: string, attributes: Attributes): AccessDecision {
  if (rules.restrictUsers && !rules.allowedUsers.includes(loginName)) {
    return { allowed: false, reason: 'user_not_allowed', message: 'Username not allowed' };
  }
  for (const required of rules.requiredAttributes) {
    const pattern = compileRegex(required.pattern);
    if (!valuesOf(attributes[required.attribute]).some((v) => matchesStart(pattern, v))) {
      return { allowed: false, reason: 'attributes_not_allowed', message: 'User characteristics not allowed' };
    }
  }
  if (rules.userField) {
    const first = valuesOf(attributes[rules.userField])[0];
    if (first === undefined || first === '') {
      return {
        allowed: false,
        reason: 'user_field_missing',
        message: `The attribute ${rules.userField} is needed to use that service`,
      };
    }
    return { allowed: true, username: first };
  }
  return { allowed: true, username: loginName };
}

/**
 * The attributes a service receives: only the released ones (`*` = all, none listed = none),
 * values rewritten (by original name), then renamed. Nothing goes out under a reserved name
 * (reserved-attributes.ts), whichever source it came from: rename it to release it.
 */
export function releaseAttributes(rules: ServiceRules, attributes: Attributes): Attributes {
  const releaseAll = rules.releasedAttributes.some((r) => r.name === '*');
  const renames = new Map<string, string>();
  for (const r of rules.releasedAttributes) {
    if (r.name !== '*') renames.set(r.name, r.renameTo || r.name);
  }
  const released: Attributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (!releaseAll && !renames.has(name)) continue;
    const releasedName = renames.get(name) ?? name;
    if (isReservedAttributeName(releasedName)) continue;
    let values = valuesOf(value);
    for (const rewrite of rules.attributeRewrites.filter((w) => w.attribute === name)) {
      const pattern = compileRegex(rewrite.pattern);
      values = values.map((v) => substitute(pattern, v, rewrite.replacement));
    }
    released[releasedName] = Array.isArray(value) ? values : values[0];
  }
  return released;
}
