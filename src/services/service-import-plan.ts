import type { FieldProblem, ServiceDefinition } from './service-definition';
import type { ServiceRules } from './service-rules';

export type ImportMode = 'merge' | 'replace';

export interface ImportPlan {
  created: ServiceDefinition[];
  updated: Array<{ id: number; definition: ServiceDefinition }>;
  deleted: ServiceRules[];
  unchanged: string[];
  conflicts: FieldProblem[];
}

/** The definition with its keys in one order, so equal definitions serialize equally. */
function canonical(def: ServiceDefinition): string {
  return JSON.stringify([
    def.name,
    def.pattern,
    def.position,
    def.userField,
    def.restrictUsers,
    def.allowedUsers,
    def.proxy,
    def.proxyCallback,
    def.singleLogOut,
    def.singleLogOutCallback,
    def.frontChannelLogout,
    def.releasedAttributes.map((a) => [a.name, a.renameTo]),
    def.attributeRewrites.map((w) => [w.attribute, w.pattern, w.replacement]),
    def.requiredAttributes.map((r) => [r.attribute, r.pattern]),
  ]);
}

/**
 * What an import does to the current services: services are matched by name; the resulting
 * catalogue must keep names and patterns unique.
 */
export function planImport(current: ServiceRules[], incoming: ServiceDefinition[], mode: ImportMode): ImportPlan {
  const plan: ImportPlan = { created: [], updated: [], deleted: [], unchanged: [], conflicts: [] };
  const byName = new Map(current.map((s) => [s.name, s]));
  const names = new Map<string, number>();
  const patterns = new Map<string, string>();
  incoming.forEach((def, i) => {
    const earlier = names.get(def.name);
    if (earlier !== undefined) {
      plan.conflicts.push({ field: `services[${i}].name`, message: `same name as services[${earlier}]` });
    }
    names.set(def.name, i);
    const owner = patterns.get(def.pattern);
    if (owner !== undefined && owner !== def.name) {
      plan.conflicts.push({ field: `services[${i}].pattern`, message: `same pattern as service "${owner}"` });
    }
    patterns.set(def.pattern, def.name);
    const existing = byName.get(def.name);
    if (!existing) plan.created.push(def);
    else if (canonical(existing) === canonical(def)) plan.unchanged.push(def.name);
    else plan.updated.push({ id: existing.id, definition: def });
  });
  for (const service of current) {
    if (names.has(service.name)) continue;
    if (mode === 'replace') {
      plan.deleted.push(service);
    } else {
      const clash = incoming.findIndex((def) => def.pattern === service.pattern);
      if (clash !== -1) {
        plan.conflicts.push({
          field: `services[${clash}].pattern`,
          message: `same pattern as the existing service "${service.name}"`,
        });
      }
    }
  }
  return plan;
}
