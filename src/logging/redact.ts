/** Characters of a secret kept in logs after its prefix: enough to correlate, too few to use. */
const KEPT = 8;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A function that shortens every ticket or SSO cookie value in a log message (SEC-20): the
 * call sites already avoid them, this catches the one that would not.
 */
export function secretRedactor(prefixes: string[]): (text: string) => string {
  const names = [...new Set(prefixes)].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`\\b((?:${names.join('|')})-[A-Za-z0-9]{${KEPT}})[A-Za-z0-9-]{4,}`, 'g');
  return (text) => text.replace(pattern, '$1…');
}
