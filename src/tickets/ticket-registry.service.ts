import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, MoreThan, Repository } from 'typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import type { Attributes } from '../config/env-parsers';
import { generateTicketId } from './ticket-id';
import { Ticket, TicketType } from './ticket.entity';

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
    @InjectRepository(Ticket) private readonly repo: Repository<Ticket>,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {}

  async issueServiceTicket(request: ServiceTicketRequest): Promise<string> {
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.ST, this.config.ticketLen.ST);
    await this.repo.insert({
      id,
      type: 'ST',
      ...request,
      createdAt: now,
      expiresAt: now + this.config.ticketValidity * 1000,
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
   * Stores a PGT, once its callback has answered 200 (so a failed callback leaves nothing
   * behind). It belongs to the parent's SSO session and dies with it (T-13, T-16).
   */
  async storeProxyGrantingTicket(pgtId: string, request: ProxyGrantingTicketRequest): Promise<void> {
    const { parent } = request;
    const now = Date.now();
    await this.repo.insert({
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
      expiresAt: now + this.config.pgtValidity * 1000,
      validatedAt: null,
      proxies: request.proxies,
      pgtUrl: request.pgtUrl,
    });
  }

  /**
   * A PGT that has not expired, or null. PGTs are multi-use (P-06): looking one up never
   * spends it; whether its SSO session still lives is the caller's check.
   */
  findProxyGrantingTicket(id: string): Promise<Ticket | null> {
    return this.repo.findOne({ where: { id, type: 'PGT', expiresAt: MoreThan(Date.now()) } });
  }

  /** A PT for `targetService`, carrying the PGT's proxy chain (V-22). */
  async issueProxyTicket(request: ProxyTicketRequest): Promise<string> {
    const { pgt } = request;
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.PT, this.config.ticketLen.PT);
    await this.repo.insert({
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
      expiresAt: now + this.config.ticketValidity * 1000,
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
    const result = await this.repo.update({ id, type: In(types), validatedAt: IsNull() }, { validatedAt: Date.now() });
    if (result.affected !== 1) return null;
    return this.repo.findOne({ where: { id } });
  }

  /** Tickets of a session that were never validated die with it (T-16). */
  async revokeUnvalidated(sessionId: string): Promise<void> {
    await this.repo.delete({ sessionId, validatedAt: IsNull() });
  }

  /** The session's PGTs die with it (T-13): no PT can be minted from them afterwards. */
  async revokeProxyGrantingTickets(sessionId: string): Promise<void> {
    await this.repo.delete({ sessionId, type: 'PGT' });
  }
}
