import type { AttributeValue, Attributes } from '../common/attributes';
import type { AttributeLimits } from '../config/cas-config';

export interface BoundedAttributes {
  attributes: Attributes;
  /** The values left out, by attribute name and length (never the value itself). */
  dropped: Array<{ name: string; length: number }>;
  /** Characters of names and kept values. */
  total: number;
  /** The kept attributes are still over maxTotalLength: the login is refused. */
  tooLarge: boolean;
}

/**
 * A user's attributes as the server works with them. Values come from LDAP or SQL and are
 * often user-editable, and every login runs the services' patterns over them, so their size
 * is bounded before any work starts.
 *
 * An over-long value is left out (the rest of the attribute stays): such values are photos,
 * certificates or junk, which no service should receive through CAS, and refusing the login
 * would lock the user out of every service because of one attribute. Leaving a value out can
 * only make a required-value check or a user field fail, never pass. A user whose attributes
 * are still too large in all cannot log in: there is no sensible value to drop.
 */
export function boundAttributes(attributes: Attributes, limits: AttributeLimits): BoundedAttributes {
  const kept: Attributes = {};
  const dropped: BoundedAttributes['dropped'] = [];
  let total = 0;
  for (const [name, value] of Object.entries(attributes)) {
    const values = Array.isArray(value) ? value : [value];
    const fitting = values.filter((v) => {
      if (v.length <= limits.maxValueLength) return true;
      dropped.push({ name, length: v.length });
      return false;
    });
    if (fitting.length === 0) continue;
    const keptValue: AttributeValue = Array.isArray(value) ? fitting : fitting[0];
    kept[name] = keptValue;
    total += name.length + fitting.reduce((sum, v) => sum + v.length, 0);
  }
  return { attributes: kept, dropped, total, tooLarge: total > limits.maxTotalLength };
}
