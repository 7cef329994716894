import { Inject, Injectable } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import type { Attributes } from '../common/attributes';
import { generateTicketId } from './ticket-id';
import { Ticket, TicketType } from './ticket.entity';
import { TicketRepository } from './ticket.repository';

export interface ServiceTicketRequest {
  sessionId: string;
  authenticatedAt: number;
  loginName: string;
  /** The name the service receives. */
  username: string;
  service: string;
  servicePatternId: number;
  attributes: Attributes;
  fromNewLogin: boolean;
  singleLogOut: boolean;
}

/** What a proxy-granting ticket records besides its id: who, for which proxy, through which chain. */
export interface ProxyGrantingTicketRequest {
  /** The ticket (ST or PT) whose validation asked for the PGT. */
  parent: Ticket;
  pgtUrl: string;
  /** Every proxy of the chain, the new pgtUrl first (P-18, P-21). */
  proxies: string[];
}

export interface ProxyTicketRequest {
  pgt: Ticket;
  targetService: string;
  servicePatternId: number;
  /** The name the target service receives. */
  username: string;
  attributes: Attributes;
  singleLogOut: boolean;
}

/** Issues service, proxy and proxy-granting tickets and lets each ST/PT be validated exactly once. */
@Injectable()
export class TicketRegistry {
  constructor(
    private readonly repo: TicketRepository,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

  async issueServiceTicket(request: ServiceTicketRequest): Promise<string> {
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.ST, this.config.ticketLen.ST);
    await this.repo.insertTicket({
      id,
      type: 'ST',
      ...request,
      createdAt: now,
      expiresAt: now + this.config.ticketValidityMs,
      validatedAt: null,
      proxies: [],
      pgtUrl: null,
    });
    return id;
  }

  /** A fresh PGT id and its IOU, drawn independently (T-07); nothing is stored yet. */
  newProxyGrantingIds(): { pgtId: string; pgtIou: string } {
    return {
      pgtId: generateTicketId(this.config.ticketPrefix.PGT, this.config.ticketLen.PGT),
      pgtIou: generateTicketId(this.config.ticketPrefix.PGTIOU, this.config.ticketLen.PGTIOU),
    };
  }

  /**
   * The PGT row for `pgtId`, checked against its columns (ValueTooLongError: a proxy chain or
   * pgtUrl too long) before its callback is even called. It belongs to the parent's SSO
   * session and dies with it (T-13, T-16).
   */
  prepareProxyGrantingTicket(pgtId: string, request: ProxyGrantingTicketRequest): Ticket {
    const { parent } = request;
    const now = Date.now();
    const ticket = Object.assign(new Ticket(), {
      id: pgtId,
      type: 'PGT',
      sessionId: parent.sessionId,
      authenticatedAt: parent.authenticatedAt,
      loginName: parent.loginName,
      username: parent.username,
      service: parent.service,
      servicePatternId: parent.servicePatternId,
      attributes: {},
      fromNewLogin: false,
      singleLogOut: false,
      createdAt: now,
      expiresAt: now + this.config.pgtValidityMs,
      validatedAt: null,
      proxies: request.proxies,
      pgtUrl: request.pgtUrl,
    } satisfies Ticket);
    this.repo.assertTicketFits(ticket);
    return ticket;
  }

  /** Stores a prepared PGT, once its callback has answered 200 (a failed one leaves nothing). */
  async storeProxyGrantingTicket(ticket: Ticket): Promise<void> {
    await this.repo.insertTicket(ticket);
  }

  /**
   * A PGT that has not expired, or null. PGTs are multi-use (P-06): looking one up never
   * spends it; whether its SSO session still lives is the caller's check.
   */
  findProxyGrantingTicket(id: string): Promise<Ticket | null> {
    return this.repo.loadProxyGrantingTicket(id, Date.now());
  }

  /** A PT for `targetService`, carrying the PGT's proxy chain (V-22). */
  async issueProxyTicket(request: ProxyTicketRequest): Promise<string> {
    const { pgt } = request;
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.PT, this.config.ticketLen.PT);
    await this.repo.insertTicket({
      id,
      type: 'PT',
      sessionId: pgt.sessionId,
      authenticatedAt: pgt.authenticatedAt,
      loginName: pgt.loginName,
      username: request.username,
      service: request.targetService,
      servicePatternId: request.servicePatternId,
      attributes: request.attributes,
      fromNewLogin: false,
      singleLogOut: request.singleLogOut,
      createdAt: now,
      expiresAt: now + this.config.ticketValidityMs,
      validatedAt: null,
      proxies: pgt.proxies,
      pgtUrl: null,
    });
    return id;
  }

  /**
   * Marks the ticket as used and returns it, or null when it is unknown, of another type or
   * already used. One conditional UPDATE decides, so concurrent attempts, in one process or
   * many, get at most one ticket back; whatever the caller then finds wrong, the ticket is spent.
   */
  async consume(id: string, types: TicketType[]): Promise<Ticket | null> {
    return this.repo.consumeTicket(id, types, Date.now());
  }

  /**
   * Ends a session's tickets, its PGTs included (T-13, T-16), and returns those whose service
   * must be told (validated, of a Single Logout service). Each is claimed by deleting its row: only the process whose
   * DELETE removed it gets it back, so a logout request is never sent twice.
   */
  async endSession(sessionId: string): Promise<Ticket[]> {
    const claimed = await this.claim(await this.repo.findLoggedInTickets(sessionId));
    await this.repo.deleteSessionTickets(sessionId);
    return claimed;
  }

  private async claim(candidates: Ticket[]): Promise<Ticket[]> {
    const claimed: Ticket[] = [];
    for (const ticket of candidates) {
      if (await this.repo.deleteTicket(ticket.id)) claimed.push(ticket);
    }
    return claimed;
  }

  /** Unvalidated tickets past their validity, and validated ones that need no logout. */
  deleteUseless(now: number, limit: number): Promise<number> {
    return this.repo.deleteUseless(now, limit);
  }

  /** Validated Single Logout tickets older than CAS_TICKET_TIMEOUT, claimed for their logout. */
  async claimTimedOut(validatedBefore: number, limit: number): Promise<Ticket[]> {
    return this.claim(await this.repo.findValidatedBefore(validatedBefore, limit));
  }
}
