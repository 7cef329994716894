/** CAS 1.0 `/validate` bodies (V-04): bare line feeds, two lines each. */
export function validateV1(user: string | null): string {
  return user === null ? 'no\n\n' : `yes\n${user}\n`;
}
