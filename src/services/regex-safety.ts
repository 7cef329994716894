import { checkSync } from 'recheck';
import { compileServicePattern, compileRewritePattern, compileValuePattern } from './regex';

/**
 * Whether matching a pattern can take super-linear time on hostile input (ReDoS), checked
 * with recheck on the expression exactly as it is run. Service URLs are at most
 * CAS_MAX_SERVICE_URL_LENGTH (4096) characters, so a quadratic pattern (e.g. `https://.*\.org/.*`,
 * 16 million steps at worst) is tolerated; cubic and exponential ones are refused.
 * Returns null when the pattern is safe, else why it is not.
 */
export function regexRisk(compiled: RegExp): string | null {
  const result = checkSync(compiled.source, compiled.flags, { timeout: 5000 });
  if (result.status === 'safe') return null;
  if (result.status === 'unknown') return 'is too complex to be checked for catastrophic backtracking';
  const complexity = result.complexity;
  if (complexity.type === 'polynomial' && complexity.degree <= 2) return null;
  const attack = result.attack ? ` (e.g. on "${result.attack.pattern}")` : '';
  return `may take ${complexity.summary} time on some inputs${attack}; avoid nested or adjacent quantifiers over the same characters`;
}

export type PatternKind = 'service' | 'value' | 'rewrite';

const COMPILERS: Record<PatternKind, (source: string) => RegExp> = {
  service: compileServicePattern,
  value: compileValuePattern,
  rewrite: compileRewritePattern,
};

/** Null when the pattern compiles and is safe to run, else the problem. */
export function patternProblem(source: string, kind: PatternKind): string | null {
  let compiled: RegExp;
  try {
    compiled = COMPILERS[kind](source);
  } catch {
    return 'is not a valid regular expression';
  }
  return regexRisk(compiled);
}
