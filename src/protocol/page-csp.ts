/** The pages' Content-Security-Policy, as directives (for helmet) and as a header value. */
export const PAGE_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'style-src': ["'self'"],
  'script-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'https:'],
  'form-action': ["'self'", 'https:', 'http:'],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
};

/** The policy with `imageOrigins` added to img-src, for the front-channel logouts of a page. */
export function pageCsp(imageOrigins: string[] = []): string {
  return Object.entries(PAGE_CSP_DIRECTIVES)
    .map(([name, values]) => [name, ...values, ...(name === 'img-src' ? imageOrigins : [])].join(' '))
    .join('; ');
}
