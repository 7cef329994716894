import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { ServiceRegistry } from '../services/service-registry.service';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import type { Ticket } from '../tickets/ticket.entity';
import { callbackUrl, checkPgtUrl } from './pgt-url';
import { ProxyCallbackClient } from './proxy-callback';
import { failure, type ValidationFailure } from './validation-outcome';

export type GrantOutcome = { ok: true; pgtIou: string } | ValidationFailure;

/**
 * Issues a PGT when a validation carries a pgtUrl (§4): the URL must be acceptable and
 * registered for proxy callbacks, and must answer 200 to the GET bringing it the PGT; only
 * then is the PGT stored and its IOU returned. Any failure leaves no PGT behind.
 */
@Injectable()
export class ProxyGrantingService {
  private readonly logger = new Logger('proxy');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly registry: ServiceRegistry,
    private readonly tickets: TicketRegistry,
    private readonly callbacks: ProxyCallbackClient,
    private readonly metrics: MetricsService,
  ) {}

  async grant(parent: Ticket, requested: string, endpoint: string): Promise<GrantOutcome> {
    const checked = checkPgtUrl(requested, this.config.proxyAllowHttpLoopback);
    if (!checked.ok) {
      this.logger.warn(`${endpoint}: pgtUrl ${requested} refused: it ${checked.reason}`);
      return failure('INVALID_PROXY_CALLBACK', `The proxy callback ${requested} ${checked.reason}`);
    }
    const match = await this.registry.match(requested);
    if (!match) {
      this.logger.warn(`${endpoint}: pgtUrl ${requested} refused: no service pattern allows it`);
      return failure('INVALID_PROXY_CALLBACK', `The proxy callback ${requested} is not allowed by configuration`);
    }
    // The PGT goes to exactly what the pattern matched, and that is what the chain records.
    const { rules, url: pgtUrl } = match;
    if (!rules.proxyCallback) {
      this.logger.warn(`${endpoint}: pgtUrl ${pgtUrl} refused: service ${rules.name} may not receive PGTs`);
      return failure(
        'UNAUTHORIZED_SERVICE_PROXY',
        `The service ${rules.name} is not allowed to receive proxy-granting tickets`,
      );
    }

    const { pgtId, pgtIou } = this.tickets.newProxyGrantingIds();
    const delivered = await this.callbacks.deliver(callbackUrl(pgtUrl, pgtId, pgtIou));
    if (!delivered.ok) {
      this.logger.warn(`${endpoint}: proxy callback ${pgtUrl} failed: ${delivered.reason}`);
      return failure('INVALID_PROXY_CALLBACK', `The proxy callback ${pgtUrl} failed: ${delivered.reason}`);
    }
    await this.tickets.storeProxyGrantingTicket(pgtId, {
      parent,
      pgtUrl,
      proxies: [pgtUrl, ...parent.proxies],
    });
    this.logger.log(`${endpoint}: proxy-granting ticket delivered to ${pgtUrl} for ${parent.username}`);
    this.metrics.ticketIssued('PGT');
    return { ok: true, pgtIou };
  }
}
