import type { Attributes } from '../config/env-parsers';
import { decideAccess, releaseAttributes } from './attribute-release';
import { findService, type CompiledService } from './service-match';
import type { ServiceRules } from './service-rules';

/** A local user as the preview sees it; null = no such user. */
export interface PreviewUser {
  username: string;
  attributes: Attributes;
  disabled: boolean;
  /** Its attributes exceed CAS_MAX_ATTRIBUTES_TOTAL_LENGTH even without the over-long values. */
  attributesTooLarge?: boolean;
}

export interface UserPreview {
  username: string;
  exists: boolean;
  disabled: boolean;
  ticket: boolean;
  reason: string | null;
  casUser: string | null;
  attributes: Attributes;
}

export interface MatchPreview {
  service: ServiceRules | null;
  user: UserPreview | null;
}

/**
 * What login and validation would do for this URL and user, decided by the same functions
 * they use: the matching service, whether a ticket is issued (and why not), and the
 * attributes released, under their released names and with their rewritten values.
 */
export function previewMatch(
  services: CompiledService[],
  url: string,
  username: string | undefined,
  user: PreviewUser | null,
): MatchPreview {
  const service = findService(services, url);
  if (username === undefined) return { service, user: null };
  const base = { username, exists: user !== null, disabled: user?.disabled ?? false, casUser: null, attributes: {} };
  if (!service) {
    return {
      service,
      user: { ...base, ticket: false, reason: 'Service not allowed: no service pattern matches the URL' },
    };
  }
  if (!user) return { service, user: { ...base, ticket: false, reason: 'No such local user' } };
  if (user.disabled) return { service, user: { ...base, ticket: false, reason: 'The user is disabled' } };
  if (user.attributesTooLarge) {
    return { service, user: { ...base, ticket: false, reason: 'The user’s attributes are too large to log in' } };
  }
  const decision = decideAccess(service, user.username, user.attributes);
  if (!decision.allowed) return { service, user: { ...base, ticket: false, reason: decision.message } };
  return {
    service,
    user: {
      ...base,
      ticket: true,
      reason: null,
      casUser: decision.username,
      attributes: releaseAttributes(service, user.attributes),
    },
  };
}
