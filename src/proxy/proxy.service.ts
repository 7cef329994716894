import { Injectable, Logger } from '@nestjs/common';
import { ServiceRegistry } from '../services/service-registry.service';
import { SessionService } from '../sessions/session.service';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import { ServiceTicketGrant } from '../grant/service-ticket-grant';
import type { ProxyOutcome } from './cas-proxy.response';
import { failure } from '../protocol/validation-outcome';
import { TICKET_SHAPE } from '../tickets/ticket-id';

/** /proxy (§1.7): a PGT and a target service give a proxy ticket for that service. */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger('proxy');

  constructor(
    private readonly tickets: TicketRegistry,
    private readonly sessions: SessionService,
    private readonly registry: ServiceRegistry,
    private readonly grant: ServiceTicketGrant,
  ) {}

  async issue(pgtId: string | undefined, targetService: string | undefined): Promise<ProxyOutcome> {
    if (!pgtId || !targetService) {
      return failure('INVALID_REQUEST', "'pgt' and 'targetService' parameters are both required");
    }
    // The PGT is a bearer secret: it is echoed nowhere, neither in answers nor in logs (P-20).
    const pgt = TICKET_SHAPE.test(pgtId) ? await this.tickets.findProxyGrantingTicket(pgtId) : null;
    const session = pgt ? await this.sessions.findAliveById(pgt.sessionId) : null;
    if (!pgt || !session) {
      this.logger.warn('/proxy: proxy-granting ticket not recognized, expired, or its session ended');
      return failure('INVALID_TICKET', 'The proxy-granting ticket is not recognized or has expired');
    }

    const match = await this.registry.match(targetService);
    if (!match) {
      this.logger.warn(`/proxy: target ${targetService} matches no service pattern`);
      return failure('UNAUTHORIZED_SERVICE', `The service ${targetService} is not allowed`);
    }
    const rules = match.rules;
    // The PT is bound to what the pattern matched; validation compares in that form too.
    targetService = match.url;
    if (!rules.proxy) {
      this.logger.warn(`/proxy: service ${rules.name} does not accept proxy tickets`);
      return failure('UNAUTHORIZED_SERVICE', `The service ${rules.name} does not accept proxy tickets`);
    }
    const granted = await this.grant.proxyTicket(pgt, session, rules, targetService);
    if (!granted.issued) {
      if (granted.reason === 'refused') {
        return failure('UNAUTHORIZED_SERVICE', `${granted.decision.message} (service ${rules.name})`);
      }
      return failure(
        'UNAUTHORIZED_SERVICE',
        `The name or attributes for service ${rules.name} are too long to be sent`,
      );
    }
    return { ok: true, proxyTicket: granted.ticket };
  }
}
