/** Entries of an Accept header looked at; a header is bounded in size, this bounds the work too. */
const MAX_ENTRIES = 64;

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(',').slice(0, MAX_ENTRIES)) {
    const [media, ...params] = part.split(';');
    const [type, subtype] = media.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name.toLowerCase() === 'q') q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/**
 * The quality the ranges give `type/subtype` (RFC 9110 §12.5.1: the most specific range that
 * matches decides), and how specific that range was: 2 exact, 1 `type/*`, 0 `*\/*`, -1 none.
 */
function quality(ranges: Range[], type: string, subtype: string): { q: number; specificity: number } {
  let best = { q: 0, specificity: -1 };
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (specificity > best.specificity) best = { q: range.q, specificity };
  }
  return best;
}

/**
 * Whether a request wants an HTML page rather than JSON: browsers name `text/html`, API
 * clients send `application/json`, `*\/*` or nothing, and those get JSON. A tie goes to
 * JSON unless HTML was named more precisely.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const html = [quality(ranges, 'text', 'html'), quality(ranges, 'application', 'xhtml+xml')].reduce((a, b) =>
    b.q > a.q || (b.q === a.q && b.specificity > a.specificity) ? b : a,
  );
  const json = quality(ranges, 'application', 'json');
  if (html.q === 0) return false;
  return html.q > json.q || (html.q === json.q && html.specificity > json.specificity);
}
