import type { Entry } from 'ldapts';

/** The values of one attribute of an entry; LDAP attribute names ignore case. */
export function valuesOf(entry: Entry, name: string): (string | Buffer)[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return [];
  const value = entry[key];
  return Array.isArray(value) ? value : [value];
}
