import { compileServicePattern } from './regex';
import type { ServiceRules } from './service-rules';

export interface CompiledService {
  rules: ServiceRules;
  regex: RegExp;
}

export function compileServices(services: ServiceRules[]): CompiledService[] {
  return [...services]
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .map((rules) => ({ rules, regex: compileServicePattern(rules.pattern) }));
}

/** The first service, in position order, whose pattern matches the whole URL. */
export function findService(compiled: CompiledService[], url: string): ServiceRules | null {
  for (const entry of compiled) {
    if (entry.regex.test(url)) return entry.rules;
  }
  return null;
}
