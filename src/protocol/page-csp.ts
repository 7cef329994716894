/** The pages' Content-Security-Policy; `imageOrigins` are added for front-channel logouts. */
export function pageCsp(imageOrigins: string[] = []): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "script-src 'self'",
    ["img-src 'self' data: https:", ...imageOrigins].join(' '),
    "form-action 'self' https: http:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}
