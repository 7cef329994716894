import { Injectable } from '@nestjs/common';
import { ServiceRegistry } from '../services/service-registry.service';
import type { ServiceRules } from '../services/service-rules';
import { isBrowserUrl } from '../services/service-url';
import type { ServiceTarget } from './login-outcome';
import type { LoginRequest } from './login-request';

/** The service a login is for: none asked, one no pattern allows, or an allowed one. */
export type ServiceResolution = { kind: 'none' } | { kind: 'disallowed' } | AllowedService;

export interface AllowedService {
  kind: 'allowed';
  target: ServiceTarget;
  rules: ServiceRules;
}

@Injectable()
export class ServiceResolver {
  constructor(private readonly registry: ServiceRegistry) {}

  async resolve(request: LoginRequest): Promise<ServiceResolution> {
    if (request.service === undefined || request.service === '') return { kind: 'none' };
    const match = isBrowserUrl(request.service) ? await this.registry.match(request.service) : null;
    if (!match) return { kind: 'disallowed' };
    return {
      kind: 'allowed',
      rules: match.rules,
      target: {
        // What the pattern matched: the browser goes there and the ticket records it.
        url: match.url,
        name: match.rules.name,
        ticketParam: request.serviceParam === 'TARGET' ? 'SAMLart' : 'ticket',
        serviceParam: request.serviceParam,
      },
    };
  }
}
