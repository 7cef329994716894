import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { ServiceRegistry } from '../services/service-registry.service';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import type { Ticket } from '../tickets/ticket.entity';
import { ValueTooLongError } from '../database/column-limits';
import { callbackUrl, checkPgtUrl } from './pgt-url';
import { ProxyCallbackClient } from './proxy-callback';
import { failure, type ValidationFailure } from '../protocol/validation-outcome';

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
    let pgt: Ticket;
    try {
      pgt = this.tickets.prepareProxyGrantingTicket(pgtId, { parent, pgtUrl, proxies: [pgtUrl, ...parent.proxies] });
    } catch (err) {
      if (!(err instanceof ValueTooLongError)) throw err;
      this.logger.warn(`${endpoint}: no proxy-granting ticket for ${pgtUrl}: ${err.message}`);
      return failure('INVALID_PROXY_CALLBACK', 'The proxy chain is too long for another proxy-granting ticket');
    }
    const delivered = await this.callbacks.deliver(callbackUrl(pgtUrl, pgtId, pgtIou));
    if (!delivered.ok) {
      // The reason (a socket error, an address) is for the log; the client learns only that
      // the delivery failed.
      this.logger.warn(`${endpoint}: proxy callback ${pgtUrl} failed: ${delivered.reason}`);
      return failure('INVALID_PROXY_CALLBACK', `The proxy-granting ticket could not be delivered to ${pgtUrl}`);
    }
    await this.tickets.storeProxyGrantingTicket(pgt);
    this.logger.log({
      msg: `${endpoint}: proxy-granting ticket delivered to ${pgtUrl} for ${parent.username}`,
      event: 'ticket.issued',
      type: 'PGT',
      endpoint,
      user: parent.username,
      proxy: pgtUrl,
    });
    this.metrics.ticketIssued('PGT');
    return { ok: true, pgtIou };
  }
}
