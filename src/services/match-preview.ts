import type { Attributes } from '../common/attributes';
import { decideAccess, releaseAttributes } from './attribute-release';
import { findService, type CompiledService } from './service-match';
import type { ServiceRules } from './service-rules';
import { canonicalServiceUrl } from './service-url';

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
  /** The form the URL is matched on, redirected to and recorded in; null when it is refused. */
  canonicalUrl: string | null;
  /** Why the URL is refused before any pattern is tried (canonicalServiceUrl). */
  urlProblem: string | null;
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
  const canonical = canonicalServiceUrl(url);
  const head = {
    canonicalUrl: canonical.ok ? canonical.url : null,
    urlProblem: canonical.ok ? null : `the URL ${canonical.reason}`,
    service: findService(services, url)?.rules ?? null,
  };
  const service = head.service;
  if (username === undefined) return { ...head, user: null };
  const base = { username, exists: user !== null, disabled: user?.disabled ?? false, casUser: null, attributes: {} };
  if (!service) {
    const why = head.urlProblem ?? 'no service pattern matches the URL';
    return { ...head, user: { ...base, ticket: false, reason: `Service not allowed: ${why}` } };
  }
  if (!user) return { ...head, user: { ...base, ticket: false, reason: 'No such local user' } };
  if (user.disabled) return { ...head, user: { ...base, ticket: false, reason: 'The user is disabled' } };
  if (user.attributesTooLarge) {
    return { ...head, user: { ...base, ticket: false, reason: 'The user’s attributes are too large to log in' } };
  }
  const decision = decideAccess(service, user.username, user.attributes);
  if (!decision.allowed) return { ...head, user: { ...base, ticket: false, reason: decision.message } };
  return {
    ...head,
    user: {
      ...base,
      ticket: true,
      reason: null,
      casUser: decision.username,
      attributes: releaseAttributes(service, user.attributes),
    },
  };
}
