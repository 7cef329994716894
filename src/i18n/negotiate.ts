import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, type Language } from './languages';

interface Range {
  tag: string;
  q: number;
  order: number;
}

/** `Accept-Language` (RFC 9110 §12.5.4) as ranges by preference; malformed entries are skipped. */
export function parseAcceptLanguage(header: string | undefined): Range[] {
  if (!header) return [];
  const ranges: Range[] = [];
  header.split(',').forEach((part, order) => {
    const [rawTag, ...rawParams] = part.trim().split(';');
    const tag = rawTag.trim().toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) return;
    let q = 1;
    for (const p of rawParams) {
      const m = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Math.min(1, Number(m[1]));
    }
    if (q > 0) ranges.push({ tag, q, order });
  });
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order);
}

/** Chinese written in traditional characters is not Simplified Chinese: those ranges match nothing. */
const TRADITIONAL_CHINESE = /^zh-(hant|tw|hk|mo)(-|$)/;

/** The language a range picks among ours, by exact tag, then primary subtag (`fr-CA` → `fr`). */
function match(tag: string): Language | undefined {
  if (tag === '*') return undefined;
  const exact = LANGUAGES.find((l) => l.toLowerCase() === tag);
  if (exact) return exact;
  if (TRADITIONAL_CHINESE.test(tag)) return undefined;
  const primary = tag.split('-')[0];
  return LANGUAGES.find((l) => l.toLowerCase().split('-')[0] === primary);
}

/**
 * The page language: the one chosen with the switcher (cookie) if it is ours, else the best
 * `Accept-Language` match, else English.
 */
export function negotiateLanguage(acceptLanguage: string | undefined, chosen?: string): Language {
  if (isLanguage(chosen)) return chosen;
  for (const range of parseAcceptLanguage(acceptLanguage)) {
    const found = match(range.tag);
    if (found) return found;
  }
  return DEFAULT_LANGUAGE;
}
