import { compileServicePattern } from './regex';
import type { ServiceRules } from './service-rules';
import { canonicalServiceUrl } from './service-url';

export interface CompiledService {
  rules: ServiceRules;
  regex: RegExp;
}

/** A service URL allowed by a pattern: the rules, and the canonical URL they were matched on. */
export interface ServiceMatch {
  rules: ServiceRules;
  /** What the pattern matched, and so the only form that may be redirected to or recorded. */
  url: string;
}

export function compileServices(services: ServiceRules[]): CompiledService[] {
  return [...services]
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .map((rules) => ({ rules, regex: compileServicePattern(rules.pattern) }));
}

/**
 * The first service, in position order, whose pattern matches the whole URL in its canonical
 * form (canonicalServiceUrl); null when no pattern does or the URL is refused outright.
 */
export function findService(compiled: CompiledService[], raw: string): ServiceMatch | null {
  const canonical = canonicalServiceUrl(raw);
  if (!canonical.ok) return null;
  const url = canonical.url;
  for (const entry of compiled) {
    if (entry.regex.test(url)) return { rules: entry.rules, url };
  }
  return null;
}
