import type { User } from '../auth/user.entity';
import type { ServiceDefinition } from '../services/service-definition';
import type { ServiceRules } from '../services/service-rules';
import type { SsoSession } from '../sessions/sso-session.entity';
import type { AuditEntry } from './audit-entry.entity';

/** How the admin API shows each object: camelCase, ISO dates, no secrets. */

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function serviceView(s: ServiceRules) {
  return { ...s, releasesAttributes: s.releasedAttributes.length > 0 };
}

/** A service as it is exported and imported: its definition, no id. */
export function definitionOf(s: ServiceRules): ServiceDefinition {
  const definition: ServiceDefinition & { id?: number } = { ...s };
  delete definition.id;
  return definition;
}

export function userView(u: User) {
  return {
    username: u.username,
    attributes: u.attributes,
    disabled: u.disabled,
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
  };
}

export function sessionView(s: SsoSession) {
  return {
    id: s.id,
    username: s.username,
    authSource: s.authSource,
    createdAt: iso(s.createdAt),
    lastSeenAt: iso(s.lastSeenAt),
  };
}

export function auditView(e: AuditEntry) {
  return {
    id: e.id,
    at: iso(e.at),
    actor: e.actor,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    before: e.before ?? null,
    after: e.after ?? null,
  };
}

/** What is known of a token, never its value. */
export interface TokenSummary {
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export function tokenView(t: TokenSummary) {
  return {
    name: t.name,
    createdAt: iso(t.createdAt),
    lastUsedAt: isoOrNull(t.lastUsedAt),
    revokedAt: isoOrNull(t.revokedAt),
  };
}

export function pageView<T>(items: T[], page: number, pageSize: number, total: number) {
  return { items, page, pageSize, total };
}
