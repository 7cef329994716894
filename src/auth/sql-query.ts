/**
 * CAS_SQL_USER_QUERY is written for Python's DB-API (`... WHERE user = %s`, `%%` for a literal
 * percent sign). mysql2 binds `?` parameters, so the query is translated once at start.
 */
export function toBoundQuery(query: string): string {
  let placeholders = 0;
  const bound = query.replace(/%s|%%|%/g, (token) => {
    if (token === '%%') return '%';
    if (token === '%') throw new Error('a lone "%" must be written "%%"');
    placeholders++;
    return '?';
  });
  if (placeholders !== 1) {
    throw new Error(`the query needs exactly one %s placeholder for the username (found ${placeholders})`);
  }
  return bound;
}
