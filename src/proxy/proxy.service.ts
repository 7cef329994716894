import { Injectable, Logger } from '@nestjs/common';
import { decideAccess, releaseAttributes } from '../services/attribute-release';
import { ServiceRegistry } from '../services/service-registry.service';
import { SessionService } from '../sessions/session.service';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import { MetricsService } from '../metrics/metrics.service';
import { ValueTooLongError } from '../database/column-limits';
import type { ProxyOutcome } from './cas-proxy.response';
import { failure } from '../validation/validation-outcome';
import { TICKET_SHAPE } from '../validation/validation.service';

/** /proxy (§1.7): a PGT and a target service give a proxy ticket for that service. */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger('proxy');

  constructor(
    private readonly tickets: TicketRegistry,
    private readonly sessions: SessionService,
    private readonly registry: ServiceRegistry,
    private readonly metrics: MetricsService,
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
    const decision = decideAccess(rules, pgt.loginName, session.attributes);
    if (!decision.allowed) {
      this.logger.warn(`/proxy: ${pgt.loginName} refused a proxy ticket for ${rules.name}: ${decision.message}`);
      return failure('UNAUTHORIZED_SERVICE', `${decision.message} (service ${rules.name})`);
    }

    let proxyTicket: string;
    try {
      proxyTicket = await this.tickets.issueProxyTicket({
        pgt,
        targetService,
        servicePatternId: rules.id,
        username: decision.username,
        attributes: releaseAttributes(rules, session.attributes),
        singleLogOut: rules.singleLogOut,
      });
    } catch (err) {
      if (!(err instanceof ValueTooLongError)) throw err;
      this.logger.warn(`/proxy: ${pgt.loginName} refused a proxy ticket for ${rules.name}: ${err.message}`);
      return failure(
        'UNAUTHORIZED_SERVICE',
        `The name or attributes for service ${rules.name} are too long to be sent`,
      );
    }
    this.logger.log({
      msg: `proxy ticket issued to ${pgt.loginName} for ${rules.name} through ${pgt.pgtUrl ?? '?'}`,
      event: 'ticket.issued',
      type: 'PT',
      user: pgt.loginName,
      service: rules.name,
      proxy: pgt.pgtUrl,
    });
    this.metrics.ticketIssued('PT');
    return { ok: true, proxyTicket };
  }
}
