import type { RE2JS } from 're2js';
import { compileRegex, matchesWhole } from './regex';
import { regexProblems, type FieldProblem } from './service-definition';
import type { ServiceRules } from './service-rules';
import { canonicalServiceUrl, withoutAddedSlash } from './service-url';

export interface CompiledService {
  rules: ServiceRules;
  regex: RE2JS;
}

/** A service URL allowed by a pattern: the rules, and the canonical URL they were matched on. */
export interface ServiceMatch {
  rules: ServiceRules;
  /** What the pattern matched, and so the only form that may be redirected to or recorded. */
  url: string;
}

/** A stored service left out of matching because the engine cannot run one of its patterns. */
export interface RefusedService {
  rules: ServiceRules;
  problems: FieldProblem[];
}

/**
 * The services in evaluation order, compiled. A service whose pattern, rewrite or required
 * value the engine refuses (stored before the engine changed, or written to the database by
 * hand) is left out, never matched: its rules cannot be applied as written, and skipping it
 * refuses its URLs rather than releasing unrewritten or unchecked attributes.
 */
export function compileServices(
  services: ServiceRules[],
  onRefused: (refused: RefusedService) => void = () => undefined,
): CompiledService[] {
  const compiled: CompiledService[] = [];
  for (const rules of [...services].sort((a, b) => a.position - b.position || a.id - b.id)) {
    const problems = regexProblems(rules);
    if (problems.length > 0) onRefused({ rules, problems });
    else compiled.push({ rules, regex: compileRegex(rules.pattern) });
  }
  return compiled;
}

/**
 * The first service, in position order, whose pattern matches the whole URL in its canonical
 * form (canonicalServiceUrl), or, for a URL written without a path, in that form without the
 * slash the parser added; null when no pattern does or the URL is refused outright.
 */
export function findService(compiled: CompiledService[], raw: string): ServiceMatch | null {
  const canonical = canonicalServiceUrl(raw);
  if (!canonical.ok) return null;
  const forms = [canonical.url];
  const bare = withoutAddedSlash(canonical.url, raw);
  if (bare !== null) forms.push(bare);
  for (const entry of compiled) {
    const url = forms.find((form) => matchesWhole(entry.regex, form));
    if (url !== undefined) return { rules: entry.rules, url };
  }
  return null;
}
