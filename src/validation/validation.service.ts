import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { sameService } from '../services/service-url';
import { TicketRegistry } from '../tickets/ticket-registry.service';
import { TICKET_SHAPE } from '../tickets/ticket-id';
import type { TicketType } from '../tickets/ticket.entity';
import { ProxyGrantingService } from '../proxy/proxy-granting.service';
import { failure, type ValidationOutcome } from '../protocol/validation-outcome';

export interface ValidationRequest {
  ticket?: string;
  service?: string;
  renew: boolean;
  pgtUrl?: string;
  /** /proxyValidate and /p3/proxyValidate accept proxy tickets too. */
  acceptProxyTickets: boolean;
  endpoint: string;
}

/** Ticket validation shared by /validate, /serviceValidate, /proxyValidate and /p3/*. */
@Injectable()
export class ValidationService {
  private readonly logger = new Logger('validate');

  constructor(
    private readonly tickets: TicketRegistry,
    private readonly proxyGranting: ProxyGrantingService,
    private readonly metrics: MetricsService,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

  validate(request: ValidationRequest): Promise<ValidationOutcome> {
    return this.metrics.validation(request.endpoint, request.ticket, () => this.check(request));
  }

  private async check(request: ValidationRequest): Promise<ValidationOutcome> {
    const { ticket, service } = request;
    if (!ticket) return failure('INVALID_REQUEST', "'ticket' and 'service' parameters are both required");
    if (!TICKET_SHAPE.test(ticket)) return failure('INVALID_TICKET', 'Ticket not recognized');

    // Any attempt spends the ticket (E-10), including one without a service (E-12).
    const types: TicketType[] = ['ST', 'PT'];
    const found = await this.tickets.consume(ticket, types);
    if (!service) {
      return failure('INVALID_REQUEST', "'ticket' and 'service' parameters are both required");
    }
    if (!found) {
      this.logger.warn({
        msg: `${request.endpoint}: ticket ${redact(ticket)} not recognized`,
        event: 'ticket.rejected',
        endpoint: request.endpoint,
        code: 'INVALID_TICKET',
      });
      return failure('INVALID_TICKET', `Ticket ${ticket} not recognized`);
    }
    if (found.type === 'PT' && !request.acceptProxyTickets) {
      this.logger.warn({
        msg: `${request.endpoint}: proxy ticket ${redact(ticket)} refused`,
        event: 'ticket.rejected',
        endpoint: request.endpoint,
        code: 'INVALID_TICKET_SPEC',
        user: found.username,
        url: found.service,
      });
      return failure('INVALID_TICKET_SPEC', `Ticket ${ticket} is a proxy ticket: validate it at /proxyValidate`);
    }
    if (found.expiresAt <= Date.now()) {
      this.logger.warn({
        msg: `${request.endpoint}: ticket ${redact(ticket)} expired`,
        event: 'ticket.rejected',
        endpoint: request.endpoint,
        code: 'INVALID_TICKET',
        reason: 'expired',
        user: found.username,
        url: found.service,
      });
      return failure('INVALID_TICKET', `Ticket ${ticket} has expired`);
    }
    if (!sameService(found.service, service)) {
      this.logger.warn({
        msg: `${request.endpoint}: ticket ${redact(ticket)} presented for another service`,
        event: 'ticket.rejected',
        endpoint: request.endpoint,
        code: 'INVALID_SERVICE',
        user: found.username,
        url: found.service,
      });
      return failure('INVALID_SERVICE', `Ticket ${ticket} was not issued for this service`);
    }
    if (request.renew && !found.fromNewLogin) {
      this.logger.warn({
        msg: `${request.endpoint}: ticket ${redact(ticket)} not from a new login but renew was asked`,
        event: 'ticket.rejected',
        endpoint: request.endpoint,
        code: 'INVALID_TICKET',
        reason: 'renew',
        user: found.username,
        url: found.service,
      });
      return failure('INVALID_TICKET', `Ticket ${ticket} was not issued from a new login, as renew requires`);
    }
    // The callback completes before the answer leaves (P-16); its failure fails the
    // validation, the ticket staying spent (E-14, P-15). An empty pgtUrl means none.
    let pgtIou: string | undefined;
    if (request.pgtUrl) {
      const granted = await this.proxyGranting.grant(found, request.pgtUrl, request.endpoint);
      if (!granted.ok) return granted;
      pgtIou = granted.pgtIou;
    }

    this.logger.log({
      msg: `${request.endpoint}: ticket for ${found.username} validated by ${found.service}`,
      event: 'ticket.validated',
      endpoint: request.endpoint,
      user: found.username,
      url: found.service,
    });
    // Serialised only when it will be printed: this runs on every validation.
    if (this.config.logLevel === 'debug') {
      this.logger.debug(`attributes sent to ${found.service}: ${JSON.stringify(found.attributes)}`);
    }
    return {
      ok: true,
      user: found.username,
      authenticationDate: new Date(found.authenticatedAt),
      longTermAuthenticationRequestTokenUsed: false,
      isFromNewLogin: found.fromNewLogin,
      attributes: found.attributes,
      pgtIou,
      proxies: found.proxies,
    };
  }
}

/** Tickets are secrets until used: logs show their beginning only (SEC-20). */
export function redact(ticket: string): string {
  return ticket.length > 12 ? `${ticket.slice(0, 12)}…` : ticket;
}
