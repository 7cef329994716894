import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, In, IsNull, LessThan, MoreThan, Not, Repository } from 'typeorm';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import type { Attributes } from '../common/attributes';
import { FastSql } from '../database/fast-sql';
import { generateTicketId } from './ticket-id';
import { TicketSql } from './ticket-sql';
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
  /** Issue and consumption are the hot path: single prepared statements (ticket-sql.ts). */
  private readonly sql: TicketSql;

  constructor(
    @InjectRepository(Ticket) private readonly repo: Repository<Ticket>,
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
  ) {
    this.sql = new TicketSql(new FastSql(repo.manager.connection));
  }

  async issueServiceTicket(request: ServiceTicketRequest): Promise<string> {
    const now = Date.now();
    const id = generateTicketId(this.config.ticketPrefix.ST, this.config.ticketLen.ST);
    await this.sql.insert({
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
    this.sql.check(ticket);
    return ticket;
  }

  /** Stores a prepared PGT, once its callback has answered 200 (a failed one leaves nothing). */
  async storeProxyGrantingTicket(ticket: Ticket): Promise<void> {
    await this.sql.insert(ticket);
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
    await this.sql.insert({
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
    return this.sql.consume(id, types, Date.now());
  }

  /**
   * Ends a session's tickets, its PGTs included (T-13, T-16), and returns those whose service
   * must be told (validated, of a Single Logout service). Each is claimed by deleting its row: only the process whose
   * DELETE removed it gets it back, so a logout request is never sent twice.
   */
  async endSession(sessionId: string): Promise<Ticket[]> {
    const candidates = await this.repo.find({
      where: { sessionId, singleLogOut: true, validatedAt: Not(IsNull()), type: In(['ST', 'PT']) },
    });
    const claimed = await this.claim(candidates);
    await this.repo.delete({ sessionId });
    return claimed;
  }

  private async claim(candidates: Ticket[]): Promise<Ticket[]> {
    const claimed: Ticket[] = [];
    for (const ticket of candidates) {
      const result = await this.repo.delete({ id: ticket.id });
      if (result.affected === 1) claimed.push(ticket);
    }
    return claimed;
  }

  /** Deletes up to `limit` tickets matching `where`; returns how many went. */
  async deleteBatch(where: FindOptionsWhere<Ticket> | FindOptionsWhere<Ticket>[], limit: number): Promise<number> {
    const rows = await this.repo.find({ select: { id: true }, where, take: limit });
    if (rows.length === 0) return 0;
    const result = await this.repo.delete({ id: In(rows.map((r) => r.id)) });
    return result.affected ?? 0;
  }

  /** Unvalidated tickets past their validity, and validated ones that need no logout. */
  deleteUseless(now: number, limit: number): Promise<number> {
    return this.deleteBatch(
      [
        { validatedAt: IsNull(), expiresAt: LessThan(now) },
        { validatedAt: Not(IsNull()), singleLogOut: false },
      ],
      limit,
    );
  }

  /** Validated Single Logout tickets older than CAS_TICKET_TIMEOUT, claimed for their logout. */
  async claimTimedOut(validatedBefore: number, limit: number): Promise<Ticket[]> {
    const candidates = await this.repo.find({
      where: { singleLogOut: true, validatedAt: LessThan(validatedBefore) },
      take: limit,
    });
    return this.claim(candidates);
  }
}
