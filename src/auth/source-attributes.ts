import type { AttributeValue, Attributes } from '../common/attributes';

/** One attribute value as a SQL driver or LDAP client returns it, as CAS attribute text. */
function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return JSON.stringify(value);
}

function toAttributeValue(value: unknown): AttributeValue | null {
  if (Array.isArray(value)) {
    const texts = value.map(toText).filter((v): v is string => v !== null);
    return texts.length === 0 ? null : texts;
  }
  return toText(value);
}

/**
 * The attributes of a SQL row or LDAP entry, without `skip` (names compared case-insensitively)
 * and without any value equal to the stored password: django-cas-server's default query selects
 * `users.*`, which would otherwise release the password hash under its column name.
 */
export function sourceAttributes(record: Record<string, unknown>, skip: string[], secret: unknown): Attributes {
  const skipped = new Set(skip.map((name) => name.toLowerCase()));
  const secretText = toAttributeValue(secret);
  const out: Attributes = {};
  for (const [name, raw] of Object.entries(record)) {
    if (skipped.has(name.toLowerCase())) continue;
    const value = toAttributeValue(raw);
    if (value === null) continue;
    if (secretText !== null && JSON.stringify(value) === JSON.stringify(secretText)) continue;
    out[name] = value;
  }
  return out;
}
