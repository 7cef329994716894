import { Injectable, Logger } from '@nestjs/common';
import type { Attributes } from '../common/attributes';
import { ValueTooLongError } from '../database/column-limits';
import { MetricsService } from '../metrics/metrics.service';
import { decideAccess, releaseAttributes, type AccessDecision } from '../services/attribute-release';
import type { ServiceRules } from '../services/service-rules';
import type { SsoSession } from '../sessions/sso-session.entity';
import type { Ticket } from '../tickets/ticket.entity';
import { TicketRegistry } from '../tickets/ticket-registry.service';

export type AccessRefusal = Extract<AccessDecision, { allowed: false }>;

export type GrantResult =
  | { issued: true; ticket: string }
  /** The service's rules do not let this user in. */
  | { issued: false; reason: 'refused'; decision: AccessRefusal }
  /** The name or attributes do not fit the ticket's columns: nothing was written. */
  | { issued: false; reason: 'too_long'; error: ValueTooLongError };

/** How one kind of grant is written down: the ticket itself and its log lines. */
interface GrantChannel {
  type: 'ST' | 'PT';
  issue(username: string, attributes: Attributes): Promise<string>;
  refused(decision: AccessRefusal): void;
  tooLong(error: ValueTooLongError): void;
  issued(): void;
}

/**
 * Issuing a ticket to a service for a user: the service's rules decide, the released
 * attributes go into the ticket, and the issue is logged and counted. The same for a service
 * ticket after a login (/login) and for a proxy ticket (/proxy); each keeps its own log lines.
 */
@Injectable()
export class ServiceTicketGrant {
  private readonly loginLogger = new Logger('login');
  private readonly proxyLogger = new Logger('proxy');

  constructor(
    private readonly tickets: TicketRegistry,
    private readonly metrics: MetricsService,
  ) {}

  /** A service ticket for the SSO session's user, for the URL the service's pattern matched. */
  serviceTicket(session: SsoSession, rules: ServiceRules, url: string, fromNewLogin: boolean): Promise<GrantResult> {
    const user = session.username;
    return this.grant(rules, user, session.attributes, {
      type: 'ST',
      issue: (username, attributes) =>
        this.tickets.issueServiceTicket({
          sessionId: session.id,
          authenticatedAt: session.createdAt,
          loginName: user,
          username,
          service: url,
          servicePatternId: rules.id,
          attributes,
          fromNewLogin,
          singleLogOut: rules.singleLogOut,
        }),
      refused: (decision) =>
        this.loginLogger.warn({
          msg: `user ${user} refused a ticket for ${url}: ${decision.message}`,
          event: 'ticket.refused',
          user,
          service: rules.name,
          url,
          session: session.id,
          reason: decision.message,
        }),
      // Refused before anything was written; the SSO session itself is whole and stays.
      tooLong: (error) => this.loginLogger.warn(`user ${user} refused a ticket for ${rules.name}: ${error.message}`),
      issued: () =>
        this.loginLogger.log({
          msg: `service ticket issued to ${user} for ${rules.name}`,
          event: 'ticket.issued',
          type: 'ST',
          user,
          service: rules.name,
          session: session.id,
        }),
    });
  }

  /** A proxy ticket through a proxy-granting ticket, with the attributes of its live session. */
  proxyTicket(pgt: Ticket, session: SsoSession, rules: ServiceRules, targetService: string): Promise<GrantResult> {
    const user = pgt.loginName;
    return this.grant(rules, user, session.attributes, {
      type: 'PT',
      issue: (username, attributes) =>
        this.tickets.issueProxyTicket({
          pgt,
          targetService,
          servicePatternId: rules.id,
          username,
          attributes,
          singleLogOut: rules.singleLogOut,
        }),
      refused: (decision) =>
        this.proxyLogger.warn(`/proxy: ${user} refused a proxy ticket for ${rules.name}: ${decision.message}`),
      tooLong: (error) =>
        this.proxyLogger.warn(`/proxy: ${user} refused a proxy ticket for ${rules.name}: ${error.message}`),
      issued: () =>
        this.proxyLogger.log({
          msg: `proxy ticket issued to ${user} for ${rules.name} through ${pgt.pgtUrl ?? '?'}`,
          event: 'ticket.issued',
          type: 'PT',
          user,
          service: rules.name,
          proxy: pgt.pgtUrl,
        }),
    });
  }

  private async grant(
    rules: ServiceRules,
    loginName: string,
    attributes: Attributes,
    channel: GrantChannel,
  ): Promise<GrantResult> {
    const decision = decideAccess(rules, loginName, attributes);
    if (!decision.allowed) {
      channel.refused(decision);
      return { issued: false, reason: 'refused', decision };
    }
    let ticket: string;
    try {
      ticket = await channel.issue(decision.username, releaseAttributes(rules, attributes));
    } catch (err) {
      if (!(err instanceof ValueTooLongError)) throw err;
      channel.tooLong(err);
      return { issued: false, reason: 'too_long', error: err };
    }
    channel.issued();
    this.metrics.ticketIssued(channel.type);
    return { issued: true, ticket };
  }
}
